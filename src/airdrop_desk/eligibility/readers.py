"""Each published list format as rows of (line, identity, amount text).

- rotki's airdrop index (``index_v4.json``): its ``airdrops`` object names one CSV or
  CSV.gz per key, with header ``address,amount``; ``file_path`` is relative to the
  folder above the index's own folder, as in rotki's data repository;
- Uniswap's merkle-distributor JSON: ``claims`` by address, amounts in hex base units;
- Starknet-provisions identity lists: ``eligibles`` of ``identity`` and ``amount``;
- any CSV or TSV, with the address and amount columns named (or numbered from 1).

CSV is streamed (``sources.lines``); JSON is read whole but capped, and decoded with
msgspec into only the fields used, so a merkle file's proofs are never built as objects.
A JSON "line" in messages is the entry's position in its list.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from airdrop_desk.eligibility.sources import AllocationError, Limits, lines, open_text, read_capped

Row = tuple[int, str, str]  # line, identity, amount text


class _Asset(msgspec.Struct):
    symbol: str = ""
    decimals: int | None = None


class _RotkiEntry(msgspec.Struct):
    file_path: str
    file_hash: str
    name: str = ""
    url: str = ""
    asset_identifier: str = ""
    cutoff_time: int | None = None
    new_asset_data: _Asset | None = None


class _RotkiIndex(msgspec.Struct):
    airdrops: dict[str, _RotkiEntry]


class _Claim(msgspec.Struct):
    amount: str


class _Merkle(msgspec.Struct):
    claims: dict[str, _Claim]


class _Eligible(msgspec.Struct):
    identity: str
    amount: msgspec.Raw


class _Identities(msgspec.Struct):
    eligibles: list[_Eligible]


@dataclass(frozen=True)
class IndexEntry:
    """One list of a rotki index."""

    key: str
    file_path: str
    sha256: str
    name: str
    url: str
    symbol: str
    decimals: int | None
    deadline: dt.datetime | None


def guess_format(path: Path, limits: Limits, label: str) -> str:
    """rotki, merkle, identities or csv, from the file's first bytes."""
    with open_text(path, limits, label) as f:
        try:
            head = f.read(65536)
        except UnicodeDecodeError:
            raise AllocationError(f"{label}: not UTF-8 text.") from None
    start = head.lstrip()
    if start.startswith("{"):
        for key, fmt in (('"airdrops"', "rotki"), ('"claims"', "merkle"),
                         ('"eligibles"', "identities")):  # fmt: skip
            if key in head:
                return fmt
        raise AllocationError(
            f"{label}: a JSON file that is not a rotki index, a merkle-distributor list "
            "or an identity list."
        )
    return "csv"


def _decode(data: bytes, kind: type, label: str, what: str) -> object:
    try:
        return msgspec.json.decode(data, type=kind)
    except msgspec.DecodeError as exc:
        raise AllocationError(f"{label}: not {what} ({exc}).") from None


def rotki_index(path: Path, limits: Limits, label: str) -> list[IndexEntry]:
    index = _decode(read_capped(path, limits, label), _RotkiIndex, label, "a rotki index")
    assert isinstance(index, _RotkiIndex)
    entries = []
    for key, e in index.airdrops.items():
        asset = e.new_asset_data
        deadline = dt.datetime.fromtimestamp(e.cutoff_time, dt.UTC) if e.cutoff_time else None
        if not e.file_path.endswith((".csv", ".csv.gz")):
            raise AllocationError(f"{label}: entry '{key}' names {e.file_path}, not a CSV file.")
        entries.append(
            IndexEntry(
                key,
                e.file_path,
                e.file_hash.lower().removeprefix("0x"),
                e.name or key,
                e.url,
                asset.symbol if asset else "",
                asset.decimals if asset else None,
                deadline,
            )
        )
    return entries


def _delimiter(header: str) -> str:
    if "\t" in header:
        return "\t"
    if ";" in header and "," not in header:
        return ";"
    return ","


def _column(names: list[str], wanted: str, label: str, what: str) -> int:
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    folded = [n.strip().casefold() for n in names]
    if wanted.strip().casefold() in folded:
        return folded.index(wanted.strip().casefold())
    raise AllocationError(
        f"{label}: line 1: no {what} column '{wanted}'; the columns are {', '.join(names)}."
    )


def csv_rows(
    path: Path,
    limits: Limits,
    label: str,
    address_column: str | None = None,
    amount_column: str | None = None,
    strict_header: bool = False,
) -> Generator[Row, None, None]:
    """Rows of a CSV/TSV file; ``strict_header``: the header must be ``address,amount``."""
    with open_text(path, limits, label) as f:
        source = lines(f, limits, label)
        first = next(source, None)
        if first is None:
            return
        delimiter = _delimiter(first)
        names = next(csv.reader([first], delimiter=delimiter))
        if strict_header and [n.strip().casefold() for n in names] != ["address", "amount"]:
            raise AllocationError(
                f"{label}: line 1: the header is '{first.strip()[:80]}', not 'address,amount'."
            )
        if address_column is None and amount_column is None:
            folded = [n.strip().casefold() for n in names]
            if "address" not in folded or "amount" not in folded:
                raise AllocationError(
                    f"{label}: line 1: the header is '{first.strip()[:80]}', not "
                    "'address,amount'; name the columns to use (--address-column, "
                    "--amount-column)."
                )
        a = _column(names, address_column or "address", label, "address")
        b = _column(names, amount_column or "amount", label, "amount")
        width = max(a, b)
        line = 1
        for record in csv.reader(source, delimiter=delimiter):
            line += 1
            if not record:
                continue
            if len(record) <= width:
                raise AllocationError(f"{label}: line {line}: {len(record)} column(s), too few.")
            yield line, record[a], record[b]


def merkle_rows(path: Path, limits: Limits, label: str) -> Generator[Row, None, None]:
    found = _decode(read_capped(path, limits, label), _Merkle, label, "a merkle-distributor list")
    assert isinstance(found, _Merkle)
    for n, (address, claim) in enumerate(found.claims.items(), 1):
        yield n, address, claim.amount


def identity_rows(path: Path, limits: Limits, label: str) -> Generator[Row, None, None]:
    found = _decode(read_capped(path, limits, label), _Identities, label, "an identity list")
    assert isinstance(found, _Identities)
    for n, item in enumerate(found.eligibles, 1):
        text = bytes(item.amount).decode().strip()
        if text.startswith('"') and text.endswith('"'):
            text = text[1:-1]
        yield n, item.identity, text

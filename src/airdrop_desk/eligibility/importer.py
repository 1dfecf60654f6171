"""Importing allocation lists: ``prepare`` gets the files, ``apply`` stores them.

``prepare`` touches no database: it downloads what the user asked for (or reads the
local files), checks a rotki entry's ``file_hash`` against the file's sha256 and says
which lists there are. ``apply`` streams every list's rows into storage inside ONE
transaction: an error (a bad row names its file and line), a collision or a cancel
leaves the database exactly as before. A list already stored from the same source with
the same sha256 is left as it is (a no-op); a changed one replaces its rows under the
same id, within that transaction.

A list's rows go to storage as one ``executemany`` reading a generator, with a progress
call and a cancel check every 10,000 rows; nothing holds more than a row, so a million
rows need a few megabytes besides SQLite's page cache (``AllocRepo.bulk_cache``, 64 MB
during an import). Rows are not sorted: a sort holds the interpreter lock for tens of
milliseconds (the window would stall), and with that cache unsorted inserts are as fast.

Amounts: base units are detected (only whole numbers, and the
largest of the first rows at least 10**12: nobody gets a trillion tokens) or declared
(``units``); merkle amounts are hex base units. Decimals come from the user, the rotki
entry's ``new_asset_data``, or 18.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from airdrop_desk.core.allocations import INT64, MAX_DECIMALS, AllocList, encode_amount
from airdrop_desk.eligibility import identity, readers, sources
from airdrop_desk.eligibility.identity import normaliser
from airdrop_desk.eligibility.sources import AllocationError, Cancelled, Fetched, Limits

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.storage.alloc_repo import AllocRepo

BATCH = 10_000
DETECT_ROWS = 1000
BASE_UNITS_FROM = 10**12
DEFAULT_DECIMALS = 18
Progress = Callable[[int, str], None]  # rows so far, which list


class ProjectLike(Protocol):
    id: str
    name: str
    token: str | None

    @property
    def alias_list(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Request:
    """What the user asked to import (``airdrop-desk eligibility import`` / the dialog)."""

    source: str
    format: str | None = None  # rotki, merkle, identities, csv; None: guessed
    project: str | None = None  # id, name or alias; None: matched by name or domain
    token: str | None = None
    decimals: int | None = None
    units: str = "auto"  # auto, base, whole
    only: tuple[str, ...] = ()
    address_column: str | None = None
    amount_column: str | None = None
    deadline: dt.datetime | None = None


@dataclass(frozen=True)
class Planned:
    """One list ready to store: its file and what is known of it."""

    fetched: Fetched
    source: str
    entry: str
    format: str
    name: str
    url: str = ""
    token: str = ""
    decimals: int | None = None
    deadline: dt.datetime | None = None


@dataclass
class Plan:
    request: Request
    lists: list[Planned] = field(default_factory=list)
    folder: tempfile.TemporaryDirectory[str] | None = None

    def close(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


@dataclass(frozen=True)
class Imported:
    """What became of one list: ``outcome`` is imported, replaced (a changed file),
    reimported (the same file with other settings) or unchanged."""

    list: AllocList
    outcome: str

    def describe(self, project_name: str | None = None) -> str:
        item = self.list
        if self.outcome == "unchanged":
            return f"{item.name}: unchanged since {item.imported_at.date().isoformat()}."
        text = f"{item.name}: {item.rows:,} rows"
        if item.duplicates:
            text += f", {item.duplicates:,} duplicates summed"
        linked = project_name or item.project_id
        text += f", linked to {linked}" if linked else ", not linked to a project"
        ending = {"replaced": " (replaced the earlier file).",
                  "reimported": " (imported again with the settings given)."}  # fmt: skip
        return text + ending.get(self.outcome, ".")


# -- prepare: files, no database -------------------------------------------------------
def prepare(
    request: Request, limits: Limits | None = None, cancel: Callable[[], bool] = lambda: False
) -> Plan:
    """The files of ``request``, fetched and checked; ``Plan.close()`` removes downloads."""
    plan = Plan(request)
    try:
        _prepare(plan, limits or Limits(), cancel)
    except BaseException:
        plan.close()
        raise
    if not plan.lists:
        plan.close()
        raise AllocationError(f"{request.source}: no allocation list found there.")
    return plan


def _folder(plan: Plan) -> Path:
    if plan.folder is None:
        plan.folder = tempfile.TemporaryDirectory(prefix="airdrop-desk-lists-")
    return Path(plan.folder.name)


def _fetch(plan: Plan, where: str, limits: Limits, cancel: Callable[[], bool]) -> Fetched:
    if sources.is_url(where):
        return sources.download(where, _folder(plan), limits, cancel)
    return sources.local(Path(where).expanduser(), where)


def _prepare(plan: Plan, limits: Limits, cancel: Callable[[], bool]) -> None:
    request = plan.request
    where = request.source
    if not sources.is_url(where) and Path(where).expanduser().is_dir():
        folder = Path(where).expanduser().resolve()
        index = next((p for p in (folder / "index_v4.json", folder / "airdrops" / "index_v4.json")
                      if p.is_file()), None)  # fmt: skip
        if index is not None:
            _plan_rotki(plan, str(index), sources.local(index), limits, cancel)
            return
        for path in sorted(folder.iterdir()):
            if path.name.endswith((".csv", ".csv.gz", ".tsv", ".json", ".json.gz")):
                _plan_file(plan, str(path), sources.local(path), limits)
        return
    if not sources.is_url(where):
        where = str(Path(where).expanduser().resolve())
    fetched = _fetch(plan, where, limits, cancel)
    fmt = request.format or readers.guess_format(fetched.path, limits, fetched.label)
    if fmt == "rotki":
        _plan_rotki(plan, where, fetched, limits, cancel)
    else:
        _plan_file(plan, where, fetched, limits, fmt)


def _plan_file(
    plan: Plan, source: str, fetched: Fetched, limits: Limits, fmt: str | None = None
) -> None:
    fmt = fmt or plan.request.format or readers.guess_format(fetched.path, limits, fetched.label)
    name = Path(urlsplit(source).path).name
    for suffix in (".gz", ".csv", ".tsv", ".json"):
        name = name.removesuffix(suffix)
    plan.lists.append(Planned(fetched, source, "", fmt, name or source))


def _plan_rotki(
    plan: Plan, index_at: str, index: Fetched, limits: Limits, cancel: Callable[[], bool]
) -> None:
    entries = readers.rotki_index(index.path, limits, index.label)
    only = plan.request.only
    unknown = [k for k in only if k not in {e.key for e in entries}]
    if unknown:
        raise AllocationError(
            f"{index.label}: no entry {', '.join(unknown)}; it has "
            f"{', '.join(e.key for e in entries)}."
        )
    for entry in entries:
        if only and entry.key not in only:
            continue
        if cancel():
            raise Cancelled()
        # file_path is relative to the folder above the index's own folder.
        if sources.is_url(index_at):
            where = sources.join_url(index_at, "../" + entry.file_path)
        else:
            where = str(Path(index_at).parent.parent / entry.file_path)
        fetched = _fetch(plan, where, limits, cancel)
        if fetched.sha256 != entry.sha256:
            raise AllocationError(
                f"{fetched.label}: its sha256 is {fetched.sha256}, but the index says "
                f"{entry.sha256}: the file is not the one the index names."
            )
        plan.lists.append(
            Planned(
                fetched,
                index_at,
                entry.key,
                "rotki",
                entry.name,
                entry.url,
                entry.symbol,
                entry.decimals,
                entry.deadline,
            )
        )


# -- the stored lists ------------------------------------------------------------------
def stored(db: Database) -> list[AllocList]:
    """The stored lists, oldest first."""
    from airdrop_desk.storage.alloc_repo import AllocRepo

    return AllocRepo(db).lists()


def remove(db: Database, list_id: int) -> AllocList | None:
    """Delete a list with its rows (one transaction); None when there is no such list."""
    from airdrop_desk.storage.alloc_repo import AllocRepo

    return AllocRepo(db).remove(list_id)


# -- apply: one transaction ----------------------------------------------------------
def find_project(key: str, projects: Iterable[ProjectLike]) -> ProjectLike | None:
    wanted = key.strip().casefold()
    for p in projects:
        if wanted in (n.casefold() for n in (p.id, p.name, *p.alias_list)):
            return p
    return None


def link_project(item: Planned, projects: Sequence[ProjectLike]) -> ProjectLike | None:
    """The project a list belongs to: by its name, its key, or its website's domain."""
    words = [item.name, item.entry]
    host = urlsplit(item.url).hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "app", "claim", "airdrop")]
    if len(parts) >= 2:
        words.append(parts[-2])
    for word in words:
        if word and (found := find_project(word, projects)) is not None:
            return found
    return None


def apply(
    db: Database,
    plan: Plan,
    projects: Sequence[ProjectLike] = (),
    progress: Progress | None = None,
    cancel: Callable[[], bool] = lambda: False,
    limits: Limits | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> list[Imported]:
    """Store every list of ``plan`` in one transaction; raises and writes nothing on error."""
    from airdrop_desk.storage.alloc_repo import AllocRepo, KeyCollision

    request = plan.request
    limits = limits or Limits()
    chosen = None
    if request.project:
        chosen = find_project(request.project, projects)
        if chosen is None:
            raise AllocationError(f"There is no project “{request.project}” in the catalog.")
    repo = AllocRepo(db)
    done: list[Imported] = []
    try:
        with repo.bulk_cache(), db.atomic():
            for item in plan.lists:
                old = repo.find(item.source, item.entry)
                same_file = old is not None and old.sha256 == item.fetched.sha256
                if old is not None and same_file and _same_settings(old, item, request, chosen):
                    done.append(Imported(old, "unchanged"))
                    continue
                project = chosen or link_project(item, projects)
                stored = _store(repo, item, request, project, progress, cancel, limits, now)
                outcome = "imported" if old is None else "reimported" if same_file else "replaced"
                done.append(Imported(stored, outcome))
    except KeyCollision as exc:
        raise AllocationError(f"{plan.request.source}: {exc}; not imported.") from None
    return done


def _same_settings(
    old: AllocList, item: Planned, request: Request, chosen: ProjectLike | None
) -> bool:
    """Whether what the user asked for now is what the stored list was imported with:
    the same command again is a no-op, while another project, token, decimals, deadline,
    format or a declared unit (a detection to correct) imports the same file again."""
    return (
        request.units == "auto"
        and item.format == old.format
        and (chosen is None or chosen.id == old.project_id)
        and (not request.token or request.token.upper() == old.token)
        and (request.decimals is None or request.decimals == old.decimals)
        and (request.deadline is None or request.deadline == old.deadline)
    )


def _store(
    repo: AllocRepo,
    item: Planned,
    request: Request,
    project: ProjectLike | None,
    progress: Progress | None,
    cancel: Callable[[], bool],
    limits: Limits,
    now: Callable[[], dt.datetime],
) -> AllocList:
    label = item.fetched.label
    decimals = request.decimals if request.decimals is not None else item.decimals
    decimals = DEFAULT_DECIMALS if decimals is None else decimals
    if not 0 <= decimals <= MAX_DECIMALS:
        raise AllocationError(f"{label}: {decimals} decimals is outside 0..{MAX_DECIMALS}.")
    list_id = repo.begin(item.source, item.entry, item.format, item.name)
    source = _rows(item, request, limits)
    try:
        return _store_rows(repo, item, request, project, list_id, decimals, source, progress,
                           cancel, now)  # fmt: skip
    finally:
        source.close()  # the file, at once, also when a row was refused


def _store_rows(
    repo: AllocRepo,
    item: Planned,
    request: Request,
    project: ProjectLike | None,
    list_id: int,
    decimals: int,
    source: Generator[readers.Row, None, None],
    progress: Progress | None,
    cancel: Callable[[], bool],
    now: Callable[[], dt.datetime],
) -> AllocList:
    label = item.fetched.label
    rows: Iterator[readers.Row] = source
    units = "base" if item.format == "merkle" else request.units
    if units == "auto":
        head = list(itertools.islice(rows, DETECT_ROWS))
        units = _detect(head)
        rows = itertools.chain(head, rows)
    amount = _amount_parser(units, decimals, label)
    handles = item.format == "identities"
    counted = [0, 0]  # rows, base units in all

    def encoded() -> Iterator[tuple[int, int, int | bytes, int]]:
        # One executemany reads this whole list: the names it uses are bound locally,
        # and each row costs a handful of calls (normal form, amount, hash, key).
        norm, key_of, name = normaliser(handles), identity.key_of, item.name
        count = total = 0
        for line, who, text in rows:
            normal = norm(who)
            if normal is None:
                what = "an address or handle" if handles else "an address"
                raise AllocationError(f"{label}: line {line}: '{who[:80]}' is not {what}.")
            base = amount(text, line)
            key, chk = key_of(normal)
            total += base
            count += 1
            yield key, list_id, base if base < INT64 else encode_amount(base), chk
            if not count % BATCH:
                if cancel():
                    raise Cancelled()
                if progress is not None:
                    progress(count, name)
        counted[:] = count, total

    repo.insert_rows(encoded())
    count, total = counted
    if cancel():
        raise Cancelled()
    if progress is not None:
        progress(count, item.name)
    if count == 0:
        raise AllocationError(f"{label}: the list is empty.")
    stored = AllocList(
        list_id, item.name, project.id if project else None,
        (request.token or item.token or (project.token if project else None) or "").upper(),
        decimals, count - repo.duplicates, repo.duplicates, total,
        request.deadline or item.deadline, item.format, item.source, item.entry,
        item.fetched.sha256, now(),
    )  # fmt: skip
    repo.finish(stored)
    return stored


def _rows(item: Planned, request: Request, limits: Limits) -> Generator[readers.Row, None, None]:
    path, label = item.fetched.path, item.fetched.label
    if item.format == "merkle":
        return readers.merkle_rows(path, limits, label)
    if item.format == "identities":
        return readers.identity_rows(path, limits, label)
    if item.format == "rotki":
        return readers.csv_rows(path, limits, label, strict_header=True)
    return readers.csv_rows(path, limits, label, request.address_column, request.amount_column)


def _detect(head: list[readers.Row]) -> str:
    texts = [t.strip() for _line, _identity, t in head]
    if texts and all(t.isdigit() for t in texts) and max(int(t) for t in texts) >= BASE_UNITS_FROM:
        return "base"
    return "whole"


def _amount_parser(units: str, decimals: int, label: str) -> Callable[[str, int], int]:
    factor: int = 10**decimals

    def bad(text: str, line: int, why: str) -> AllocationError:
        return AllocationError(f"{label}: line {line}: '{text[:40]}' is not {why}.")

    if units == "base":

        def base(text: str, line: int) -> int:
            text = text.strip()
            if text.isdigit():
                return int(text)
            if text[:2].lower() == "0x":
                try:
                    return int(text, 16)
                except ValueError:
                    pass
            raise bad(text, line, "an amount in base units (a whole number)")

        return base

    def whole(text: str, line: int) -> int:
        text = text.strip()
        if text.isdigit():
            return int(text) * factor
        whole_part, dot, fraction = text.partition(".")
        if dot and (whole_part.isdigit() or not whole_part) and fraction.isdigit():
            if len(fraction) > decimals:
                fraction = fraction.rstrip("0")
                if len(fraction) > decimals:
                    raise bad(text, line, f"an amount with at most {decimals} decimals")
            return int(whole_part or 0) * factor + int(fraction.ljust(decimals, "0") or 0)
        try:
            value = Decimal(text) * factor
        except InvalidOperation:
            raise bad(text, line, "an amount") from None
        if not value.is_finite() or value < 0 or value != value.to_integral_value():
            raise bad(text, line, f"an amount of 0 or more with at most {decimals} decimals")
        return int(value)

    return whole

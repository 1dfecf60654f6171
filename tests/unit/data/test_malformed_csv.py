"""Malformed CSV exports (a .zip, or a folder): each import is refused with a message naming the
file, table, row and column where it can, and the data folder keeps every byte.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from data_helpers import export_world, refuse_import
from test_malformed_exports import COLUMNS

from airdrop_desk.storage.csvtext import format_row, parse_rows

Files = dict[str, bytes]
MB = 1024 * 1024


def unzip(blob: bytes) -> Files:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: Files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, blob in files.items():
            archive.writestr(name, blob)
    return buffer.getvalue()


def manifest(change: Callable[[dict[str, Any]], None]) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        doc = json.loads(files["manifest.json"])
        change(doc)
        files["manifest.json"] = json.dumps(doc).encode()

    return edit


def rows_of(
    table: str, change: Callable[[list[list[str | None]]], None], recount: int = 0
) -> Callable[[Files], None]:
    """Edit a table's parsed CSV rows (header first); ``recount`` fixes the manifest's count."""

    def edit(files: Files) -> None:
        rows = parse_rows(files[f"{table}.csv"].decode("utf-8"))
        change(rows)
        files[f"{table}.csv"] = "".join(format_row(r) for r in rows).encode("utf-8")
        if recount:
            manifest(
                lambda d: next(t for t in d["tables"] if t["name"] == table).__setitem__(
                    "rows", len(rows) - 1
                )
            )(files)

    return edit


def raw(table: str, blob: bytes) -> Callable[[Files], None]:
    return lambda files: files.__setitem__(f"{table}.csv", blob)


def set_cell(table: str, column: str, value: str | None) -> Callable[[Files], None]:
    def change(rows: list[list[str | None]]) -> None:
        rows[1][rows[0].index(column)] = value

    return rows_of(table, change)


def csv_cases() -> list[tuple[str, Any, str]]:
    found: list[tuple[str, Any, str]] = [
        (f"zip-cut-{k}", ("cut", k), "not a readable .zip") for k in range(1, 21)
    ]
    found += [
        (f"manifest-{n}", e, x)
        for n, e, x in [
            ("missing", lambda f: f.pop("manifest.json"), "manifest.json is missing"),
            ("not-json", lambda f: f.__setitem__("manifest.json", b"{tables: ["), "not valid JSON"),
            ("format", manifest(lambda d: d.__setitem__("format", "other")), "format 'other'"),
            ("version", manifest(lambda d: d.__setitem__("format_version", 2)), "format version 2"),
            ("newer-schema", manifest(lambda d: d["schema"].append("9999_later")), "newer"),
            (
                "missing-file",
                manifest(lambda d: d["tables"][0].__setitem__("file", "gone.csv")),
                "'gone.csv' listed in manifest.json is missing",
            ),
            (
                "path-in-file",
                manifest(lambda d: d["tables"][0].__setitem__("file", "../x.csv")),
                "listed in manifest.json is missing",
            ),
            (
                "row-count",
                manifest(
                    lambda d: next(t for t in d["tables"] if t["name"] == "settings").__setitem__(
                        "rows", 3
                    )
                ),
                "2 rows, but manifest.json says 3",
            ),
            (
                "rows-text",
                manifest(lambda d: d["tables"][0].__setitem__("rows", "2")),
                "expected a whole number, got text",
            ),
            (
                "duplicate-table",
                manifest(lambda d: d["tables"].append(d["tables"][0])),
                "the table appears twice",
            ),
            (
                "utf-16",
                lambda f: f.__setitem__(
                    "manifest.json", f["manifest.json"].decode().encode("utf-16")
                ),
                "UTF-16",
            ),
        ]
    ]
    profiles = "profiles" if any(t == "profiles" for t, _, _ in COLUMNS) else "settings"
    found += [
        (f"csv-cut-{k}", ("cut-csv", profiles, k), f"table '{profiles}'") for k in range(1, 13)
    ]
    for table, column, kind in COLUMNS:
        if "INT" in kind or "REAL" in kind:
            found.append(
                (
                    f"type-{table}-{column}",
                    set_cell(table, column, "lots"),
                    f"{table}.csv: table '{table}': row 1: column '{column}': expected",
                )
            )
    rng = random.Random(7)
    found += [
        (f"csv-{n}", e, x)
        for n, e, x in [
            (
                "quote-inside",
                raw("settings", b'"key","value"\r\n"a"b,"c"\r\n"d","e"\r\n'),
                "line 2: a double quote",
            ),
            (
                "unclosed-quote",
                raw("settings", b'"key","value"\r\n"d","e"\r\n"a","b\r\n'),
                "a quoted value is not closed",
            ),
            ("utf-16", raw("settings", '"key","value"\r\n"a","b"\r\n'.encode("utf-16")), "UTF-16"),
            (
                "latin-1",
                raw("settings", b'"key","value"\r\n"caf\xe9","b"\r\n"d","e"\r\n'),
                "not UTF-8 text (byte 0xe9 on line 2)",
            ),
            (
                "nul-bytes",
                raw("settings", b'"key","value"\r\n"a\x00","b"\r\n"d","e"\r\n'),
                "NUL bytes",
            ),
            ("empty-file", raw("settings", b""), "the first line must name the columns"),
            (
                "empty-header-field",
                raw("settings", b'"key",\r\n"a","b"\r\n"d","e"\r\n'),
                "the first line must name the columns",
            ),
            (
                "unknown-column",
                rows_of("settings", lambda r: r[0].__setitem__(1, "colour")),
                "column 'colour': no such column",
            ),
            (
                "duplicate-header",
                rows_of("settings", lambda r: r[0].__setitem__(1, "key")),
                "the column appears twice",
            ),
            (
                "extra-field",
                rows_of("settings", lambda r: r[1].append("extra")),
                "row 1: 3 values for 2 columns",
            ),
            ("huge-value", set_cell("settings", "value", "v" * (10 * MB)), "over the limit"),
            (
                "duplicate-key",
                rows_of("settings", lambda r: r.append(list(r[1])), recount=1),
                "row 3: another row already has the same settings.key",
            ),
            ("null-key", set_cell("settings", "key", None), "column 'key': a value is needed"),
            ("garbage", raw("settings", rng.randbytes(3000)), "settings.csv"),
            (
                "local-row",
                rows_of("settings", lambda r: r.append(["catalog.active_version", "1"]), recount=1),
                "another data folder's catalog",
            ),
        ]
    ]
    return found


CSV_CASES = csv_cases()


def render(base: bytes, how: Any) -> bytes:
    if isinstance(how, tuple) and how[0] == "cut":
        return base[: len(base) * how[1] // 21]
    files = unzip(base)
    if isinstance(how, tuple) and how[0] == "cut-csv":
        blob = files[f"{how[1]}.csv"]
        files[f"{how[1]}.csv"] = blob[: len(blob) * how[2] // 13]
    else:
        how(files)
    return rezip(files)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return export_world(tmp_path_factory.mktemp("malformed-csv"))


def test_there_are_enough_cases() -> None:
    assert len(CSV_CASES) >= 60 and len({c[0] for c in CSV_CASES}) == len(CSV_CASES)


@pytest.mark.parametrize(
    ("how", "expected"), [c[1:] for c in CSV_CASES], ids=[c[0] for c in CSV_CASES]
)
def test_a_malformed_csv_zip_is_refused(
    world: dict[str, Any], tmp_path: Path, how: Any, expected: str
) -> None:
    file = tmp_path / "export.zip"
    file.write_bytes(render(world["zip"], how))
    refuse_import(world, file, expected)


@pytest.mark.parametrize("case", ["no-manifest", "missing-csv", "bad-row", "one-csv-file"])
def test_a_malformed_csv_folder_is_refused(
    world: dict[str, Any], tmp_path: Path, case: str
) -> None:
    folder = tmp_path / "export-csv"
    folder.mkdir()
    for name, blob in unzip(world["zip"]).items():
        (folder / name).write_bytes(blob)
    target, expected = folder, ""
    if case == "no-manifest":
        (folder / "manifest.json").unlink()
        expected = "manifest.json is missing"
    elif case == "missing-csv":
        (folder / "settings.csv").unlink()
        expected = "'settings.csv' listed in manifest.json is missing"
    elif case == "bad-row":
        (folder / "key_audit.csv").write_bytes(
            (folder / "key_audit.csv").read_bytes().replace(b'"81"', b'"fast"')
        )
        expected = "key_audit.csv: table 'key_audit': row 1: column 'latency_ms'"
    else:
        target, expected = folder / "settings.csv", "cannot be imported on its own"
    refuse_import(world, target, expected)

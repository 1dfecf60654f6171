"""Malformed data exports (JSON, and CSV in a .zip or a folder): each import is refused with a
message naming the file, table, row and column where it can, and the data folder keeps
every byte (no backup is written either: the check comes first).

The files are generated from a real export: truncated at many offsets, a wrong type in
every column of every filled table, huge strings, wrong encodings, duplicate keys,
unknown schema versions, broken references, garbage and nesting bombs.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from data_helpers import export_world, make_data, refuse_import

from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.migrations import migration_set
from airdrop_desk.storage.userdata import user_tables
from airdrop_desk.storage.userdata_import import import_data

MB = 1024 * 1024
FILLED = ["settings", "key_audit", "profiles", "tracked_projects", "tasks", "ticks"]


def schema() -> dict[str, list[tuple[str, str]]]:
    """(column, declared type) of every user table, from the migrations themselves."""
    from sqlite_utils import Database

    conn = sqlite3.connect(":memory:")
    migration_set().apply(Database(conn))
    found = {t: [(c.name, c.type) for c in cols] for t, cols in user_tables(conn).items()}
    conn.close()
    return found


SCHEMA = schema()
COLUMNS = [(t, c, kind) for t in FILLED if t in SCHEMA for c, kind in SCHEMA[t]]
Edit = Callable[[dict[str, Any]], None]


def table(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in doc["tables"] if t["name"] == name)


def cell(name: str, column: str, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        entry = table(doc, name)
        entry["rows"][0][entry["columns"].index(column)] = value

    return edit


def wrong_value(kind: str) -> Any:
    return "twelve" if ("INT" in kind or "REAL" in kind) else 12345


def json_cases() -> list[tuple[str, Any, str]]:
    """(id, edit or bytes-maker, expected) for the JSON export."""
    found: list[tuple[str, Any, str]] = [
        (f"truncated-{k}", ("cut", k), "not valid JSON") for k in range(1, 31)
    ]
    header: list[tuple[str, Edit, str]] = [
        ("format-number", lambda d: d.__setitem__("format", 5), "not an Airdrop Desk data"),
        ("format-other", lambda d: d.__setitem__("format", "spreadsheet"), "format 'spread"),
        ("version-text", lambda d: d.__setitem__("format_version", "1"), "format_version"),
        ("version-2", lambda d: d.__setitem__("format_version", 2), "format version 2"),
        ("schema-text", lambda d: d.__setitem__("schema", "0001"), "schema"),
        ("schema-numbers", lambda d: d.__setitem__("schema", [1]), "schema"),
        (
            "schema-newer",
            lambda d: d["schema"].append("9999_from_the_future"),
            "written by a newer Airdrop Desk",
        ),
        ("schema-empty", lambda d: d.__setitem__("schema", []), "unknown schema version"),
        ("schema-reversed", lambda d: d["schema"].reverse(), "unknown schema version"),
        ("schema-gap", lambda d: d["schema"].pop(1), "unknown schema version"),
        ("no-tables", lambda d: d.pop("tables"), "tables"),
        ("tables-object", lambda d: d.__setitem__("tables", {}), "tables"),
        ("tables-number", lambda d: d.__setitem__("tables", [5]), "table '#1'"),
        ("table-name-number", lambda d: d["tables"][0].__setitem__("name", 5), "table '#1'"),
        (
            "columns-text",
            lambda d: table(d, "settings").__setitem__("columns", "key"),
            "table 'settings'",
        ),
        (
            "rows-object",
            lambda d: table(d, "settings").__setitem__("rows", {}),
            "table 'settings': rows: expected a list",
        ),
        ("unknown-field", lambda d: d.__setitem__("comment", "hi"), "unknown field 'comment'"),
    ]
    found += [(f"header-{n}", e, x) for n, e, x in header]
    for name, column, kind in COLUMNS:
        found.append(
            (
                f"type-{name}-{column}",
                cell(name, column, wrong_value(kind)),
                f"table '{name}': row 1: column '{column}': expected",
            )
        )
    huge = "z" * (10 * MB)
    found += [
        ("huge-text", cell("settings", "value", huge), "over the limit of 1,048,576"),
        ("huge-table-name", lambda d: d["tables"][0].__setitem__("name", huge), "no such table"),
        (
            "huge-column-name",
            lambda d: table(d, "settings")["columns"].__setitem__(0, huge),
            "no such column",
        ),
        (
            "huge-blob-in-text",
            cell("settings", "value", {"base64": "QUJD" * (MB // 2)}),
            "expected text, got binary data",
        ),
    ]
    found += [
        (f"encoding-{n}", ("encode", n), x)
        for n, x in [
            ("utf-16", "UTF-16"),
            ("utf-16-be", "UTF-16"),
            ("utf-32", "UTF-16"),
            ("utf-16-no-bom", "UTF-16"),
            ("latin-1-byte", "not UTF-8 text (byte 0xe9"),
        ]
    ]
    found += [
        (
            "duplicate-settings-key",
            lambda d: table(d, "settings")["rows"].append(list(table(d, "settings")["rows"][0])),
            "another row already has the same",
        ),
        (
            "duplicate-table",
            lambda d: d["tables"].append(dict(table(d, "settings"))),
            "table 'settings': the table appears twice",
        ),
        (
            "duplicate-column",
            lambda d: table(d, "settings")["columns"].__setitem__(1, "key"),
            "column 'key': the column appears twice",
        ),
        (
            "unknown-table",
            lambda d: d["tables"].append({"name": "invoices", "columns": ["id"], "rows": []}),
            "no such table",
        ),
        (
            "exchange-keys",
            lambda d: d["tables"].append({"name": "exchange_keys", "columns": ["id"], "rows": []}),
            "keyring",
        ),
        (
            "catalog-table",
            lambda d: d["tables"].append(
                {"name": "catalog_projects", "columns": ["id"], "rows": []}
            ),
            "catalog data",
        ),
        (
            "missing-table",
            lambda d: d["tables"].remove(table(d, "settings")),
            "table 'settings': the table is missing",
        ),
        (
            "unknown-column",
            lambda d: (
                table(d, "settings")["columns"].append("colour"),
                [r.append("red") for r in table(d, "settings")["rows"]],
            ),
            "column 'colour': no such column",
        ),
        (
            "row-too-short",
            lambda d: table(d, "settings")["rows"][1].pop(),
            "table 'settings': row 2: 1 values for 2 columns",
        ),
        ("bad-base64", cell("settings", "value", {"base64": "%%%"}), "not valid base64"),
        ("unknown-object", cell("settings", "value", {"colour": "red"}), "must be"),
        ("nan", cell("key_audit", "latency_ms", {"real": "nan"}), "must be"),
        ("boolean", cell("key_audit", "latency_ms", True), "got true or false"),
        ("nested-value", cell("key_audit", "latency_ms", [1]), "got a list"),
        ("too-big-integer", cell("key_audit", "latency_ms", 2**63), "expected a whole number"),
        (
            "local-setting",
            lambda d: table(d, "settings")["rows"].append(["catalog.active_version", "1"]),
            "another data folder's catalog",
        ),
        (
            "null-in-not-null",
            cell("key_audit", "exchange", None),
            "row 1: column 'exchange': a value is needed here",
        ),
    ]
    if "profiles" in SCHEMA:
        found += [
            (
                "foreign-key",
                cell("ticks", "task_id", 999),
                "table 'ticks': row 1: column 'task_id': refers to a row of 'tasks'",
            ),
            ("check-rule", cell("profiles", "archived", 5), "breaks the rule"),
            (
                "duplicate-profile-id",
                cell("profiles", "id", 2),
                "another row already has the same profiles.id",
            ),
            (
                "missing-required-column",
                lambda d: (
                    table(d, "profiles")["columns"].remove("name"),
                    [r.pop(1) for r in table(d, "profiles")["rows"]],
                ),
                "column 'name': the column is missing",
            ),
        ]
    rng = random.Random(66)
    found += [
        (f"garbage-{n}", ("raw", b), x)
        for n, b, x in [
            ("empty", b"", "empty"),
            ("whitespace", b"\n \n", "empty"),
            ("null", b"null", "not an Airdrop Desk data export"),
            ("array", b"[]", "not an Airdrop Desk data export"),
            (
                "catalog-file",
                bundled_catalog_path().read_bytes(),
                "not an Airdrop Desk data export",
            ),
            ("depth-arrays", b"[" * 100_000 + b"]" * 100_000, "not an Airdrop Desk data export"),
            (
                "depth-in-rows",
                b'{"format": "airdrop-desk-data", "format_version": 1, "schema": [], '
                b'"tables": [{"name": "settings", "columns": ["key"], "rows": [' + b"[" * 100_000,
                "row 1: column '#1'",
            ),  # cut off as well: the table's name cannot be read
            ("depth-objects", b'{"a":' * 100_000, ""),
            *((f"random-{i}", rng.randbytes(700 * (i + 1)), "") for i in range(4)),
        ]
    ]
    return found


JSON_CASES = json_cases()


def render(base: bytes, how: Any) -> bytes:
    if isinstance(how, tuple) and how[0] == "cut":
        return base[: len(base) * how[1] // 31]
    if isinstance(how, tuple) and how[0] == "raw":
        return bytes(how[1])
    if isinstance(how, tuple) and how[0] == "encode":
        text = base.decode("utf-8")
        return {
            "utf-16": lambda: text.encode("utf-16"),
            "utf-16-be": lambda: b"\xfe\xff" + text.encode("utf-16-be"),
            "utf-32": lambda: text.encode("utf-32"),
            "utf-16-no-bom": lambda: text.encode("utf-16-le"),
            "latin-1-byte": lambda: base.replace(b'"theme"', b'"th\xe9me"'),
        }[how[1]]()
    doc = json.loads(base)
    how(doc)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return export_world(tmp_path_factory.mktemp("malformed-json"))


@pytest.mark.parametrize(
    ("how", "expected"), [c[1:] for c in JSON_CASES], ids=[c[0] for c in JSON_CASES]
)
def test_a_malformed_json_export_is_refused(
    world: dict[str, Any], tmp_path: Path, how: Any, expected: str
) -> None:
    file = tmp_path / "export.json"
    file.write_bytes(render(world["json"], how))
    refuse_import(world, file, expected)


def test_the_unedited_export_imports(world: dict[str, Any], tmp_path: Path) -> None:
    """The base of every case is good: each refusal is the edit's doing."""
    target = make_data(tmp_path / "other")
    (tmp_path / "export.json").write_bytes(world["json"])
    (tmp_path / "export.zip").write_bytes(world["zip"])
    assert import_data(target, tmp_path / "export.json").rows["settings"] == 2
    assert import_data(target, tmp_path / "export.zip").rows["settings"] == 2


def test_there_are_enough_cases() -> None:
    assert len(JSON_CASES) >= 100 and len({c[0] for c in JSON_CASES}) == len(JSON_CASES)

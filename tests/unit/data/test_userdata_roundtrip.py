"""Export and import of the user's data: complete, typed, never secret, one transaction."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from data_helpers import folder_state, make_data

from airdrop_desk.paths import Paths
from airdrop_desk.storage.backup import list_backups
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.migrations import KNOWN
from airdrop_desk.storage.userdata import DataFileError, export_data, snapshot
from airdrop_desk.storage.userdata_import import import_data

TARGETS = {"json": "export.json", "csv-zip": "export.zip", "csv-folder": "export-csv"}


def export(paths: Paths, tmp_path: Path, kind: str) -> Path:
    out = tmp_path / TARGETS[kind]
    export_data(paths, out, "json" if kind == "json" else "csv")
    return out


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("kind", list(TARGETS))
def test_round_trip_into_an_empty_folder_reproduces_the_data(
    data: Paths, fresh: Paths, tmp_path: Path, kind: str
) -> None:
    result = import_data(fresh, export(data, tmp_path, kind))
    assert result.backup is None  # nothing to back up in an empty folder
    before, after = snapshot(data.database), snapshot(fresh.database)
    assert after == before
    assert {"settings", "key_audit", "catalog_seen"} <= set(after)
    assert len(after["key_audit"][1]) == 2 and len(after["settings"][1]) == 2


@pytest.mark.parametrize("kind", list(TARGETS))
def test_tables_of_later_features_round_trip_without_code_changes(
    extra_feature: Callable[[Paths], None], tmp_path: Path, kind: str
) -> None:
    source = make_data(tmp_path / "source")
    extra_feature(source)
    target = Paths(tmp_path / "target")
    import_data(target, export(source, tmp_path, kind))
    before, after = snapshot(source.database), snapshot(target.database)
    assert set(after) == set(before) and {"test_attachments", "test_pairs"} <= set(after)
    if kind == "json":
        assert after == before  # every value keeps its type: bytes, inf, 2**62, NULL vs ''
        return
    # CSV keeps the declared type of each column; an untyped (ANY) column comes back as text.
    for table in set(before) - {"test_attachments"}:
        assert after[table] == before[table], table
    columns, got = after["test_attachments"]
    _, expected = before["test_attachments"]
    skip = columns.index("anything")

    def typed(table_rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return sorted((r[:skip] + r[skip + 1 :] for r in table_rows), key=repr)

    assert typed(got) == typed(expected)
    assert sorted(r[skip] for r in got if r[skip] is not None) == [
        "3.25",
        "AWJ5dGVzIGluIEFOWQ==",
        "text in ANY",
    ]


def test_exports_never_hold_keys_or_this_folders_catalog_state(data: Paths, tmp_path: Path) -> None:
    for kind in TARGETS:
        export(data, tmp_path, kind)
    text = (tmp_path / "export.json").read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        text += "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    text += "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "export-csv").iterdir())
    for private in ("f1ngerpr1nt", "AbCd…WxYz", "catalog.active_version", "2026.12.06"):
        assert private not in text, private
    exported = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert exported["format"] == "airdrop-desk-data" and exported["schema"] == KNOWN
    names = [t["name"] for t in exported["tables"]]
    assert names == sorted(names) and {"settings", "key_audit"} <= set(names)
    assert not {
        "exchange_keys",
        "catalog_versions",
        "catalog_projects",
        "catalog_docs",
        "_sqlite_migrations",
        "sqlite_sequence",
    } & set(names)
    assert sorted(p.name for p in (tmp_path / "export-csv").iterdir())[0] == "catalog_seen.csv"


def test_import_replaces_the_data_after_a_backup_and_keeps_keys_and_catalog(
    data: Paths, tmp_path: Path
) -> None:
    other = make_data(tmp_path / "other")
    db = open_database(other.database, other.backups)
    with db.atomic():
        db.execute("UPDATE settings SET value = '\"light\"' WHERE key = 'theme'")
        db.execute("DELETE FROM key_audit WHERE http_status IS NULL")
    db.close()
    file = export(other, tmp_path, "json")
    active = rows(data.database, "SELECT value FROM settings WHERE key LIKE 'catalog.%'")
    result = import_data(data, file)
    assert result.backup is not None and result.backup.name.endswith("-before-import.sqlite3")
    assert [b.path for b in list_backups(data.backups)] == [result.backup]
    assert rows(result.backup, "SELECT value FROM settings WHERE key='theme'") == [('"dark"',)]
    assert rows(data.database, "SELECT value FROM settings WHERE key='theme'") == [('"light"',)]
    assert snapshot(data.database) == snapshot(other.database)
    # What never travels stays as it was: linked keys and this folder's active catalog.
    assert rows(data.database, "SELECT label FROM exchange_keys") == [("main",)]
    assert rows(data.database, "SELECT value FROM settings WHERE key LIKE 'catalog.%'") == active


def test_an_export_of_an_older_schema_is_carried_forward(data: Paths, tmp_path: Path) -> None:
    file = tmp_path / "old.json"
    file.write_text(
        json.dumps(
            {
                "format": "airdrop-desk-data",
                "format_version": 1,
                "schema": KNOWN[:1],
                "tables": [
                    {"name": "settings", "columns": ["key", "value"], "rows": [["theme", '"dark"']]}
                ],
            }
        ),
        encoding="utf-8",
    )
    import_data(data, file)
    after = snapshot(data.database)
    assert after["settings"][1] == [("theme", '"dark"')]
    assert all(not table_rows for name, (_, table_rows) in after.items() if name != "settings")


def test_a_failed_write_leaves_the_database_as_it_was(
    data: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A problem found inside the transaction (here: a foreign key) rolls everything back."""
    from airdrop_desk.storage import userdata_import

    file = export(data, tmp_path, "json")
    before = snapshot(data.database)

    def broken(conn: sqlite3.Connection, staged: object, label: str) -> None:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM settings")
        conn.execute("ROLLBACK")
        raise DataFileError(label, "disk full")

    monkeypatch.setattr(userdata_import, "_write", broken)
    with pytest.raises(DataFileError, match="disk full"):
        import_data(data, file)
    assert snapshot(data.database) == before


def test_exporting_needs_data_and_a_new_folder(fresh: Paths, data: Paths, tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no data to export"):
        export_data(fresh, tmp_path / "x.json", "json")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    state = folder_state(busy)
    with pytest.raises(DataFileError, match="new or empty folder"):
        export_data(data, busy, "csv")
    assert folder_state(busy) == state


def test_csv_exports_defuse_formulas_and_read_them_back_exactly(
    data: Paths, fresh: Paths, tmp_path: Path
) -> None:
    hostile = '=HYPERLINK("https://drainer.example","Claim")'
    db = open_database(data.database, data.backups)
    db.execute("UPDATE profiles SET name = ?, notes = ? WHERE id = 1", [hostile, "'=kept"])
    db.conn.commit()
    db.close()
    out = export(data, tmp_path, "csv-zip")
    with zipfile.ZipFile(out) as archive:
        text = archive.read("profiles.csv").decode("utf-8")
    assert f'"\'{hostile.replace(chr(34), chr(34) * 2)}"' in text  # text to a spreadsheet
    assert "\"''=kept\"" in text
    import_data(fresh, out)
    assert rows(fresh.database, "SELECT name, notes FROM profiles WHERE id = 1") == [
        (hostile, "'=kept")
    ]
    assert snapshot(fresh.database) == snapshot(data.database)

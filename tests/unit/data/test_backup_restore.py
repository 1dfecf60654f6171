"""Backups: made with SQLite's backup API, kept N deep, at most one daily, restorable safely."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from data_helpers import folder_state

from airdrop_desk.paths import Paths
from airdrop_desk.storage.backup import (
    DEFAULT_KEEP,
    check_backup,
    create_backup,
    daily_backup,
    database_damage,
    find_backup,
    keep_count,
    list_backups,
    restore_backup,
    restore_latest,
    set_keep_count,
)
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.errors import StorageError
from airdrop_desk.storage.migrations import KNOWN

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"


def theme(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'theme'").fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def set_theme(paths: Paths, value: str) -> None:
    db = open_database(paths.database, paths.backups)
    with db.atomic():
        db.execute("UPDATE settings SET value = ? WHERE key = 'theme'", [value])
    db.close()


def damage(path: Path) -> None:
    """Overwrite a page in the middle: SQLite can open the file but not trust it."""
    blob = bytearray(path.read_bytes())
    blob[4096 * 2 : 4096 * 2 + 300] = b"\x5a" * 300
    path.write_bytes(bytes(blob))


def test_a_backup_is_one_complete_file_with_the_data(data: Paths) -> None:
    info = create_backup(data)
    assert info.reason == "manual" and info.size == info.path.stat().st_size > 0
    assert [p.name for p in data.backups.iterdir()] == [info.name]  # no -wal, no temp file
    conn = sqlite3.connect(f"{info.path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert theme(info.path) == '"dark"'
    assert check_backup(info.path) == KNOWN


def test_only_the_newest_n_are_kept_and_n_is_a_setting(data: Paths) -> None:
    assert keep_count(data) == DEFAULT_KEEP == 14
    made = [create_backup(data, keep=3).name for _ in range(5)]
    assert [b.name for b in list_backups(data.backups)] == made[::-1][:3]
    assert set_keep_count(data, 2) == 2
    assert keep_count(data) == 2
    assert [b.name for b in list_backups(data.backups)] == made[::-1][:2]
    create_backup(data)
    assert len(list_backups(data.backups)) == 2
    assert set_keep_count(data, 0) == 1  # never zero: the newest backup always stays


def test_daily_backup_runs_at_most_once_a_day(data: Paths) -> None:
    # One local calendar day, early to late, then the next; whatever the clock says and
    # even on a day the clocks change (times built from the calendar, not from an offset).
    def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()

    today = dt.date.today()
    first = daily_backup(data, local(today, 4))
    assert first is not None and first.reason == "daily" and first.created == local(today, 4)
    assert daily_backup(data, local(today, 4)) is None
    create_backup(data, now=local(today, 5))  # a manual one does not count as the daily one
    assert daily_backup(data, local(today, 23, 30)) is None
    assert [b.reason for b in list_backups(data.backups)] == ["manual", "daily"]
    tomorrow = daily_backup(data, local(today + dt.timedelta(days=1), 12))
    assert tomorrow is not None and tomorrow.reason == "daily"
    assert [b.reason for b in list_backups(data.backups)] == ["daily", "manual", "daily"]


def test_no_daily_backup_of_a_folder_without_data(fresh: Paths) -> None:
    assert daily_backup(fresh) is None
    assert not fresh.data_dir.exists()
    with pytest.raises(StorageError, match="no Airdrop Desk data"):
        create_backup(fresh)


def test_restore_brings_the_old_data_back_and_keeps_the_current(data: Paths) -> None:
    old = create_backup(data)
    set_theme(data, '"light"')
    reader = sqlite3.connect(data.database)  # the app keeps a connection open meanwhile
    assert reader.execute("SELECT value FROM settings WHERE key='theme'").fetchone() == ('"light"',)
    result = restore_backup(data, old.path)
    assert result.restored.name == old.name and not result.damaged
    assert theme(data.database) == '"dark"'
    assert reader.execute("SELECT value FROM settings WHERE key='theme'").fetchone() == (
        '"dark"',
    )  # the open connection sees the restored data, nothing was swapped away
    reader.close()
    assert result.previous is not None and theme(result.previous) == '"light"'
    assert result.previous.name.endswith("-before-restore.sqlite3")
    conn = sqlite3.connect(data.database)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()
    assert find_backup(data, old.name) == old.path


def test_an_older_schema_backup_is_migrated_on_restore(data: Paths) -> None:
    old = data.backups / "airdrop-desk-20240101T000000000000Z-manual.sqlite3"
    data.backups.mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / "schema-0001.sqlite3", old)
    restore_backup(data, old)
    conn = sqlite3.connect(data.database)
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    conn.close()
    assert applied == KNOWN
    assert theme(data.database) == '"dark"'  # the fixture's own setting


@pytest.mark.parametrize("kind", ["garbage", "damaged", "other-program", "empty-db"])
def test_a_bad_backup_is_refused_and_nothing_changes(data: Paths, kind: str) -> None:
    bad = data.backups / "airdrop-desk-20240101T000000000000Z-manual.sqlite3"
    data.backups.mkdir(exist_ok=True)
    if kind == "garbage":
        bad.write_bytes(b"not a database at all" * 100)
    elif kind == "damaged":
        shutil.copyfile(create_backup(data).path, bad)
        damage(bad)
    else:
        conn = sqlite3.connect(bad)
        if kind == "other-program":
            conn.execute("CREATE TABLE invoices (id INTEGER)")
        conn.commit()
        conn.close()
    before = folder_state(data.data_dir)
    with pytest.raises(StorageError) as caught:
        restore_backup(data, bad)
    assert "\n" not in str(caught.value) and bad.name in str(caught.value)
    assert folder_state(data.data_dir) == before


def test_a_damaged_database_is_set_aside_and_never_overwritten(data: Paths) -> None:
    good = create_backup(data)
    damage(data.database)
    damaged_bytes = data.database.read_bytes()
    assert database_damage(data.database) is not None
    result = restore_latest(data)
    assert result.damaged and result.restored.name == good.name
    assert result.previous is not None and result.previous.parent == data.data_dir
    assert result.previous.read_bytes() == damaged_bytes  # kept exactly as it was
    assert "damaged" in result.previous.name
    assert database_damage(data.database) is None and theme(data.database) == '"dark"'
    # A second damage and restore picks a new name: the first set-aside file stays.
    damage(data.database)
    again = restore_latest(data)
    assert again.previous != result.previous and result.previous.read_bytes() == damaged_bytes


def test_restore_latest_skips_a_damaged_newest_backup(data: Paths) -> None:
    good = create_backup(data)
    newest = create_backup(data)
    damage(newest.path)
    set_theme(data, '"light"')
    assert restore_latest(data).restored.name == good.name
    assert theme(data.database) == '"dark"'


def test_restore_latest_without_backups_says_so(data: Paths) -> None:
    before = folder_state(data.data_dir)
    with pytest.raises(StorageError, match="No usable backup"):
        restore_latest(data)
    assert folder_state(data.data_dir) == before


def test_damage_is_told_apart_from_other_problems(tmp_path: Path, data: Paths) -> None:
    assert database_damage(data.database) is None
    assert database_damage(tmp_path / "missing.sqlite3") is None
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"spreadsheet text" * 200)
    assert "SQLite" in (database_damage(other) or "")
    with pytest.raises(StorageError, match="No backup named"):
        find_backup(data, "nope.sqlite3")

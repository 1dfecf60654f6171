"""A data file from an earlier release opens, migrates, keeps its rows and is backed up.

The fixtures in tests/fixtures/db are real databases of released schemas, made by
tests/fixtures/db/make_fixtures.py. Tests always work on a copy: even a read-only
open of a WAL database would leave -shm/-wal files beside the original.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlite_utils import Database

from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.migrations import KNOWN, MIGRATION_SET
from airdrop_desk.storage.settings import SettingsRepo

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"


def _fixture_maker() -> ModuleType:
    """make_fixtures.py, which says what each fixture file holds."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


MAKER = _fixture_maker()
SCHEMA_0001 = FIXTURES / "schema-0001.sqlite3"
SETTINGS_0001 = {  # what make_fixtures.py wrote into schema-0001.sqlite3
    "theme": "dark",
    "filters.tiers": ["confirmed", "likely"],
    "window.note": "Ünïcödé ✓",
}


def applied_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
    finally:
        conn.close()


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    """schema-0001.sqlite3 copied to where the app keeps the user's database."""
    target = tmp_path / "data" / "airdrop-desk.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(SCHEMA_0001, target)
    return target


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "data" / "backups"


@pytest.fixture
def migrated(user_file: Path, backups: Path) -> Iterator[Database]:
    db = open_database(user_file, backups)
    yield db
    db.close()


def test_fixture_is_the_first_released_schema(tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(SCHEMA_0001, copy)
    assert applied_names(copy) == ["0001_settings"]
    assert len(KNOWN) > 1, "no migration after 0001 to exercise"
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert tables == {"_sqlite_migrations", "settings"}


def test_every_current_migration_is_applied(migrated: Database) -> None:
    rows = migrated.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()
    assert [r[0] for r in rows] == KNOWN
    assert "catalog_seen" in migrated.table_names()
    assert migrated.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert migrated.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrated.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_settings_survive_the_migration(migrated: Database) -> None:
    settings = SettingsRepo(migrated)
    for key, value in SETTINGS_0001.items():
        assert settings.get(key) == value, key
    count = migrated.execute("SELECT count(*) FROM settings").fetchone()[0]
    assert count == len(SETTINGS_0001)


def test_backup_made_before_migrating(migrated: Database, backups: Path) -> None:
    [backup] = list(backups.iterdir())
    assert backup.name.startswith("airdrop-desk-")
    assert backup.name.endswith("-before-0002_catalog_seen.sqlite3")
    assert applied_names(backup) == ["0001_settings"]  # the pre-migration state
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = dict(conn.execute("SELECT key, value FROM settings").fetchall())
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert rows == {
        "theme": '"dark"',
        "filters.tiers": '["confirmed", "likely"]',
        "window.note": '"Ünïcödé ✓"',
    }
    assert "catalog_seen" not in tables


def test_backup_is_byte_independent_of_the_migrated_file(
    migrated: Database, user_file: Path, backups: Path
) -> None:
    SettingsRepo(migrated).set("theme", "light")
    [backup] = list(backups.iterdir())
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT value FROM settings WHERE key='theme'").fetchone() == (
            '"dark"',
        )
    finally:
        conn.close()


def test_second_open_needs_no_backup(user_file: Path, backups: Path) -> None:
    open_database(user_file, backups).close()
    first = sorted(backups.iterdir())
    digest = hashlib.sha256(first[0].read_bytes()).hexdigest()
    db = open_database(user_file, backups)
    try:
        assert sorted(backups.iterdir()) == first
        assert hashlib.sha256(first[0].read_bytes()).hexdigest() == digest
        assert SettingsRepo(db).get("theme") == "dark"
    finally:
        db.close()


def test_every_step_of_the_ladder_has_a_fixture_file() -> None:
    files = {path.name for path in FIXTURES.glob("schema-*.sqlite3")}
    assert [f.applied[-1] for f in MAKER.FIXTURES] == KNOWN
    assert {f.file for f in MAKER.FIXTURES} == files


@pytest.mark.parametrize("fixture", MAKER.FIXTURES, ids=lambda f: f.file)
def test_every_released_schema_migrates_to_the_current_one(tmp_path: Path, fixture) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "airdrop-desk.sqlite3"
    shutil.copyfile(FIXTURES / fixture.file, target)
    before = applied_names(target)
    assert before == fixture.applied == KNOWN[: len(before)], "a fixture is a prefix of the ladder"
    db = open_database(target, tmp_path / "backups")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert fixture.rows, "a fixture holds rows for the upgrade to carry"
        for table, rows in fixture.rows.items():
            kept = db.execute(f"SELECT * FROM [{table}]").fetchall()
            # A later step may add columns at the end; what the user had stays as it was.
            assert sorted((row[: len(rows[0])] for row in kept), key=repr) == sorted(
                rows, key=repr
            ), table
    finally:
        db.close()
    assert applied_names(target) == KNOWN
    if before != KNOWN:
        [backup] = list((tmp_path / "backups").iterdir())
        assert backup.name.endswith(f"-before-{KNOWN[len(before)]}.sqlite3")
        assert applied_names(backup) == before


def test_the_upgraded_data_reads_back_through_the_app(tmp_path: Path) -> None:
    [oldest_with_everything] = [
        f for f in MAKER.FIXTURES if f.file.startswith("schema-0005_points")
    ]
    target = tmp_path / "airdrop-desk.sqlite3"
    shutil.copyfile(FIXTURES / oldest_with_everything.file, target)
    db = open_database(target, tmp_path / "backups")
    try:
        assert SettingsRepo(db).get("filters.tiers") == ["confirmed", "likely"]
        # The portfolio tables came with the upgrade and work beside the older rows.
        db.execute(
            "INSERT INTO claim_values (profile_id, project_id, usd) VALUES (1, 'starknet', '1')"
        )
        assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 2
    finally:
        db.close()

"""Opening the user's database: durable pragmas, migrations, and refusing foreign files.

Real SQLite files in a temporary folder; a refused file must keep every byte.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.errors import StorageError
from airdrop_desk.storage.migrations import KNOWN, MIGRATION_SET
from airdrop_desk.storage.settings import SettingsRepo

Opener = Callable[[Path], Database]
FUTURE = "9999_from_a_later_release"  # a schema change this version cannot know


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "airdrop-desk.sqlite3"


@pytest.fixture
def backups(data_dir: Path) -> Path:
    return data_dir / "backups"


@pytest.fixture
def opener(backups: Path) -> Iterator[Opener]:
    """open_database, closing every database it opened when the test ends."""
    opened: list[Database] = []

    def open_(path: Path) -> Database:
        db = open_database(path, backups)
        opened.append(db)
        return db

    yield open_
    for db in opened:
        db.close()


def applied(db: Database) -> list[tuple[str, str]]:
    return db.execute(
        "SELECT name, applied_at FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_durable_and_migrated(opener: Opener, db_path: Path, backups: Path) -> None:
    assert not db_path.parent.exists()
    db = opener(db_path)
    assert db_path.is_file()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [name for name, _ in applied(db)] == KNOWN
    assert KNOWN[:2] == ["0001_settings", "0002_catalog_seen"]
    assert {"settings", "catalog_seen"} <= set(db.table_names())
    assert not backups.exists()  # nothing to back up in a brand-new file


def test_wal_mode_is_stored_in_the_file(opener: Opener, db_path: Path) -> None:
    opener(db_path).close()
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_reopening_is_a_no_op(opener: Opener, db_path: Path, backups: Path) -> None:
    db = opener(db_path)
    SettingsRepo(db).set("theme", "dark")
    before = applied(db)
    db.close()
    again = opener(db_path)
    assert applied(again) == before  # same rows, same timestamps: nothing re-ran
    assert SettingsRepo(again).get("theme") == "dark"
    assert not backups.exists()


def test_empty_file_is_treated_as_a_new_database(opener: Opener, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    assert [name for name, _ in applied(opener(db_path))] == KNOWN


def real_database_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "real" / "airdrop-desk.sqlite3"
    open_database(path, tmp_path / "real" / "backups").close()
    return path.read_bytes()


def not_sqlite(tmp_path: Path, target: Path) -> None:
    target.write_text("key,value\ntheme,dark\n" * 50, encoding="utf-8")


def garbage_after_header(tmp_path: Path, target: Path) -> None:
    real = real_database_bytes(tmp_path)
    rng = random.Random(1)
    target.write_bytes(real[:100] + rng.randbytes(len(real) - 100))


def truncated(tmp_path: Path, target: Path) -> None:
    target.write_bytes(real_database_bytes(tmp_path)[:100])


def another_program(tmp_path: Path, target: Path) -> None:
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.com', 'Example')")
    conn.commit()
    conn.close()


def from_the_future(tmp_path: Path, target: Path) -> None:
    target.write_bytes(real_database_bytes(tmp_path))
    conn = sqlite3.connect(target)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES (?, ?, '2030-01-01 00:00:00+00:00')",
        [MIGRATION_SET, FUTURE],
    )
    conn.commit()
    conn.close()


REFUSED: list[tuple[str, Callable[[Path, Path], None], str]] = [
    ("not-sqlite", not_sqlite, "is not an SQLite database"),
    ("garbage", garbage_after_header, r"is damaged|cannot be read as a database"),
    ("truncated", truncated, r"is damaged|cannot be read as a database"),
    ("another-program", another_program, "is an SQLite database of another program"),
    (
        "future",
        from_the_future,
        rf"written by a newer Airdrop Desk .*'{FUTURE}'.*Update Airdrop Desk",
    ),
]


@pytest.mark.parametrize(
    ("make", "problem"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_foreign_or_damaged_file_is_refused_untouched(
    tmp_path: Path, db_path: Path, backups: Path, make: Callable[[Path, Path], None], problem: str
) -> None:
    db_path.parent.mkdir(parents=True)
    make(tmp_path, db_path)
    digest, size = sha256(db_path), db_path.stat().st_size
    with pytest.raises(StorageError, match=problem) as info:
        open_database(db_path, backups)
    message = str(info.value)
    assert str(db_path) in message
    assert "left untouched" in message
    assert sha256(db_path) == digest
    assert db_path.stat().st_size == size
    assert not backups.exists()
    with pytest.raises(StorageError):  # and it stays refused
        open_database(db_path, backups)
    assert sha256(db_path) == digest


def test_a_folder_in_place_of_the_file_is_refused(db_path: Path, backups: Path) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(StorageError, match="is not a file"):
        open_database(db_path, backups)


def test_relative_path(opener: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = opener(Path("relative.sqlite3"))
    assert [name for name, _ in applied(db)] == KNOWN
    assert (tmp_path / "relative.sqlite3").is_file()


VALUES: list[Any] = [
    "dark",
    "",
    "Ünïcödé ✓",
    0,
    42,
    -7,
    3.5,
    True,
    False,
    None,
    [],
    ["confirmed", "likely"],
    {"width": 1280, "height": 800},
    {"nested": {"list": [1, "two", None]}},
]


@pytest.mark.parametrize("value", VALUES, ids=[repr(v) for v in VALUES])
def test_settings_round_trip(opener: Opener, db_path: Path, value: Any) -> None:
    db = opener(db_path)
    SettingsRepo(db).set("some.key", value)
    assert SettingsRepo(db).get("some.key", "default") == value
    db.close()
    assert SettingsRepo(opener(db_path)).get("some.key", "default") == value


def test_settings_defaults_overwrites_and_commits(opener: Opener, db_path: Path) -> None:
    settings = SettingsRepo(opener(db_path))
    assert settings.get("missing") is None
    assert settings.get("missing", 5) == 5
    settings.set("theme", "light")
    settings.set("theme", "dark")
    settings.set("filters.tiers", ["confirmed"])
    assert settings.get("theme") == "dark"
    reader = sqlite3.connect(db_path)  # a second connection sees committed rows only
    try:
        rows = reader.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    finally:
        reader.close()
    assert rows == [("filters.tiers", '["confirmed"]'), ("theme", '"dark"')]

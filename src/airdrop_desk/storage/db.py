"""Open the user's database safely.

Order of work: look at the file read-only first (not SQLite, corrupt, or written
by a newer app -> refuse and leave it untouched), copy it aside when migrations
are pending, then open it for writing with WAL and synchronous=FULL so a commit
that returned survives a crash or power cut.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from airdrop_desk.storage.errors import StorageError
from airdrop_desk.storage.migrations import KNOWN, MIGRATION_SET, migrations

SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(path: Path, backups: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    applied = inspect_database(path)
    pending = [name for name in KNOWN if name not in applied]
    if applied and pending:
        backup_copy(path, backups, f"before-{pending[0]}")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


def inspect_database(path: Path) -> list[str]:
    """Names of the migrations applied to ``path`` ([] when it does not exist yet).

    Raises StorageError without writing a byte when the file is not a usable
    Airdrop Desk database.
    """
    if not path.exists():
        return []
    if not path.is_file():
        raise StorageError(f"{path} is not a file. Choose another data folder.")
    size = path.stat().st_size
    if size == 0:
        return []
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StorageError(
            f"{path} is not an SQLite database, so Airdrop Desk cannot use it. "
            "The file was left untouched; move it away or choose another data folder.")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                problem = "; ".join(str(row[0]) for row in check[:3])
                raise StorageError(
                    f"{path} is damaged ({problem}). The file was left untouched; "
                    "restore a backup or move it away.")
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
            ).fetchone()
            if not has_table:
                tables = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                if tables:
                    raise StorageError(
                        f"{path} is an SQLite database of another program. The file was "
                        "left untouched; choose another data folder.")
                return []
            rows = conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET]).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{path} cannot be read as a database ({exc}). The file was left untouched; "
            "restore a backup or move it away.") from None
    applied = [row[0] for row in rows]
    unknown = [name for name in applied if name not in KNOWN]
    if unknown:
        from airdrop_desk import __version__

        raise StorageError(
            f"{path} was written by a newer Airdrop Desk (it has schema change "
            f"'{unknown[-1]}', which version {__version__} does not know). "
            "Update Airdrop Desk to open it; the file was left untouched.")
    return applied


def backup_copy(path: Path, backups: Path, reason: str) -> Path:
    """A consistent copy of the database made with SQLite's backup API."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups / f"{path.stem}-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target

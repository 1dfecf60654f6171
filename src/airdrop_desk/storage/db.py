"""Open the user's database safely.

Order of work: look at the file read-only first (not SQLite, corrupt, or written
by a newer app -> refuse and leave it untouched), copy it aside when migrations
are pending, then open it for writing with WAL and synchronous=FULL so a commit
that returned survives a crash or power cut.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from airdrop_desk.paths import narrow, private_file, private_folder
from airdrop_desk.storage.copies import backup_copy
from airdrop_desk.storage.inspect import inspect_database
from airdrop_desk.storage.migrations import KNOWN, migration_set

__all__ = ["backup_copy", "inspect_database", "open_database"]


def open_database(path: Path, backups: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    applied = inspect_database(path)
    pending = [name for name in KNOWN if name not in applied]
    if applied and pending:
        backup_copy(path, backups, f"before-{pending[0]}")
    _keep_private(path, backups)
    conn = sqlite3.connect(str(path))
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    migration_set().apply(db)
    return db


def _keep_private(path: Path, backups: Path) -> None:
    """The folder, the database (created 0600 so its -wal/-shm are too) and every backup
    for this user only; files left readable to others before are narrowed now."""
    private_folder(path.parent)
    private_file(path)
    for suffix in ("-wal", "-shm"):
        narrow(Path(f"{path}{suffix}"))
    if backups.is_dir():
        narrow(backups)
        for entry in backups.iterdir():
            narrow(entry)

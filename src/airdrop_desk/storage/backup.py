"""Backups of the user's database: copies made with SQLite's backup API, kept N deep.

A backup is one self-contained file (rollback-journal mode, no -wal beside it) in the
backups folder, named ``<db>-<UTC stamp>-<reason>.sqlite3``; it appears under that name
only once complete. Restoring checks the chosen file first (ours, not too new, whole),
keeps the current database aside, then brings the backup in atomically: through
SQLite's backup API into the live file (one transaction, safe while the app has the
file open) or, for a damaged file that SQLite cannot write into, by replacing the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import sqlite3
from pathlib import Path

from airdrop_desk.core import clock
from airdrop_desk.core.backups import BackupInfo, RestoreResult
from airdrop_desk.core.settings import BACKUPS_KEEP, MAX_BACKUPS_KEEP
from airdrop_desk.paths import Paths, private_folder
from airdrop_desk.storage.copies import (
    STAMP,
    backup_copy,
    copy_into_new_file,
    fsync_dir,
    read_only,
)
from airdrop_desk.storage.errors import StorageError
from airdrop_desk.storage.inspect import SQLITE_MAGIC, check_integrity, inspect_database

DEFAULT_KEEP = BACKUPS_KEEP.default
MAX_KEEP = MAX_BACKUPS_KEEP
_NAME_RE = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[A-Za-z0-9_.-]+)"
    r"\.sqlite3$"
)


def list_backups(backups: Path) -> list[BackupInfo]:
    """Every complete backup in the folder, newest first."""
    found = []
    if backups.is_dir():
        for entry in backups.iterdir():
            if _NAME_RE.match(entry.name) and entry.is_file():
                found.append(describe(entry))
    found.sort(key=lambda b: (b.created, b.name), reverse=True)
    return found


def keep_count(paths: Paths) -> int:
    """How many backups to keep: the setting, else the default."""
    try:
        conn = read_only(paths.database)
        try:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", [BACKUPS_KEEP.key]
            ).fetchone()
        finally:
            conn.close()
        return BACKUPS_KEEP.read(json.loads(row[0]) if row else None)
    except (sqlite3.Error, ValueError):
        return DEFAULT_KEEP


def set_keep_count(paths: Paths, count: int) -> int:
    """Store how many backups to keep (clamped to 1..1000); returns the stored value."""
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.settings import SettingsRepo

    db = open_database(paths.database, paths.backups)
    try:
        count = SettingsRepo(db).write(BACKUPS_KEEP, int(count))
    finally:
        db.close()
    prune_backups(paths.backups, count)
    return count


def prune_backups(backups: Path, keep: int, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups (never ``spare``); returns the deleted."""
    removed = []
    for info in list_backups(backups)[max(1, keep) :]:
        if spare is not None and info.path == spare:
            continue
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def describe(path: Path) -> BackupInfo:
    """A backup file's details; a file named otherwise dates from its modification time."""
    match = _NAME_RE.match(path.name)
    if match:
        created = dt.datetime.strptime(match["stamp"], STAMP).replace(tzinfo=dt.UTC)
        return BackupInfo(path, created, match["reason"], path.stat().st_size)
    stat = path.stat()
    return BackupInfo(path, dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC), "file", stat.st_size)


def create_backup(
    paths: Paths, reason: str = "manual", keep: int | None = None, now: dt.datetime | None = None
) -> BackupInfo:
    """Back up the database, then keep only the newest ``keep`` (default: the setting).

    ``now`` is the time the backup is stamped with (default: the clock).
    """
    if not paths.database.is_file() or not inspect_database(paths.database):
        raise StorageError(f"There is no Airdrop Desk data in {paths.data_dir} to back up yet.")
    path = backup_copy(paths.database, paths.backups, reason, now)
    prune_backups(paths.backups, keep if keep is not None else keep_count(paths), spare=path)
    return describe(path)


def daily_backup(paths: Paths, now: dt.datetime | None = None) -> BackupInfo | None:
    """The automatic backup: at most one a day (local calendar), none for a new data folder."""
    if not paths.database.is_file() or not inspect_database(paths.database):
        return None
    now = now or clock.utc_now()
    today = now.astimezone().date()
    for info in list_backups(paths.backups):
        if info.reason == "daily" and info.created.astimezone().date() == today:
            return None
    return create_backup(paths, "daily", now=now)


def check_backup(path: Path) -> list[str]:
    """The migrations a backup holds; StorageError (one line) when it cannot be restored."""
    if not path.is_file():
        raise StorageError(f"The backup {path.name} does not exist.")
    applied = inspect_database(path)  # not SQLite, another program's, or too new
    if not applied:
        raise StorageError(f"{path.name} holds no Airdrop Desk data.")
    check_integrity(path, full=True, remedy="Choose another backup.")
    return applied


def database_damage(path: Path) -> str | None:
    """Why ``path`` is damaged (restoring a backup is the remedy), else None.

    None too for a missing, empty, foreign or newer file: those are not damage.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return "the file does not start like an SQLite database"
    try:
        conn = read_only(path)
        try:
            check = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"SQLite cannot read it ({exc})"
    if check != [("ok",)]:
        return "its pages are inconsistent (" + "; ".join(str(r[0]) for r in check[:2]) + ")"
    return None


def set_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to a new, unused name beside it."""
    stamp = clock.utc_now().strftime(STAMP)
    target = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        target = path.with_name(f"{path.stem}-damaged-{stamp}-{secrets.token_hex(2)}{path.suffix}")
    for suffix in ("-wal", "-shm", ""):  # the main file last: it names the set
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.rename(companion, f"{target}{suffix}")
    fsync_dir(path.parent)
    return target


def restore_backup(paths: Paths, backup: Path) -> RestoreResult:
    """Bring ``backup`` back as the database, keeping the current one aside first."""
    check_backup(backup)
    database = paths.database
    previous: Path | None = None
    damaged = database_damage(database) is not None
    if damaged:
        previous = set_aside(database)
        _replace_file(backup, database)
    elif database.is_file() and database.stat().st_size > 0:
        previous = backup_copy(database, paths.backups, "before-restore")
        if not _restore_live(backup, database):
            _replace_file(backup, database)
    else:
        _replace_file(backup, database)
    _finish(paths)
    return RestoreResult(describe(backup), previous, damaged)


def restore_latest(paths: Paths) -> RestoreResult:
    """Restore the newest backup that passes the checks."""
    problems = []
    for info in list_backups(paths.backups):
        try:
            check_backup(info.path)
        except StorageError as exc:
            problems.append(str(exc))
            continue
        return restore_backup(paths, info.path)
    detail = f" ({problems[0]})" if problems else ""
    raise StorageError(f"No usable backup in {paths.backups}{detail}.")


def _restore_live(backup: Path, database: Path) -> bool:
    """Copy the backup into the live file in one SQLite transaction; False if it cannot."""
    source = read_only(backup)
    try:
        dest = sqlite3.connect(str(database), timeout=30)
        try:
            same = bool(
                source.execute("PRAGMA page_size").fetchone()
                == dest.execute("PRAGMA page_size").fetchone()
            )
            if same:  # a WAL database only takes pages of its own size
                source.backup(dest)
            return same
        finally:
            dest.close()
    finally:
        source.close()


def _replace_file(backup: Path, database: Path) -> None:
    """Write the backup beside the database, flush it, and rename it over the database."""
    private_folder(database.parent)
    temporary = database.with_name(f".{database.name}.{secrets.token_hex(4)}.restoring")
    try:
        copy_into_new_file(backup, temporary)
        for suffix in ("-wal", "-shm"):  # belong to the replaced file; would corrupt the new
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, database)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_dir(database.parent)


def _finish(paths: Paths) -> None:
    """Bring an older backup's schema up to date now, while nothing else writes."""
    from airdrop_desk.storage.db import open_database

    open_database(paths.database, paths.backups).close()


def find_backup(paths: Paths, name: str) -> Path:
    """A backup by its listed name, or any database file by path."""
    listed = paths.backups / name
    if "/" not in name and "\\" not in name and listed.is_file():
        return listed
    given = Path(name).expanduser()
    if given.is_file():
        return given
    raise StorageError(
        f"No backup named '{name}' in {paths.backups}; 'airdrop-desk backup list' shows them."
    )


class Backups:
    """The backups of one data folder, as the window works with them.

    Each method does its file work on the calling thread (the window calls them from
    an op, never on the GUI thread).
    """

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    def list(self) -> list[BackupInfo]:
        """Every complete backup, newest first."""
        return list_backups(self.paths.backups)

    def keep_count(self) -> int:
        return keep_count(self.paths)

    def set_keep_count(self, count: int) -> int:
        return set_keep_count(self.paths, count)

    def create(self, reason: str = "manual") -> BackupInfo:
        return create_backup(self.paths, reason)

    def restore(self, backup: Path) -> RestoreResult:
        return restore_backup(self.paths, backup)

    def restore_latest(self) -> RestoreResult:
        return restore_latest(self.paths)

    def damage(self) -> str | None:
        """Why the database is damaged (a restore is the remedy), else None."""
        return database_damage(self.paths.database)

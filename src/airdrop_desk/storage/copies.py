"""A consistent, flushed copy of a database file: what a backup and a pre-migration copy share.

Below both ``db`` (which copies a database before migrating it) and ``backup`` (which
lists, prunes and restores the copies), so neither has to import the other.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
from pathlib import Path

from airdrop_desk.core import clock
from airdrop_desk.paths import private_file, private_folder

STAMP = "%Y%m%dT%H%M%S%fZ"  # in a copy's file name: when it was made, UTC


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name == "posix":  # a directory cannot be opened for fsync on Windows
        fsync(folder)


def backup_copy(path: Path, backups: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """A consistent copy of the database made with SQLite's backup API, stamped ``now``."""
    private_folder(backups)
    now = (now or clock.utc_now()).astimezone(dt.UTC)
    target = backups / f"{path.stem}-{now.strftime(STAMP)}-{reason}.sqlite3"
    while target.exists():  # two copies in one microsecond: step the stamp
        now += dt.timedelta(microseconds=1)
        target = backups / f"{path.stem}-{now.strftime(STAMP)}-{reason}.sqlite3"
    partial = backups / f".{target.name}.{secrets.token_hex(4)}.partial"
    try:
        copy_into_new_file(path, partial)
        os.replace(partial, target)  # listed only once it is complete
    finally:
        partial.unlink(missing_ok=True)
    fsync_dir(backups)
    return target


def copy_into_new_file(source_path: Path, target: Path) -> None:
    """Copy a database into a new file with the backup API, flushed to disk."""
    source = read_only(source_path)
    try:
        private_file(target)  # SQLite keeps the mode of the file it finds
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
            # The copy keeps the source's WAL flag; a backup must be one file on its own.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    fsync(target)

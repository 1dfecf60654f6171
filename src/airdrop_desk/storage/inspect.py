"""Look at a database file without changing it: is it ours, whole, and not too new?

Uses only the standard library's sqlite3 so that the usual start-up does not pay
for importing sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from airdrop_desk.storage.errors import StorageError
from airdrop_desk.storage.migrations import KNOWN, MIGRATION_SET

SQLITE_MAGIC = b"SQLite format 3\x00"


def inspect_database(path: Path) -> list[str]:
    """Names of the migrations applied to ``path`` ([] when it does not exist yet).

    Raises StorageError without writing a byte when the file is not a usable
    Airdrop Desk database.
    """
    applied, conn = open_inspected(path)
    if conn is not None:
        conn.close()
    return applied


def open_inspected(path: Path) -> tuple[list[str], sqlite3.Connection | None]:
    """``inspect_database``, and the read-only connection it looked through, left open
    for the caller to read on (None when there is no database yet): start-up then
    opens the file once instead of twice."""
    if not path.exists():
        return [], None
    if not path.is_file():
        raise StorageError(f"{path} is not a file. Choose another data folder.")
    size = path.stat().st_size
    if size == 0:
        return [], None
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StorageError(
            f"{path} is not an SQLite database, so Airdrop Desk cannot use it. "
            "The file was left untouched; move it away or choose another data folder."
        )
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from None
    try:
        return _applied(conn, path), conn
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _unreadable(path, exc) from None
    except BaseException:
        conn.close()
        raise


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> StorageError:
    return StorageError(
        f"{path} cannot be read as a database ({exc}). The file was left "
        "untouched; restore a backup or move it away."
    )


def _applied(conn: sqlite3.Connection, path: Path) -> list[str]:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not has_table:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if tables:
            raise StorageError(
                f"{path} is an SQLite database of another program. The file was "
                "left untouched; choose another data folder."
            )
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()
    applied = [row[0] for row in rows]
    unknown = [name for name in applied if name not in KNOWN]
    if unknown:
        from airdrop_desk import __version__

        raise StorageError(
            f"{path} was written by a newer Airdrop Desk (it has schema change "
            f"'{unknown[-1]}', which version {__version__} does not know). "
            "Update Airdrop Desk to open it; the file was left untouched."
        )
    return applied


def check_integrity(path: Path, *, full: bool = False, remedy: str = "Restore a backup.") -> None:
    """Read every page; raises StorageError naming the damage and ``remedy``.

    ``full`` runs ``PRAGMA integrity_check`` (also index contents) instead of
    ``quick_check``. Start-up runs the quick one in the background.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            check = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read as a database ({exc}).") from None
    if check != [("ok",)]:
        problem = "; ".join(str(row[0]) for row in check[:3])
        raise StorageError(f"{path} is damaged ({problem}). {remedy}")

"""Subscribed catalog feeds: their rows, and the catalog versions that hold their files.

A feed's files are catalog versions named by the feed (``catalog_versions.feed``); this
module keeps the subscription (url, pinned key, the version held, the last check) and
replaces a feed's stored file in one transaction: the new version is stored first, then
the older ones are dropped.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.core.domain import Catalog

_COLUMNS = (
    "name, url, public_key, key_id, catalog_version, expires, sha256, added_at, "
    "checked_at, applied_at, outcome, message"
)


@dataclass(frozen=True)
class FeedRow:
    """One subscription as stored. ``outcome``: '' (never checked), 'applied',
    'current' (nothing newer) or 'refused'; ``message`` says why."""

    name: str
    url: str
    public_key: str
    key_id: str
    catalog_version: str | None
    expires: str | None
    sha256: str | None
    added_at: str
    checked_at: str | None
    applied_at: str | None
    outcome: str
    message: str


def list_feeds(conn: sqlite3.Connection) -> list[FeedRow]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY name COLLATE NOCASE").fetchall()
    return [FeedRow(*row) for row in rows]


def get_feed(conn: sqlite3.Connection, name: str) -> FeedRow | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM feeds WHERE name = ?", [name]).fetchone()
    return None if row is None else FeedRow(*row)


def feed_version(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the catalog version holding the feed's current file."""
    row = conn.execute(
        "SELECT max(id) FROM catalog_versions WHERE feed = ? COLLATE NOCASE", [name]
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def verifications(conn: sqlite3.Connection) -> dict[int, str]:
    """How each catalog version's file was trusted ('', 'unverified' or 'signed')."""
    rows = conn.execute("SELECT id, verification FROM catalog_versions").fetchall()
    return {int(i): str(v) for i, v in rows}


def mark_unverified(db: Database, version: int) -> None:
    db.execute("UPDATE catalog_versions SET verification = 'unverified' WHERE id = ?", [version])


def add_feed(db: Database, name: str, url: str, public_key: str, key_id: str, now: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO feeds (name, url, public_key, key_id, added_at) VALUES (?, ?, ?, ?, ?)",
            [name, url, public_key, key_id, now],
        )


def record_check(db: Database, name: str, outcome: str, message: str, now: str) -> None:
    """How a check went, without touching the file held."""
    with db.atomic():
        db.execute(
            "UPDATE feeds SET checked_at = ?, outcome = ?, message = ? WHERE name = ?",
            [now, outcome, message, name],
        )


def store_feed_file(
    db: Database,
    name: str,
    catalog: Catalog,
    sha256: str,
    url: str,
    message: str,
    now: str,
) -> int:
    """Store a verified file as the feed's version (one transaction); returns its id.

    The older versions stay until ``drop_older`` (the caller says what changed first).
    """
    from airdrop_desk.storage.catalog_repo import import_catalog

    with db.atomic():
        version = import_catalog(db, catalog, f"{sha256}:{name}", url, activate=False, feed=name)
        db.execute("UPDATE catalog_versions SET verification = 'signed' WHERE id = ?", [version])
        db.execute(
            "UPDATE feeds SET catalog_version = ?, expires = ?, sha256 = ?, checked_at = ?, "
            "applied_at = ?, outcome = 'applied', message = ? WHERE name = ?",
            [catalog.catalog_version, catalog.expires, sha256, now, now, message, name],
        )
    return version


def drop_older(db: Database, name: str, keep: int) -> None:
    """Drop every stored version of the feed but ``keep``."""
    with db.atomic():
        _drop_versions(db, name, keep=keep)


def remove_feed(db: Database, name: str) -> bool:
    """Forget the feed and every stored version of its file; False if there was none."""
    with db.atomic():
        _drop_versions(db, name, keep=None)
        cursor = db.execute("DELETE FROM feeds WHERE name = ?", [name])
    return bool(cursor.rowcount)


def _drop_versions(db: Database, name: str, keep: int | None) -> None:
    ids = [
        int(row[0])
        for row in db.execute(
            "SELECT id FROM catalog_versions WHERE feed = ? COLLATE NOCASE", [name]
        ).fetchall()
        if keep is None or int(row[0]) != keep
    ]
    for table, column in (
        ("catalog_docs", "version_id"),
        ("catalog_projects", "version_id"),
        ("catalog_versions", "id"),
    ):
        db.conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])

"""The schema, one sqlite-utils migration at a time.

Released migrations never change: a new schema is a new function appended here,
and tests/fixtures/db keeps a real database file of every released schema.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "airdrop_desk"
migrations = Migrations(MIGRATION_SET)
KNOWN: list[str] = []


def migration(name: str):  # type: ignore[no-untyped-def]
    """Register a migration under ``name`` and remember it as known to this version."""
    KNOWN.append(name)
    return migrations(name=name)


@migration("0001_settings")
def m0001_settings(db: Database) -> None:
    db.execute("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT
    """)


@migration("0002_catalog_seen")
def m0002_catalog_seen(db: Database) -> None:
    # Which catalog versions this data dir has been opened with, so the app can
    # say what changed since the user last looked.
    db.execute("""
        CREATE TABLE catalog_seen (
            catalog_version TEXT PRIMARY KEY,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        ) STRICT
    """)

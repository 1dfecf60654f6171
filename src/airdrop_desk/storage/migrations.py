"""The schema, one sqlite-utils migration at a time.

Released migrations never change: a new schema is a new function appended here,
and tests/fixtures/db keeps a real database file of every released schema.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite-utils is imported only when migrations run, not at start-up
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "airdrop_desk"
KNOWN: list[str] = []
_REGISTERED: list[tuple[str, Callable[[Database], None]]] = []
_built: list[Migrations] = []

Migration = Callable[["Database"], None]


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a migration under ``name`` and remember it as known to this version."""

    def register(fn: Migration) -> Migration:
        KNOWN.append(name)
        _REGISTERED.append((name, fn))
        return fn

    return register


def migration_set() -> Migrations:
    """The sqlite-utils ``Migrations`` holding every registered migration, in order."""
    if not _built:
        from sqlite_utils import Migrations

        built = Migrations(MIGRATION_SET)
        for name, fn in _REGISTERED:
            built(name=name)(fn)
        _built.append(built)
    return _built[0]


def __getattr__(name: str) -> Any:
    if name == "migrations":
        return migration_set()
    raise AttributeError(name)


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


@migration("0003_exchange_keys")
def m0003_exchange_keys(db: Database) -> None:
    # Metadata of linked exchange keys only: the key, secret and passphrase live in the
    # OS keyring under the row's id. The fingerprint (SHA-256 of the API key) lets the
    # app refuse the same key twice without keeping the key.
    db.execute("""
        CREATE TABLE exchange_keys (
            id TEXT PRIMARY KEY,
            exchange TEXT NOT NULL,
            label TEXT NOT NULL UNIQUE,
            masked_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            linked_at TEXT NOT NULL,
            last_verified_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('verified', 'locked', 'unverified')),
            status_detail TEXT NOT NULL DEFAULT '',
            ip_restricted INTEGER CHECK (ip_restricted IN (0, 1)),
            expires_at TEXT
        ) STRICT
    """)
    # Every request made with a key. No foreign key: entries outlive a removed key.
    db.execute("""
        CREATE TABLE key_audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            exchange TEXT NOT NULL,
            label TEXT NOT NULL,
            key_id TEXT,
            method TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            outcome TEXT NOT NULL,
            http_status INTEGER,
            latency_ms INTEGER NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        ) STRICT
    """)
    db.execute("CREATE INDEX key_audit_label ON key_audit(label, at)")


@migration("0004_catalog_versions")
def m0004_catalog_versions(db: Database) -> None:
    # Every catalog file the app has read is kept as a version, so an update can be
    # rolled back; the window reads the compact row columns at start-up and a
    # project's whole JSON document only when its detail pane opens.
    db.execute("""
        CREATE TABLE catalog_versions (
            id INTEGER PRIMARY KEY,
            catalog_version TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            file_signature TEXT,
            imported_at TEXT NOT NULL,
            project_count INTEGER NOT NULL,
            article_source TEXT NOT NULL,
            sources BLOB NOT NULL,
            facets TEXT NOT NULL
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE catalog_projects (
            version_id INTEGER NOT NULL REFERENCES catalog_versions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL,
            tier TEXT NOT NULL,
            score INTEGER,
            score_kind TEXT,
            raised INTEGER,
            narratives TEXT NOT NULL,
            ecosystem TEXT,
            investors TEXT NOT NULL,
            token TEXT,
            status TEXT,
            has_points INTEGER NOT NULL,
            search TEXT NOT NULL,
            PRIMARY KEY (version_id, position),
            UNIQUE (version_id, id)
        ) STRICT, WITHOUT ROWID
    """)
    # Whole documents apart, so reading the rows at start-up never touches them.
    db.execute("""
        CREATE TABLE catalog_docs (
            version_id INTEGER NOT NULL REFERENCES catalog_versions(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            doc BLOB NOT NULL,
            UNIQUE (version_id, id)
        ) STRICT
    """)


# Later features keep their schema beside their code; importing the module registers
# its migrations, in this order. Append new modules at the end, never reorder.
# Imported by name so that no import sorter can change the order.
for _module in ("schema_tracking", "schema_portfolio"):
    importlib.import_module(f"airdrop_desk.storage.{_module}")


@migration("0007_catalog_extra_fields")
def m0007_catalog_extra_fields(db: Database) -> None:
    # Catalog fields added after the fixed row columns keep their values in one JSON
    # text per row, so a new field needs no schema change. ``row_format`` names how a
    # version's rows were derived; a version derived another way (every version stored
    # before this migration: '') is derived again from its projects at the next start.
    db.execute("ALTER TABLE catalog_projects ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE catalog_versions ADD COLUMN row_format TEXT NOT NULL DEFAULT ''")

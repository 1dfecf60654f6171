"""The schema: one ordered ladder of sqlite-utils migrations, read top to bottom.

Each step is a function below and one line of ``LADDER`` at the end, in the order they
run. A database records the names of the steps applied to it, so a released step never
changes, never moves and keeps its name: a new schema is a new function and a new line
at the bottom, numbered one above the last (the three 0005 steps were released under one
number and keep it). ``tests/fixtures/db`` keeps a real database file after every step;
``make_fixtures.py`` there writes the one for a new step.

Catalog projects are referred to by their catalog id (text, no foreign key): catalog
versions come and go, a person's history stays. Deleting a profile or a tracked project
first only marks it (``deleted_at``) so the window can undo it; rows below cascade when
one is purged. Amounts and prices are exact decimal text; times are UTC ISO-8601 text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported only when migrations run, not at start-up
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "airdrop_desk"

Migration = Callable[["Database"], None]


def m0001_settings(db: Database) -> None:
    db.execute("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT
    """)


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


def m0005_profiles(db: Database) -> None:
    db.execute("""
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
            notes TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            created_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
    """)
    # Names are unique among the profiles someone can see; a deleted one may be undone.
    db.execute(
        "CREATE UNIQUE INDEX profiles_name ON profiles(name COLLATE NOCASE) "
        "WHERE deleted_at IS NULL"
    )
    db.execute("""
        CREATE TABLE wallet_addresses (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            chain TEXT NOT NULL CHECK (chain IN ('evm', 'solana', 'starknet', 'cosmos')),
            address TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            UNIQUE (profile_id, chain, address)
        ) STRICT
    """)


def m0005_tracking(db: Database) -> None:
    db.execute("""
        CREATE TABLE tracked_projects (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            added_at TEXT NOT NULL,
            deleted_at TEXT,
            UNIQUE (profile_id, project_id)
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY,
            tracked_id INTEGER NOT NULL REFERENCES tracked_projects(id) ON DELETE CASCADE,
            template_id TEXT,
            title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
            detail TEXT NOT NULL DEFAULT '',
            link TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            recurrence TEXT NOT NULL DEFAULT 'none'
                CHECK (recurrence IN ('none', 'daily', 'weekly', 'monthly', 'every_n_days')),
            every_days INTEGER CHECK ((recurrence = 'every_n_days') = (every_days IS NOT NULL)
                                      AND (every_days IS NULL OR every_days BETWEEN 1 AND 365)),
            due_date TEXT,
            created_at TEXT NOT NULL,
            deleted_at TEXT,
            UNIQUE (tracked_id, template_id)
        ) STRICT
    """)
    db.execute("CREATE INDEX tasks_tracked ON tasks(tracked_id, position)")
    db.execute("""
        CREATE TABLE ticks (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            tx TEXT NOT NULL DEFAULT '',
            cost_native REAL CHECK (cost_native IS NULL OR cost_native >= 0),
            cost_token TEXT NOT NULL DEFAULT '',
            cost_usd REAL CHECK (cost_usd IS NULL OR cost_usd >= 0)
        ) STRICT
    """)
    db.execute("CREATE INDEX ticks_task ON ticks(task_id, at)")


def m0005_points_claims(db: Database) -> None:
    db.execute("""
        CREATE TABLE points_snapshots (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            program TEXT NOT NULL CHECK (length(trim(program)) BETWEEN 1 AND 200),
            day TEXT NOT NULL,
            points REAL NOT NULL CHECK (points >= 0),
            rank INTEGER CHECK (rank IS NULL OR rank >= 1),
            UNIQUE (profile_id, project_id, program, day)
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE points_targets (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            program TEXT NOT NULL,
            target REAL NOT NULL CHECK (target > 0),
            PRIMARY KEY (profile_id, project_id, program)
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE claims (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('eligible', 'not_eligible', 'claimed', 'missed')),
            amount REAL CHECK (amount IS NULL OR amount >= 0),
            token TEXT NOT NULL DEFAULT '',
            claim_date TEXT,
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, project_id)
        ) STRICT
    """)


def m0006_portfolio(db: Database) -> None:
    # One snapshot per key and day: a later sync the same day replaces the earlier one.
    db.execute("""
        CREATE TABLE portfolio_snapshots (
            id INTEGER PRIMARY KEY,
            key_id TEXT NOT NULL,
            label TEXT NOT NULL,
            exchange TEXT NOT NULL,
            taken_at TEXT NOT NULL
        ) STRICT
    """)
    db.execute("CREATE INDEX portfolio_snapshots_key ON portfolio_snapshots(key_id, taken_at)")
    db.execute("""
        CREATE TABLE portfolio_balances (
            snapshot_id INTEGER NOT NULL REFERENCES portfolio_snapshots(id) ON DELETE CASCADE,
            asset TEXT NOT NULL,
            wallet TEXT NOT NULL,
            amount TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, asset, wallet)
        ) STRICT, WITHOUT ROWID
    """)
    # How the last sync of each key went, and which profile its balances belong to.
    db.execute("""
        CREATE TABLE portfolio_key_state (
            key_id TEXT PRIMARY KEY,
            profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
            last_attempt_at TEXT,
            last_success_at TEXT,
            outcome TEXT NOT NULL DEFAULT 'never'
                CHECK (outcome IN ('never', 'ok', 'failed', 'skipped')),
            message TEXT NOT NULL DEFAULT ''
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE manual_holdings (
            id INTEGER PRIMARY KEY,
            asset TEXT NOT NULL,
            amount TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
            added_at TEXT NOT NULL
        ) STRICT
    """)
    # Every quote fetched, so a cost can be converted with the price of its day.
    db.execute("""
        CREATE TABLE price_quotes (
            asset TEXT NOT NULL,
            at TEXT NOT NULL,
            usd TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (asset, at)
        ) STRICT, WITHOUT ROWID
    """)
    db.execute("""
        CREATE TABLE price_refresh (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            attempted_at TEXT NOT NULL,
            succeeded_at TEXT,
            message TEXT NOT NULL DEFAULT ''
        ) STRICT
    """)
    # The dollar value of a claim when it was received, as the user recorded it (the
    # claims table of 0005_points_claims has no such column).
    db.execute("""
        CREATE TABLE claim_values (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            usd TEXT NOT NULL,
            PRIMARY KEY (profile_id, project_id)
        ) STRICT
    """)
    # The value chart: the priced value per day, for all profiles ('*') and each profile
    # (its id as text).
    db.execute("""
        CREATE TABLE portfolio_values (
            day TEXT NOT NULL,
            scope TEXT NOT NULL,
            value_usd TEXT NOT NULL,
            unpriced INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (scope, day)
        ) STRICT, WITHOUT ROWID
    """)


def m0007_catalog_extra_fields(db: Database) -> None:
    # Catalog fields added after the fixed row columns keep their values in one JSON
    # text per row, so a new field needs no schema change. ``row_format`` names how a
    # version's rows were derived; a version derived another way (every version stored
    # before this migration: '') is derived again from its projects at the next start.
    db.execute("ALTER TABLE catalog_projects ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE catalog_versions ADD COLUMN row_format TEXT NOT NULL DEFAULT ''")


def m0008_catalog_feeds(db: Database) -> None:
    # A subscribed feed's files are stored as catalog versions too, named by the feed;
    # the app's own catalog (bundled, imported, rolled back) is the versions without one.
    db.execute("ALTER TABLE catalog_versions ADD COLUMN feed TEXT")
    db.execute("CREATE INDEX catalog_versions_feed ON catalog_versions(feed, id)")


def m0009_user_projects(db: Database) -> None:
    # Projects the user adds: the whole project as the catalog's JSON document (the same
    # struct), its sources beside it. They are user data (exported, imported, backed up)
    # and no catalog update or rollback touches them. Ids start with "yours-", which no
    # catalog id of the app's own uses; official domains are kept unique by the app.
    db.execute("""
        CREATE TABLE user_projects (
            id TEXT PRIMARY KEY CHECK (id LIKE 'yours-%'),
            name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
            doc TEXT NOT NULL,
            sources TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
    """)
    db.execute("CREATE UNIQUE INDEX user_projects_name ON user_projects(name COLLATE NOCASE)")


def m0010_feeds(db: Database) -> None:
    # Subscribed catalog feeds: where the file is, the public key pinned when the user
    # subscribed (every later file must verify against it), the version and expiry of the
    # file held (a file not newer is refused), and how the last check went. The files
    # themselves are catalog versions named by the feed (0008).
    db.execute("""
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            url TEXT NOT NULL UNIQUE,
            public_key TEXT NOT NULL,
            key_id TEXT NOT NULL,
            catalog_version TEXT,
            expires TEXT,
            sha256 TEXT,
            added_at TEXT NOT NULL,
            checked_at TEXT,
            applied_at TEXT,
            outcome TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT ''
        ) STRICT
    """)
    # How a catalog version's file was trusted: '' the app's own (bundled), 'unverified'
    # an unsigned import, 'signed' a feed's file verified against its pinned key.
    db.execute("ALTER TABLE catalog_versions ADD COLUMN verification TEXT NOT NULL DEFAULT ''")


def m0011_allocations(db: Database) -> None:
    # Published allocation lists (eligibility/). A list's rows are not stored as text
    # addresses with an index (100+ bytes a row): each row is the first 8 bytes of a
    # blake2b hash of the normalised address or handle (``key``), 4 more bytes of that
    # hash to rule out a collision on a hit (``chk``), and the amount in base units (an
    # INTEGER, or big-endian bytes when it does not fit 64 bits), keyed by (key, list)
    # without a rowid: about 40 bytes a row, and a check of many addresses against every
    # list is one index probe per address. No foreign key on ``list_id``: a list's rows
    # are deleted with it in the same transaction, and a check per row would slow the
    # import of a million of them.
    db.execute("""
        CREATE TABLE alloc_lists (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            project_id TEXT,
            token TEXT NOT NULL DEFAULT '',
            decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 36),
            rows INTEGER NOT NULL CHECK (rows >= 0),
            duplicates INTEGER NOT NULL DEFAULT 0,
            total TEXT NOT NULL,
            deadline TEXT,
            format TEXT NOT NULL CHECK (format IN ('rotki', 'merkle', 'identities', 'csv')),
            source TEXT NOT NULL,
            entry TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            UNIQUE (source, entry)
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE alloc_rows (
            key INTEGER NOT NULL,
            list_id INTEGER NOT NULL,
            amount ANY NOT NULL,
            chk INTEGER NOT NULL,
            PRIMARY KEY (key, list_id)
        ) STRICT, WITHOUT ROWID
    """)
    # A profile's other identities: the handles allocation lists may name.
    db.execute("""
        CREATE TABLE profile_identities (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('github', 'x', 'discord')),
            handle TEXT NOT NULL CHECK (length(handle) BETWEEN 1 AND 100),
            UNIQUE (profile_id, kind, handle)
        ) STRICT
    """)


def m0012_board_indexes(db: Database) -> None:
    # The farm board counts every task of every active profile, cell by cell: this index
    # holds what a count reads (its checklist, whether deleted, how it repeats, its due
    # date), so the tasks themselves are read only for those on the Today list. The
    # newest tick of a task is one look into ticks_task (task_id, at) from 0005.
    db.execute("CREATE INDEX tasks_board ON tasks(tracked_id, deleted_at, recurrence, due_date)")


# The ladder, in the order the steps run: (the name databases record, the step).
LADDER: tuple[tuple[str, Migration], ...] = (
    ("0001_settings", m0001_settings),
    ("0002_catalog_seen", m0002_catalog_seen),
    ("0003_exchange_keys", m0003_exchange_keys),
    ("0004_catalog_versions", m0004_catalog_versions),
    ("0005_profiles", m0005_profiles),
    ("0005_tracking", m0005_tracking),
    ("0005_points_claims", m0005_points_claims),
    ("0006_portfolio", m0006_portfolio),
    ("0007_catalog_extra_fields", m0007_catalog_extra_fields),
    ("0008_catalog_feeds", m0008_catalog_feeds),
    ("0009_user_projects", m0009_user_projects),
    ("0010_feeds", m0010_feeds),
    ("0011_allocations", m0011_allocations),
    ("0012_board_indexes", m0012_board_indexes),
)
KNOWN: list[str] = [name for name, _step in LADDER]


@functools.cache
def migration_set() -> Migrations:
    """The sqlite-utils ``Migrations`` holding the whole ladder, in order."""
    from sqlite_utils import Migrations

    built = Migrations(MIGRATION_SET)
    for name, step in LADDER:
        built(name=name)(step)
    return built

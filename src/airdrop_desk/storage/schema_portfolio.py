"""Schema of the portfolio: balance snapshots, manual holdings, prices and daily values.

Amounts and prices are exact decimal text; times are UTC ISO-8601 text (see
``keys_repo.iso``). Snapshots name their key by id without a foreign key: the portfolio
shows only keys still linked, and the value history outlives a removed key. Profiles
are those of ``schema_tracking`` (registered before this module); a purged profile
leaves its holdings without a profile rather than deleting them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from airdrop_desk.storage.migrations import migration

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration("0006_portfolio")
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
    # claims table of schema_tracking has no such column).
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

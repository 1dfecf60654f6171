"""Schema of profiles, tracked projects, eligibility tasks, ticks, points and claims.

Migrations here are registered through ``storage.migrations.migration`` with names
numbered after the core ones (0005_...). Catalog projects are referred to by their
catalog id (text, no foreign key): catalog versions come and go, a person's
history stays. Deleting a profile or a tracked project first only marks it
(``deleted_at``) so the window can undo it; rows below cascade when one is purged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from airdrop_desk.storage.migrations import migration

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration("0005_profiles")
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


@migration("0005_tracking")
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


@migration("0005_points_claims")
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

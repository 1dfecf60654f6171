"""Rows other features write (linked keys, profiles, checklists, claims), for portfolio tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)


def add_key(db: Any, label: str, exchange: str = "binance") -> str:
    """A linked key's metadata, as the vault stores it after verifying the key."""
    key_id = f"id-{label}"
    KeysRepo(db).add(
        KeyRecord(
            key_id,
            exchange,
            label,
            "abcd…wxyz",
            f"fp-{label}",
            NOW,
            NOW,
            "verified",
            "read-only",
            False,
            None,
        )
    )
    return key_id


def add_profile(db: Any, name: str) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO profiles (name, created_at) VALUES (?, ?)", [name, NOW.isoformat()]
        )
    return int(cursor.lastrowid)


def add_task_cost(
    db: Any,
    profile_id: int,
    project_id: str,
    at: dt.datetime,
    native: float | None,
    token: str = "",
    usd: float | None = None,
) -> None:
    """A tracked project with one task ticked once, with what the tick cost."""
    with db.atomic():
        row = db.execute(
            "SELECT id FROM tracked_projects WHERE profile_id = ? AND project_id = ?",
            [profile_id, project_id],
        ).fetchone()
        tracked = (
            row[0]
            if row
            else db.execute(
                "INSERT INTO tracked_projects (profile_id, project_id, added_at) VALUES (?,?,?)",
                [profile_id, project_id, NOW.isoformat()],
            ).lastrowid
        )
        task = db.execute(
            "INSERT INTO tasks (tracked_id, title, position, created_at) "
            "VALUES (?, 'Bridge', 0, ?)",
            [tracked, NOW.isoformat()],
        ).lastrowid
        db.execute(
            "INSERT INTO ticks (task_id, at, cost_native, cost_token, cost_usd) VALUES (?,?,?,?,?)",
            [task, at.isoformat(), native, token, usd],
        )


def add_claim(
    db: Any,
    profile_id: int,
    project_id: str,
    amount: float | None,
    token: str,
    day: str | None,
    status: str = "claimed",
) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO claims (profile_id, project_id, status, amount, token, "
            "claim_date, updated_at) VALUES (?,?,?,?,?,?,?)",
            [profile_id, project_id, status, amount, token, day, NOW.isoformat()],
        )

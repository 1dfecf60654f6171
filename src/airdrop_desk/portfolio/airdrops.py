"""Airdrop receipts and farming costs, read from the checklist tables (migration 0005_tracking).

Only what a person can still see counts: profiles, tracked projects and tasks marked
deleted are left out. A claim counts as received when its status is ``claimed``; a
tick's cost is its fee in a token (``cost_native`` + ``cost_token``) with, when given,
its dollar value at the time (``cost_usd``), or a dollar fee alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from airdrop_desk.core.roi import USD, Claim, Cost

if TYPE_CHECKING:
    from sqlite_utils import Database

CLAIM_HOUR = dt.time(12, tzinfo=dt.UTC)  # a claim date is a day: read it as its middle


def _has_tables(db: Database, *names: str) -> bool:
    marks = ",".join("?" * len(names))
    rows = db.execute(
        f"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ({marks})", list(names)
    ).fetchall()
    return len(rows) == len(names)


def _decimal(value: object) -> Decimal | None:
    # The checklist tables keep amounts as REAL: str() gives the shortest exact spelling.
    return None if value is None else Decimal(str(value))


def profile_names(db: Database) -> dict[int, str]:
    """Profiles a person can see, id -> name."""
    if not _has_tables(db, "profiles"):
        return {}
    rows = db.execute("SELECT id, name FROM profiles WHERE deleted_at IS NULL").fetchall()
    return {int(i): str(n) for i, n in rows}


def project_names(db: Database) -> dict[str, str]:
    """Catalog project id -> name, from the active catalog version."""
    from airdrop_desk.storage.catalog_repo import CatalogReader

    if not _has_tables(db, "catalog_projects", "settings"):
        return {}
    version = CatalogReader(db.conn).active_version()
    if version is None:
        return {}
    rows = db.execute(
        "SELECT id, name FROM catalog_projects WHERE version_id = ?", [version]
    ).fetchall()
    return {str(i): str(n) for i, n in rows}


def claims_and_costs(
    db: Database,
    profiles: dict[int, str],
    projects: dict[str, str],
    values: dict[tuple[int, str], Decimal],
) -> tuple[list[Claim], list[Cost]]:
    """Claims with status ``claimed`` and every tick cost, for the visible profiles.

    ``values`` holds the dollar value at claim the user recorded, by (profile id, project).
    """
    if not _has_tables(db, "claims", "ticks", "tasks", "tracked_projects"):
        return [], []
    claims = []
    for pid, project_id, amount, token, day in db.execute(
        "SELECT profile_id, project_id, amount, token, claim_date FROM claims "
        "WHERE status = 'claimed' ORDER BY profile_id, project_id"
    ).fetchall():
        if pid not in profiles:
            continue
        at = dt.datetime.combine(dt.date.fromisoformat(day), CLAIM_HOUR) if day else None
        claims.append(
            Claim(
                project_id,
                projects.get(project_id, project_id),
                profiles[pid],
                str(token or "").upper(),
                _decimal(amount),
                at,
                values.get((pid, project_id)),
            )
        )
    costs = []
    for pid, project_id, at, native, token, usd in db.execute(
        "SELECT tp.profile_id, tp.project_id, t.at, t.cost_native, t.cost_token, "
        "t.cost_usd FROM ticks t JOIN tasks k ON k.id = t.task_id "
        "JOIN tracked_projects tp ON tp.id = k.tracked_id "
        "WHERE k.deleted_at IS NULL AND tp.deleted_at IS NULL "
        "AND (t.cost_native IS NOT NULL OR t.cost_usd IS NOT NULL)"
    ).fetchall():
        if pid not in profiles:
            continue
        spent = dt.datetime.fromisoformat(at)
        name = projects.get(project_id, project_id)
        if native is not None:
            asset = str(token or "").upper() or "an unnamed token"
            costs.append(
                Cost(
                    project_id,
                    profiles[pid],
                    _decimal(native) or Decimal(0),
                    asset,
                    spent,
                    _decimal(usd),
                    name,
                )
            )
        else:
            costs.append(
                Cost(project_id, profiles[pid], _decimal(usd) or Decimal(0), USD, spent, None, name)
            )
    return claims, costs

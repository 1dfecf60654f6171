"""Airdrops a profile can still claim (or missed), from the allocation lists on this computer.

Every profile's addresses and handles are looked up in the stored lists
(``eligibility.matching``): a match whose claim is not recorded as claimed is
*unclaimed* while its list's deadline is ahead (or it has none) and *missed* once the
deadline passed. A claimed one is an airdrop holding already. Values are the amount at
today's price (the stored quotes); a token without a price is unpriced, never zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from airdrop_desk.core.allocations import ELIGIBLE, MISSED, Match

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Unclaimed:
    """One profile's allocation of one token from one project: ``status`` is eligible
    (still to claim) or missed."""

    profile: str
    project_id: str | None
    project: str  # the project's name, or the list's when it is linked to none
    lists: str
    token: str
    amount: Decimal  # whole tokens
    deadline: dt.datetime | None
    status: str


def _has_lists(db: Database) -> bool:
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alloc_lists'"
    ).fetchone()
    if row is None:
        return False
    return db.execute("SELECT 1 FROM alloc_lists LIMIT 1").fetchone() is not None


def unclaimed(
    db: Database, profiles: dict[int, str], projects: dict[str, str], now: dt.datetime
) -> list[Unclaimed]:
    """Eligible and missed allocations of the visible profiles, by profile and project."""
    if not _has_lists(db):
        return []
    from airdrop_desk.eligibility import matching

    found = [m for m in matching.find(db, matching.profile_holders(db)) if m.profile_id in profiles]
    groups: dict[tuple[int, str, str, str], list[Match]] = defaultdict(list)
    for m, status in zip(found, matching.outcomes(db, found, now), strict=True):
        if status in (ELIGIBLE, MISSED):
            project = m.list.project_id or f"list:{m.list.id}"
            groups[(m.profile_id or 0, project, m.list.token, status)].append(m)
    out = []
    for (pid, _project, token, status), matches in groups.items():
        first = matches[0].list
        deadlines = [m.list.deadline for m in matches if m.list.deadline]
        out.append(
            Unclaimed(
                profiles[pid],
                first.project_id,
                projects.get(first.project_id or "", "") or first.project_id or first.name,
                ", ".join(dict.fromkeys(m.list.name for m in matches)),
                token,
                sum((m.whole for m in matches), Decimal(0)),
                min(deadlines) if deadlines else None,
                status,
            )
        )
    out.sort(key=lambda u: (u.status != ELIGIBLE, u.profile.casefold(), u.project.casefold()))
    return out

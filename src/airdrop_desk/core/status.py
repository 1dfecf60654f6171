"""A project's status on a given day: the catalog's word, moved on by dated events.

A catalog states where a project stood (``Project.status``) on a day (``Project.as_of``;
the article's projects have none). Its snapshot and claim dates then move the status on
as days pass, so the status shown is right on the day it is shown, not frozen when the
catalog was imported:

- a claim window open today is ``claim open`` (a closed window needs both its dates);
- after that, the newest event that has happened since the catalog's day decides:
  a snapshot is ``snapshot taken``, a claim that opened with no end date ``claim open``,
  a claim window that has closed ``airdropped``;
- an outcome the catalog states stays: ``token sale``, ``no token`` and
  ``no airdrop confirmed`` always, ``airdropped`` unless a claim window is open today;
- an event on or before the catalog's ``as_of`` day is already in the stated status:
  a curator who writes "rumoured" after a claim closed (another token's claim, say)
  is not overruled by it.

Dates keep the precision the source gave ("2024-10", "2024"): such an event counts as
happened only once its whole month or year has passed; a window is open from its first
day to its last.

The compact row carries what this needs in its extra JSON (``timeline``); rows without
one keep the stated status, so only projects with such dates cost anything at start-up.
Pure: no clock here; callers pass today's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from airdrop_desk.core.vocab import FINISHED

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.rows import ProjectRow

#: The event kinds that move a status on.
TIMELINE_KINDS = ("snapshot", "claim_open", "claim_close")
#: Outcomes no date changes: there is no airdrop to claim.
SETTLED = frozenset(FINISHED - {"airdropped"})

Span = tuple[dt.date, dt.date]


def span(text: str) -> Span:
    """The first and last day a catalog date ("2024", "2024-10", "2024-10-22T12:00Z") can mean."""
    year = int(text[:4])
    if len(text) >= 10:
        day = dt.date.fromisoformat(text[:10])
        return day, day
    if len(text) == 7:
        month = int(text[5:7])
        after = dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, 1), after - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _happened(when: Span, today: dt.date) -> bool:
    first, last = when
    return today >= first if first == last else today > last


def status_on(
    stated: str | None,
    events: Sequence[tuple[str, str]],
    today: dt.date,
    as_of: str | None = None,
) -> str | None:
    """The status on ``today`` of a project the catalog says is ``stated`` as of ``as_of``,
    given its dated ``events`` as (kind, catalog date) pairs; see the module docstring."""
    if stated in SETTLED:
        return stated
    dated = sorted((span(date), kind) for kind, date in events if kind in TIMELINE_KINDS)
    closes = [when for when, kind in dated if kind == "claim_close"]
    for when, kind in dated:
        if kind != "claim_open" or today < when[0]:
            continue
        end = next((c for c in closes if c[1] >= when[0]), None)
        if end is not None and today <= end[1]:
            return "claim open"
    if stated == "airdropped":
        return stated
    since = span(as_of)[1] if as_of else None
    latest = None
    for when, kind in dated:
        if _happened(when, today) and (since is None or when[0] > since):
            latest = kind
    if latest == "claim_close":
        return "airdropped"
    if latest == "snapshot":
        return "snapshot taken"
    if latest == "claim_open":  # no end date, or an end still to come (handled above)
        return "claim open"
    return stated


# -- on the compact rows ------------------------------------------------------------
def timeline(project: Project) -> list[str] | None:
    """What the row keeps for ``status_on``: the catalog's day, then "kind@date" per event
    that can move the status; None when the project has no such event."""
    events = [f"{e.kind}@{e.date}" for e in project.events if e.kind in TIMELINE_KINDS]
    return [project.as_of or "", *events] if events else None


@lru_cache(maxsize=4096)
def _on_day(stated: str | None, kept: tuple[str, ...], today: dt.date) -> str | None:
    as_of, *events = kept
    pairs = [tuple(e.split("@", 1)) for e in events]
    return status_on(stated, pairs, today, as_of or None)  # type: ignore[arg-type]


class DayStatuses:
    """The rows of a catalog with each status as of one day, updated in place.

    ``rows`` is the list given, as the catalog states it (the table and the filters then
    read it); ``set_day`` puts the status of ``day`` on each row that has a timeline and
    says whether any changed.
    """

    def __init__(self, rows: list[ProjectRow]) -> None:
        import json
        from array import array

        self.rows = rows
        self.day: dt.date | None = None
        # Only rows with a timeline can change: found once, with their stated status, in
        # three parallel lists (a tuple per row would cost ~9 MB at 100,000 rows); equal
        # timelines share one tuple.
        self._at = array("l")
        self._stated: list[str | None] = []
        self._kept: list[tuple[str, ...]] = []
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        loads = json.loads  # not the rows' decoding cache: each text is read once here
        for i, r in enumerate(rows):
            if '"timeline"' in r.extra:
                kept = tuple(loads(r.extra)["timeline"])
                self._at.append(i)
                self._stated.append(r.status)
                self._kept.append(shared.setdefault(kept, kept))

    def set_day(self, day: dt.date) -> bool:
        """Statuses as of ``day``; True when a row's status changed."""
        if day == self.day:
            return False
        self.day = day
        rows, changed = self.rows, False
        for i, stated, kept in zip(self._at, self._stated, self._kept, strict=True):
            status = _on_day(stated, kept, day)
            if rows[i].status != status:
                rows[i] = rows[i]._replace(status=status)
                changed = True
        return changed

"""Dates that matter to a profile: catalog snapshots and claim windows, task due dates.

``collect`` turns the catalog events of tracked projects and the due dates of their
tasks into one list of ``Deadline``; ``upcoming`` sorts it for the Upcoming view.
Catalog dates can be partial ("2025-07"): they stand on the first day of their
month or year and say so in ``precision``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from airdrop_desk.core.recurrence import Recurrence, period

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.tracking import Checklist

EVENT_LABELS: dict[str, str] = {
    "snapshot": "Snapshot",
    "registration": "Registration",
    "checker": "Eligibility checker",
    "claim_open": "Claim opens",
    "claim_close": "Claim closes",
    "tge": "Token launch",
    "unlock": "Unlock",
    "deadline": "Deadline",
    "task": "Task due",
}
# Dates someone has to act before; the others are only worth knowing.
ACTIONABLE = frozenset({"registration", "claim_close", "deadline", "task"})
# A recorded claim outcome settles the claim window.
SETTLED_CLAIMS = frozenset({"claimed", "not_eligible", "missed"})


@dataclass(frozen=True)
class Deadline:
    """One dated item of the Upcoming view and the .ics export."""

    uid: str
    day: dt.date
    kind: str
    title: str
    project_id: str
    project_name: str
    at: dt.datetime | None = None  # the exact UTC time, when the source gives one
    precision: str = "day"  # day, month or year
    done: bool = False
    # A repeating task: ``day`` is its first date (its due date, or the start of the
    # current period when it has none: ``dated`` False, not a date to list, only to
    # export as a repeating event).
    recurrence: Recurrence | None = None
    dated: bool = True
    tracked: bool = True  # False: a catalog date of a project nobody here farms

    @property
    def actionable(self) -> bool:
        return self.kind in ACTIONABLE

    def overdue(self, today: dt.date) -> bool:
        # A past date of a project the profile does not track is history, not a miss.
        return self.tracked and self.actionable and not self.done and self._last_day() < today

    def past(self, today: dt.date) -> bool:
        return self._last_day() < today

    def days_left(self, today: dt.date) -> int:
        return (self.day - today).days

    def _last_day(self) -> dt.date:
        if self.precision == "month":
            return (self.day + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        if self.precision == "year":
            return self.day.replace(month=12, day=31)
        return self.day

    def when(self) -> str:
        if self.at is not None:
            return self.at.strftime("%Y-%m-%d %H:%M UTC")
        if self.precision == "month":
            return self.day.strftime("%Y-%m (month)")
        if self.precision == "year":
            return f"{self.day.year} (year)"
        return self.day.isoformat()


def parse_partial(text: str) -> tuple[dt.date, dt.datetime | None, str]:
    """A catalog date ("2024", "2024-02", "2024-02-20", "2024-02-20T12:00Z")."""
    if "T" in text:
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return at.date(), at.astimezone(dt.UTC), "day"
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), None, "year"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), None, "month"
    return dt.date(*parts), None, "day"


def project_deadlines(
    project: Project, checklist: Checklist | None, today: dt.date | None = None
) -> list[Deadline]:
    """The catalog events of ``project`` and the due dates of its tracked tasks; with
    ``today``, also its repeating tasks without a due date (undated, for the export).

    A recorded claim outcome settles every catalog date to act on; a finished
    checklist settles the ones before the claim (registration, task cut-offs).
    """
    settled = bool(checklist and checklist.claim and checklist.claim.status in SETTLED_CLAIMS)
    finished = bool(checklist and checklist.total and checklist.done == checklist.total)
    found: list[Deadline] = []
    for n, event in enumerate(project.events):
        if event.kind not in EVENT_LABELS:
            continue
        day, at, precision = parse_partial(event.date)
        found.append(
            Deadline(
                uid=f"{project.id}-{event.kind}-{event.date}-{n}",
                day=day,
                kind=event.kind,
                title=event.label,
                project_id=project.id,
                project_name=project.name.name,
                at=at,
                precision=precision,
                done=settled or (finished and event.kind in ("registration", "deadline")),
                tracked=checklist is not None,
            )
        )
    if checklist is not None:
        for state in checklist.tasks:
            task = state.task
            repeats = task.recurrence if task.recurrence.repeats else None
            if task.due is None and (repeats is None or today is None):
                continue
            if task.due is not None:
                day = task.due
            else:  # the current period's first day
                midnight = dt.datetime.combine(today or task.created, dt.time()).astimezone()
                day = period(task.recurrence, midnight, task.created)[0].date()
            found.append(
                Deadline(
                    uid=f"{project.id}-task-{task.id}",
                    day=day,
                    kind="task",
                    title=task.title,
                    project_id=project.id,
                    project_name=project.name.name,
                    done=state.done,
                    recurrence=repeats,
                    dated=task.due is not None,
                )
            )
    return found


def upcoming(
    items: Iterable[Deadline], today: dt.date, include_past: bool = False
) -> list[Deadline]:
    """By date, with overdue items kept and past informational dates left out unless asked;
    repeating tasks without a date are not listed."""
    kept = [d for d in items if d.dated and (include_past or not d.past(today) or d.overdue(today))]
    return sorted(
        kept,
        key=lambda d: (
            d.day,
            d.at or dt.datetime.min.replace(tzinfo=dt.UTC),
            d.project_name.casefold(),
            d.title,
        ),
    )


def due_within(items: Iterable[Deadline], today: dt.date, days: int) -> list[Deadline]:
    """Actionable, not done, from today up to ``days`` ahead: what a reminder is for."""
    return [
        d
        for d in items
        if d.dated and d.actionable and not d.done and 0 <= d.days_left(today) <= days
    ]

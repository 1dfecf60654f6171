"""The farm board (every tracked project by every profile) and the Today list.

Storage reads what one database job can (``BoardData``: done/total per profile and
project, the tasks that may be due now); what the board and the list show is put
together here, so the window and ``airdrop-desk today`` show the same thing.

A task is on the Today list when it repeats and is not done in its current period
(its deadline is the period's last day), or when its due date is today or past and it
is not done (overdue once the date has passed). A catalog snapshot of a tracked
project within ``SNAPSHOT_AHEAD_DAYS`` is on the list too: the activity has to be in
before it. Past snapshots are history, never overdue.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from airdrop_desk.core.recurrence import Recurrence, every_text, period

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.tracking import Profile

SNAPSHOT_AHEAD_DAYS = 7
# A cell's state: every task done (or the airdrop claimed), a task past its due date,
# work left, or nothing on the checklist.
DONE, OVERDUE, IN_PROGRESS, EMPTY = "done", "overdue", "in_progress", "empty"
STATE_WORDS = {
    DONE: "done",
    OVERDUE: "overdue",
    IN_PROGRESS: "in progress",
    EMPTY: "no tasks",
}
# What the JSON and CSV of ``airdrop-desk today`` hold, in this order.
RECORD_KEYS = ("task_id", "profile", "project", "title", "due", "recurrence", "overdue")


# The records made by the thousand per read (counts, tasks, list lines) are named
# tuples: as immutable as a frozen dataclass, and made several times faster.


class CellCount(NamedTuple):
    """One profile's checklist of one project, as counted by storage."""

    profile_id: int
    project_id: str
    done: int
    total: int
    overdue: int = 0
    claimed: bool = False


class DueTask(NamedTuple):
    """A task that may be on the Today list: it repeats, or its due date is not ahead.

    ``done``: done in its current period; ``ticked_today``: its newest tick is from
    today; ``anchor``: the day an every-N-days task was made (where its periods begin).
    """

    task_id: int
    profile_id: int
    project_id: str
    title: str
    recurrence: Recurrence
    due: dt.date | None
    done: bool
    ticked_today: bool = False
    anchor: dt.date | None = None


@dataclass(frozen=True)
class BoardData:
    """What one database job reads for the board and the Today list, at ``now``."""

    now: dt.datetime
    profiles: tuple[Profile, ...]
    cells: tuple[CellCount, ...]
    tasks: tuple[DueTask, ...]
    projects: tuple[str, ...] = ()  # tracked by one active profile or more

    @property
    def today(self) -> dt.date:
        return self.now.date()


class Cell(NamedTuple):
    """What the board shows for one profile and project: ``text`` and ``state``."""

    done: int
    total: int
    overdue: int = 0
    claimed: bool = False

    @property
    def state(self) -> str:
        if self.claimed or (self.total and self.done == self.total):
            return DONE
        if not self.total:
            return EMPTY
        return OVERDUE if self.overdue else IN_PROGRESS

    @property
    def text(self) -> str:
        """Short enough for a narrow column; a mark besides the colour says the state."""
        state = self.state
        if state == EMPTY:
            return "0/0"
        count = f"{self.done}/{self.total}"
        if state == DONE:
            return f"✓ {count}"
        return f"! {count}" if state == OVERDUE else count

    def words(self) -> str:
        """The state in words, for a tooltip or a screen reader."""
        parts = [f"{self.done} of {self.total} tasks done"]
        if self.overdue:
            parts.append(f"{self.overdue} overdue")
        if self.claimed:
            parts.append("claimed")
        return " · ".join(parts)


@dataclass(frozen=True)
class Board:
    """Rows are ``projects`` (id, name), by name; columns are ``profiles``, by name."""

    profiles: tuple[Profile, ...]
    projects: tuple[tuple[str, str], ...]
    cells: Mapping[tuple[str, int], Cell]

    def cell(self, project_id: str, profile_id: int) -> Cell | None:
        """None: the profile does not track the project."""
        return self.cells.get((project_id, profile_id))


class TodayItem(NamedTuple):
    """One line of the Today list: a task of one profile, or a project's snapshot.

    ``kind`` "task" or "snapshot"; a snapshot has no task, profile or recurrence.
    """

    kind: str
    task_id: int | None
    profile_id: int | None
    profile: str
    project_id: str
    project: str
    title: str
    due: dt.date
    recurrence: Recurrence
    overdue: bool
    done: bool = False

    def record(self) -> dict[str, object]:
        """The ``airdrop-desk today`` record: ``RECORD_KEYS``, JSON values."""
        return {
            "task_id": self.task_id,
            "profile": self.profile or None,
            "project": self.project,
            "title": self.title,
            "due": self.due.isoformat(),
            "recurrence": every_text(self.recurrence),
            "overdue": self.overdue,
        }

    def same_task(self, other: TodayItem) -> bool:
        """The same checklist line (project and title) of another profile, or this one."""
        return (
            self.kind == other.kind == "task"
            and self.project_id == other.project_id
            and self.title.casefold() == other.title.casefold()
        )


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No cyclic garbage collection while a board read or the Today list is made: tens of
    thousands of fresh tuples, none in a cycle, would start a dozen collections that
    find nothing. Collections resume (and catch up) afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# How the Today list is sorted: what is left first, by deadline, project, task, profile.
_Order = tuple[bool, dt.date, str, str, str]
_FIRST = operator.itemgetter(0)


def build_board(data: BoardData, name_of: Callable[[str], str]) -> Board:
    """The grid of ``data``; ``name_of(project_id)`` is the name a row shows."""
    cells: dict[tuple[str, int], Cell] = {}
    names: dict[str, str] = {}
    for count in data.cells:
        cells[(count.project_id, count.profile_id)] = Cell(
            count.done, count.total, count.overdue, count.claimed
        )
        if count.project_id not in names:
            names[count.project_id] = name_of(count.project_id)
    projects = tuple(sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])))
    return Board(data.profiles, projects, cells)


@collections_paused()
def today_list(
    data: BoardData,
    name_of: Callable[[str], str],
    snapshots: Iterable[TodayItem] = (),
    include_done: bool = False,
) -> list[TodayItem]:
    """Every task due now across profiles and projects, earliest deadline first.

    ``include_done``: also the tasks ticked today, after the rest (the window keeps
    them, ticked, so a Space can take a tick back). ``snapshots`` (from
    ``snapshot_items``) join in.
    """
    today = data.today
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=data.now.tzinfo)
    profiles = {p.id: (p.name, p.name.casefold()) for p in data.profiles}
    projects: dict[str, tuple[str, str]] = {}
    # The last day of the current period: one per kind, and per anchor for every N days.
    last_days: dict[object, dt.date] = {}
    keyed: list[tuple[_Order, TodayItem]] = [(_deadline_order(item), item) for item in snapshots]
    titles: dict[str, str] = {}
    # Tens of thousands of tasks may pass here: one tuple unpacking and dictionary looks per
    # task, nothing recomputed that another task of the same kind, project or title had.
    for task_id, profile_id, project_id, title, rec, due, done, ticked, anchor in data.tasks:
        if done and not (include_done and ticked):
            continue
        if rec.kind != "none":
            key = (rec.every_days, anchor) if rec.every_days else rec.kind
            last_day = last_days.get(key)
            if last_day is None:
                end = period(rec, midnight, anchor or today)[1]
                last_day = last_days[key] = end.date() - dt.timedelta(days=1)
            shown = last_day if due is None or due > last_day else due
        elif due is None:
            continue
        else:
            shown = due
        project = projects.get(project_id)
        if project is None:
            name = name_of(project_id)
            project = projects[project_id] = (name, name.casefold())
        profile = profiles.get(profile_id, ("", ""))
        folded = titles.get(title)
        if folded is None:
            folded = titles[title] = title.casefold()
        overdue = not done and due is not None and due < today
        item = TodayItem(
            "task",
            task_id,
            profile_id,
            profile[0],
            project_id,
            project[0],
            title,
            shown,
            rec,
            overdue,
            done,
        )
        keyed.append(((done, shown, project[1], folded, profile[1]), item))
    keyed.sort(key=_FIRST)
    return [item for _key, item in keyed]


def _deadline_order(item: TodayItem) -> _Order:
    """What is left first, by deadline; what was done today after it."""
    return (
        item.done,
        item.due,
        item.project.casefold(),
        item.title.casefold(),
        item.profile.casefold(),
    )


def snapshot_items(
    projects: Iterable[Project], today: dt.date, ahead: int = SNAPSHOT_AHEAD_DAYS
) -> list[TodayItem]:
    """The catalog snapshots of ``projects`` dated today up to ``ahead`` days on."""
    from airdrop_desk.core.deadlines import parse_partial

    found: list[TodayItem] = []
    for project in projects:
        for event in project.events:
            if event.kind != "snapshot":
                continue
            day, _at, precision = parse_partial(event.date)
            if precision == "day" and 0 <= (day - today).days <= ahead:
                found.append(
                    TodayItem(
                        "snapshot",
                        None,
                        None,
                        "",
                        project.id,
                        project.name.name,
                        f"Snapshot: {event.label}",
                        day,
                        Recurrence(),
                        overdue=False,
                    )
                )
    return found


def due_words(item: TodayItem, today: dt.date) -> str:
    """When an item is due, as the list says it: "3 days overdue", "Today", "Tomorrow",
    "by Sun 03-16"; "Done" once ticked."""
    if item.done:
        return "Done"
    days = (item.due - today).days
    if item.overdue:
        return "1 day overdue" if days == -1 else f"{-days} days overdue"
    if days <= 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    return f"by {item.due:%a %m-%d}" if days < 7 else f"by {item.due.isoformat()}"

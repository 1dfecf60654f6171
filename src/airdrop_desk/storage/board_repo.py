"""What the farm board and the Today list read: every active profile's tracked projects.

``read_grid``: done/total per profile and project; ``read_due``: the tasks that may
be due now; ``read_board`` both, ``read_today`` what the command line lists. Whether a
task is done in its current period is decided from its newest tick (as
``TrackingRepo.progress`` has it): one look per task into the ticks index (task_id, at),
which stays one look however long a task's history grows. The periods every task
shares (daily, weekly, monthly, once) have the same bounds for all tasks, so SQL counts
fifty thousand tasks without a Python loop over them; every-N-days periods start on
each task's own day, so those few are decided in Python.

The counts walk the tracked projects and, for each, its tasks through the index
``tasks_board`` (tracked_id, deleted_at, recurrence, due_date), so they read no task
row; the every-N-days tasks (a few of every checklist) are found through it as well,
without reading the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from airdrop_desk.core.board import BoardData, CellCount, DueTask, collections_paused
from airdrop_desk.core.clock import iso
from airdrop_desk.core.recurrence import Recurrence, period
from airdrop_desk.core.tracking import Profile

if TYPE_CHECKING:
    from sqlite_utils import Database

_FIXED = ("daily", "weekly", "monthly")
_EVERY_N = "every_n_days"
# The newest tick of the task ``t``: one look into the (task_id, at) index, from its
# end (cheaper for SQLite than max(), which sets up an aggregate for every task).
_LAST = "(SELECT k.at FROM ticks k WHERE k.task_id = t.id ORDER BY k.at DESC LIMIT 1)"
# A stored time is ISO text of one width in UTC, so text order is time order: a task is
# done when its newest tick lies from its period's first to its last microsecond
# (BETWEEN evaluates the tick's look once); one that never repeats, when it has a tick
# at all (a probe of the same index, cheaper still). NULL: every N days, for Python.
_FIRST_IN = (
    "CASE t.recurrence " + " ".join(f"WHEN '{kind}' THEN :{kind}_start" for kind in _FIXED) + " END"
)
_LAST_IN = (
    "CASE t.recurrence " + " ".join(f"WHEN '{kind}' THEN :{kind}_last" for kind in _FIXED) + " END"
)
_DONE = (
    "CASE t.recurrence WHEN 'none' THEN t.id IN (SELECT k.task_id FROM ticks k) "
    f"ELSE {_LAST} BETWEEN {_FIRST_IN} AND {_LAST_IN} END"
)
_LIVE = (
    "FROM tracked_projects p JOIN profiles f ON f.id = p.profile_id "
    "AND f.deleted_at IS NULL AND f.archived = 0 "
    "{join} tasks t ON t.tracked_id = p.id AND t.deleted_at IS NULL AND {tasks} "
    "WHERE p.deleted_at IS NULL"
)
# Done and overdue (past its due date, not done) exclude each other, so one sum holds
# both: done in the low bits, overdue from bit ``_OVERDUE_SHIFT`` up (a checklist holds
# fewer than a million tasks). Every-N-days tasks count towards the total only; Python
# adds whether they are done.
_OVERDUE_SHIFT = 20
_DONE_MASK = (1 << _OVERDUE_SHIFT) - 1
_CELLS = (
    "SELECT p.profile_id, p.project_id, count(t.id), coalesce(sum("
    f"CASE WHEN t.recurrence = '{_EVERY_N}' THEN 0 WHEN {_DONE} THEN 1 "
    f"WHEN t.due_date < :today THEN {1 << _OVERDUE_SHIFT} ELSE 0 END), 0) "
    + _LIVE.format(join="LEFT JOIN", tasks="1")
    + " GROUP BY p.id"
)
# A task as the Today list needs it (its checklist by id: ``_TRACKED`` names its profile
# and project; when it was made only where its periods start there, every N days).
_TASK = (
    "SELECT t.id, t.tracked_id, t.title, t.recurrence, t.every_days, t.due_date, "
    f"CASE t.recurrence WHEN '{_EVERY_N}' THEN t.created_at END, {_LAST} "
)
_TRACKED = (
    "SELECT p.id, p.profile_id, p.project_id FROM tracked_projects p JOIN profiles f "
    "ON f.id = p.profile_id AND f.deleted_at IS NULL AND f.archived = 0 "
    "WHERE p.deleted_at IS NULL"
)
# The tasks that may be due now: repeating, or with a due date not ahead.
_MAY_BE_DUE = "(t.recurrence != 'none' OR t.due_date <= :today)"
_DUE = _TASK + _LIVE.format(join="JOIN", tasks=_MAY_BE_DUE)
# Only those not done (what ``airdrop-desk today`` lists): SQL leaves out the done ones
# of the shared periods, so their newest tick is looked at once, and not read.
_DUE_OPEN = (
    _TASK.replace(f"{_LAST} ", f"CASE t.recurrence WHEN '{_EVERY_N}' THEN {_LAST} END ")
    + _LIVE.format(join="JOIN", tasks=_MAY_BE_DUE)
    + f" AND (t.recurrence = '{_EVERY_N}' OR NOT coalesce({_DONE}, 0))"
)
# What the counts need of every-N-days tasks; CROSS JOIN keeps the tasks inner, found
# through ``tasks_board`` by checklist and kind.
_EVERY_N_TASKS = (
    f"SELECT t.tracked_id, t.every_days, t.due_date, t.created_at, {_LAST} "
    + _LIVE.format(join="CROSS JOIN", tasks=f"t.recurrence = '{_EVERY_N}'")
)


def read_board(db: Database, now: dt.datetime) -> BoardData:
    """The board's counts and the Today list's tasks (with those ticked today), at ``now``
    (aware, local): ``read_grid`` and ``read_due`` in one call."""
    grid = read_grid(db, now)
    return dataclasses.replace(grid, tasks=read_due(db, now, with_done=True))


@collections_paused()
def read_grid(db: Database, now: dt.datetime) -> BoardData:
    """The board's counts per profile and project (no tasks): what the grid shows."""
    conn = db.conn
    counts = {
        (profile, project): [total, packed & _DONE_MASK, packed >> _OVERDUE_SHIFT]
        for profile, project, total, packed in conn.execute(_CELLS, _bounds(now))
    }
    today = now.date().isoformat()
    tracked = _tracked(conn)
    for tracked_id, every, due, created, last in conn.execute(_EVERY_N_TASKS):
        done = _every_n(now, every, created, last)[0]
        count = counts[tracked[tracked_id]]
        if done:
            count[1] += 1
        elif due is not None and due < today:
            count[2] += 1
    claimed = {
        (r[0], r[1])
        for r in conn.execute("SELECT profile_id, project_id FROM claims WHERE status = 'claimed'")
    }
    cells = tuple(
        CellCount(profile, project, done, total, overdue, (profile, project) in claimed)
        for (profile, project), (total, done, overdue) in counts.items()
    )
    projects = tuple(sorted({p for _f, p in counts}))
    return BoardData(now, _profiles(conn), cells, (), projects)


@collections_paused()
def read_today(db: Database, now: dt.datetime) -> BoardData:
    """Only what the Today list of ``airdrop-desk today`` needs: the tasks due now and not
    done, the active profiles and the tracked projects (no counts)."""
    tracked = _tracked(db.conn)
    projects = tuple(sorted({project for _profile, project in tracked.values()}))
    tasks = tuple(_due(db.conn, now, False, tracked))
    return BoardData(now, _profiles(db.conn), (), tasks, projects)


def _bounds(now: dt.datetime) -> dict[str, object]:
    """Today, and the first and last microsecond of each shared period, as stored text."""
    args: dict[str, object] = {"today": now.date().isoformat()}
    last = dt.timedelta(microseconds=1)
    for kind in _FIXED:
        start, end = period(Recurrence(kind), now, now.date())
        args[f"{kind}_start"], args[f"{kind}_last"] = iso(start), iso(end - last)
    return args


def _profiles(conn: sqlite3.Connection) -> tuple[Profile, ...]:
    return tuple(
        Profile(r[0], r[1], r[2], False)
        for r in conn.execute(
            "SELECT id, name, notes FROM profiles WHERE deleted_at IS NULL AND archived = 0 "
            "ORDER BY name COLLATE NOCASE"
        )
    )


@collections_paused()
def read_due(db: Database, now: dt.datetime, with_done: bool) -> tuple[DueTask, ...]:
    """The candidates of the Today list: repeating tasks not done in their period and
    tasks due today or before, not done; ``with_done``: also those ticked today."""
    return tuple(_due(db.conn, now, with_done, _tracked(db.conn)))


def _tracked(conn: sqlite3.Connection) -> dict[int, tuple[int, str]]:
    """The live checklists: their profile and project, by id."""
    return {r[0]: (r[1], r[2]) for r in conn.execute(_TRACKED)}


def _due(
    conn: sqlite3.Connection,
    now: dt.datetime,
    with_done: bool,
    tracked: dict[int, tuple[int, str]],
) -> Iterator[DueTask]:
    bounds = _bounds(now)
    within = {kind: (bounds[f"{kind}_start"], bounds[f"{kind}_last"]) for kind in _FIXED}
    within["none"] = ("", "~")
    today_first = within["daily"][0]
    recurrences: dict[str | int, Recurrence] = {}  # by kind, or by N for every N days
    days: dict[str, dt.date] = {}
    rows = conn.execute(_DUE if with_done else _DUE_OPEN, bounds)
    for task_id, tracked_id, title, kind, every, due, created, last in rows:
        anchor = None
        if kind == _EVERY_N:
            done, ticked, anchor = _every_n(now, every, created, last)
        elif last is None:  # never ticked, or (not with_done) not done
            done = ticked = False
        else:
            first_in, last_in = within[kind]
            done, ticked = first_in <= last <= last_in, last >= today_first
        if done and not (with_done and ticked):
            continue
        rec = recurrences.get(every or kind)
        if rec is None:
            rec = recurrences[every or kind] = Recurrence(kind, every)
        due_day = None
        if due is not None:
            due_day = days.get(due)
            if due_day is None:
                due_day = days[due] = dt.date.fromisoformat(due)
        profile_id, project_id = tracked[tracked_id]
        yield DueTask(task_id, profile_id, project_id, title, rec, due_day, done, ticked, anchor)


def _every_n(
    now: dt.datetime, every: int, created: str, last: str | None
) -> tuple[bool, bool, dt.date]:
    """An every-N-days task: done in its period, ticked today, and its anchor (the day it
    was made, where its periods begin), as ``core.recurrence.period`` counts: from local
    midnight to local midnight."""
    tz, today = now.tzinfo, now.date().toordinal()
    anchor = dt.datetime.fromisoformat(created).astimezone(tz).date()
    start = anchor.toordinal() + (today - anchor.toordinal()) // every * every
    if last is None:
        return False, False, anchor
    ticked_on = dt.datetime.fromisoformat(last).astimezone(tz).date().toordinal()
    return start <= ticked_on < start + every, ticked_on == today, anchor

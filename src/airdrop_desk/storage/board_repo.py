"""What the farm board and the Today list read: every active profile's tracked projects.

``read_grid``: done/total per profile and project; ``read_due``: the tasks that may
be due now; ``read_board`` both, ``read_today`` what the command line lists. Whether a
task is done in its current period is decided in SQL from its newest tick (as
``TrackingRepo.progress`` does) for the periods every task shares (daily, weekly,
monthly, once: their bounds are the same for all tasks), so fifty thousand tasks are
counted without a Python loop over them. Every-N-days periods start on each task's own
day; those few are decided in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.board import BoardData, CellCount, DueTask
from airdrop_desk.core.clock import iso
from airdrop_desk.core.recurrence import Recurrence, period
from airdrop_desk.core.tracking import Profile

if TYPE_CHECKING:
    from sqlite_utils import Database

_FIXED = ("daily", "weekly", "monthly")
# The newest tick of the task ``t`` (one look into the (task_id, at) index); it decides
# whether the task is done in its current period, as ``TrackingRepo.progress`` has it.
_LAST = "(SELECT max(k.at) FROM ticks k WHERE k.task_id = t.id)"
# Done in its current period, from the newest tick ``last``; NULL for every-N-days.
_DONE = (
    "CASE kind WHEN 'none' THEN last IS NOT NULL "
    + " ".join(
        f"WHEN '{kind}' THEN coalesce(last >= :{kind}_start AND last < :{kind}_end, 0)"
        for kind in _FIXED
    )
    + " END"
)
_LIVE = (
    "FROM tracked_projects p JOIN profiles f ON f.id = p.profile_id "
    "AND f.deleted_at IS NULL AND f.archived = 0 "
    "{join} tasks t ON t.tracked_id = p.id AND t.deleted_at IS NULL {newest}"
    "WHERE p.deleted_at IS NULL"
)
# Every task's newest tick, found in one pass over the (task_id, at) index: cheaper than
# a look per task when every task of every profile is counted.
_NEWEST = "(SELECT task_id, max(at) AS last FROM ticks GROUP BY task_id)"
_CELLS = (
    "SELECT profile_id, project_id, count(task_id), coalesce(sum(done), 0), "
    "coalesce(sum(due_date < :today AND done = 0), 0) "
    f"FROM (SELECT profile_id, project_id, task_id, due_date, {_DONE} AS done "
    "FROM (SELECT p.profile_id, p.project_id, t.id AS task_id, t.due_date, "
    "t.recurrence AS kind, n.last AS last "
    + _LIVE.format(join="LEFT JOIN", newest=f"LEFT JOIN {_NEWEST} n ON n.task_id = t.id ")
    + ")) GROUP BY profile_id, project_id"
)
# The tasks that may be due now (every-N-days ones apart): repeating, or with a due date
# not ahead. Those done in their period only when ticked today and asked for.
_DUE = (
    "SELECT * FROM (SELECT task_id, profile_id, project_id, title, kind, every_days, "
    f"due_date, {_DONE} AS done, last >= :daily_start AS today "
    "FROM (SELECT t.id AS task_id, p.profile_id, p.project_id, t.title, "
    f"t.recurrence AS kind, t.every_days, t.due_date, {_LAST} AS last "
    + _LIVE.format(join="JOIN", newest="")
    + " AND t.recurrence IN ('daily', 'weekly', 'monthly', 'none') "
    "AND (t.recurrence != 'none' OR t.due_date <= :today))) "
    "WHERE NOT done OR (:with_done AND today)"
)


def read_board(db: Database, now: dt.datetime) -> BoardData:
    """The board's counts and the Today list's tasks (with those ticked today), at ``now``
    (aware, local): ``read_grid`` and ``read_due`` in one call."""
    grid = read_grid(db, now)
    return dataclasses.replace(grid, tasks=read_due(db, now, with_done=True))


def read_grid(db: Database, now: dt.datetime) -> BoardData:
    """The board's counts per profile and project (no tasks): what the grid shows."""
    args = _bounds(now)
    conn = db.conn
    counts = {(r[0], r[1]): [r[2], r[3], r[4]] for r in conn.execute(_CELLS, args)}
    for profile_id, project_id, _title, _rec, due, done in _every_n(conn, now, False):
        count = counts[(profile_id, project_id)]
        count[1] += done
        count[2] += bool(not done and due is not None and due < now.date())
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


def read_today(db: Database, now: dt.datetime) -> BoardData:
    """Only what the Today list of ``airdrop-desk today`` needs: the tasks due now and not
    done, the active profiles and the tracked projects (no counts)."""
    tracked = tuple(
        r[0]
        for r in db.conn.execute(
            "SELECT DISTINCT p.project_id FROM tracked_projects p JOIN profiles f "
            "ON f.id = p.profile_id AND f.deleted_at IS NULL AND f.archived = 0 "
            "WHERE p.deleted_at IS NULL ORDER BY 1"
        )
    )
    return BoardData(now, _profiles(db.conn), (), read_due(db, now, False), tracked)


def _bounds(now: dt.datetime) -> dict[str, object]:
    args: dict[str, object] = {"today": now.date().isoformat()}
    for kind in _FIXED:
        start, end = period(Recurrence(kind), now, now.date())
        args[f"{kind}_start"], args[f"{kind}_end"] = iso(start), iso(end)
    return args


def _profiles(conn: sqlite3.Connection) -> tuple[Profile, ...]:
    return tuple(
        Profile(r[0], r[1], r[2], False)
        for r in conn.execute(
            "SELECT id, name, notes FROM profiles WHERE deleted_at IS NULL AND archived = 0 "
            "ORDER BY name COLLATE NOCASE"
        )
    )


def read_due(db: Database, now: dt.datetime, with_done: bool) -> tuple[DueTask, ...]:
    """The candidates of the Today list: repeating tasks not done in their period and
    tasks due today or before, not done; ``with_done``: also those ticked today."""
    conn = db.conn
    args = {**_bounds(now), "with_done": with_done}
    recurrences: dict[tuple[str, int | None], Recurrence] = {}
    days: dict[str, dt.date] = {}
    tasks: list[DueTask] = []
    for task_id, profile_id, project_id, title, kind, every, due, done, ticked in conn.execute(
        _DUE, args
    ):
        rec = recurrences.get((kind, every))
        if rec is None:
            rec = recurrences[(kind, every)] = Recurrence(kind, every)
        due_day = None
        if due is not None:
            due_day = days.get(due)
            if due_day is None:
                due_day = days[due] = dt.date.fromisoformat(due)
        tasks.append(
            DueTask(task_id, profile_id, project_id, title, rec, due_day, bool(done), bool(ticked))
        )
    for task_id, profile_id, project_id, title, rec, due_day, done, ticked, anchor in _every_n(
        conn, now, True
    ):
        if not done or (with_done and ticked):
            tasks.append(
                DueTask(task_id, profile_id, project_id, title, rec, due_day, done, ticked, anchor)
            )
    return tuple(tasks)


def _every_n(conn: sqlite3.Connection, now: dt.datetime, full: bool) -> list[tuple[Any, ...]]:
    """Every-N-days tasks of active profiles, each done or not: their periods start on
    the day each was made, so Python decides (as ``core.recurrence.period`` counts: from
    local midnight to local midnight). Rows: profile, project, title, recurrence, due,
    done; ``full``: task id first, and ticked today and the anchor after."""
    tz, today = now.tzinfo, now.date().toordinal()
    recurrences: dict[int, Recurrence] = {}
    found: list[tuple[Any, ...]] = []
    for task_id, profile_id, project_id, title, every, due, created, last in conn.execute(
        "SELECT t.id, p.profile_id, p.project_id, t.title, t.every_days, t.due_date, "
        f"t.created_at, {_LAST} "
        + _LIVE.format(join="JOIN", newest="")
        + " AND t.recurrence = 'every_n_days'"
    ):
        rec = recurrences.get(every)
        if rec is None:
            rec = recurrences[every] = Recurrence("every_n_days", every)
        anchor = dt.datetime.fromisoformat(created).astimezone(tz).date()
        start = anchor.toordinal() + (today - anchor.toordinal()) // every * every
        ticked_on = (
            dt.datetime.fromisoformat(last).astimezone(tz).date().toordinal() if last else None
        )
        done = ticked_on is not None and start <= ticked_on < start + every
        due_day = dt.date.fromisoformat(due) if due else None
        if full:
            found.append(
                (
                    task_id,
                    profile_id,
                    project_id,
                    title,
                    rec,
                    due_day,
                    done,
                    ticked_on == today,
                    anchor,
                )
            )
        else:
            found.append((profile_id, project_id, title, rec, due_day, done))
    return found

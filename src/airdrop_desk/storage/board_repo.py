"""What the farm board and the Today list read: every active profile's tracked projects.

One call, a handful of queries: done/total per profile and project, and the tasks
that may be due now. Whether a task is done in its current period is decided in SQL
for the periods every task shares (daily, weekly, monthly, once: the period bounds
are the same for all of them), by an indexed look for a tick between the bounds, so
fifty thousand tasks are counted without a Python loop over them. Every-N-days
periods start on each task's own day; those few are decided in Python.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from airdrop_desk.core.board import BoardData, CellCount, DueTask
from airdrop_desk.core.clock import iso
from airdrop_desk.core.recurrence import Recurrence, is_done, period
from airdrop_desk.core.tracking import Profile

if TYPE_CHECKING:
    from sqlite_utils import Database

_FIXED = ("daily", "weekly", "monthly")
# Whether the task ``t`` is done in its current period; NULL for every-N-days.
_DONE = (
    "CASE t.recurrence WHEN 'none' THEN EXISTS (SELECT 1 FROM ticks k WHERE k.task_id = t.id) "
    + " ".join(
        f"WHEN '{kind}' THEN EXISTS (SELECT 1 FROM ticks k WHERE k.task_id = t.id "
        f"AND k.at >= :{kind}_start AND k.at < :{kind}_end)"
        for kind in _FIXED
    )
    + " END"
)
_LIVE = (
    "FROM tracked_projects p JOIN profiles f ON f.id = p.profile_id "
    "AND f.deleted_at IS NULL AND f.archived = 0 "
    "{join} tasks t ON t.tracked_id = p.id AND t.deleted_at IS NULL "
    "WHERE p.deleted_at IS NULL"
)
_CELLS = (
    "SELECT profile_id, project_id, count(task_id), coalesce(sum(done), 0), "
    "coalesce(sum(due_date < :today AND done = 0), 0) "
    f"FROM (SELECT p.profile_id, p.project_id, t.id AS task_id, t.due_date, {_DONE} AS done "
    + _LIVE.format(join="LEFT JOIN")
    + ") GROUP BY profile_id, project_id"
)
_DUE = (
    "SELECT t.id, p.profile_id, p.project_id, t.title, t.recurrence, t.every_days, "
    f"t.due_date, t.created_at, {_DONE}, "
    "(SELECT max(k.at) FROM ticks k WHERE k.task_id = t.id) "
    + _LIVE.format(join="JOIN")
    + " AND (t.recurrence != 'none' OR t.due_date <= :today)"
)


def read_board(db: Database, now: dt.datetime) -> BoardData:
    """The board's counts and the tasks that may be due, at ``now`` (aware, local)."""
    args: dict[str, object] = {"today": now.date().isoformat()}
    for kind in _FIXED:
        start, end = period(Recurrence(kind), now, now.date())
        args[f"{kind}_start"], args[f"{kind}_end"] = iso(start), iso(end)
    conn = db.conn
    profiles = tuple(
        Profile(r[0], r[1], r[2], False)
        for r in conn.execute(
            "SELECT id, name, notes FROM profiles WHERE deleted_at IS NULL AND archived = 0 "
            "ORDER BY name COLLATE NOCASE"
        )
    )
    counts = {(r[0], r[1]): [r[2], r[3], r[4]] for r in conn.execute(_CELLS, args)}
    claimed = {
        (r[0], r[1])
        for r in conn.execute("SELECT profile_id, project_id FROM claims WHERE status = 'claimed'")
    }
    today = now.date()
    recurrences: dict[tuple[str, int | None], Recurrence] = {}
    tasks: list[DueTask] = []
    for (
        task_id,
        profile_id,
        project_id,
        title,
        kind,
        every,
        due,
        created,
        done,
        last,
    ) in conn.execute(_DUE, args):
        rec = recurrences.get((kind, every))
        if rec is None:
            rec = recurrences[(kind, every)] = Recurrence(kind, every)
        last_at = dt.datetime.fromisoformat(last) if last else None
        created_day = dt.datetime.fromisoformat(created).astimezone(now.tzinfo).date()
        due_day = dt.date.fromisoformat(due) if due else None
        if done is None:  # every N days: its periods start on the day it was created
            done = last_at is not None and is_done(rec, [last_at], now, created_day)
            count = counts[(profile_id, project_id)]
            count[1] += done
            count[2] += bool(not done and due_day is not None and due_day < today)
        tasks.append(
            DueTask(
                task_id,
                profile_id,
                project_id,
                title,
                rec,
                due_day,
                bool(done),
                last_at,
                created_day,
            )
        )
    cells = tuple(
        CellCount(profile, project, done, total, overdue, (profile, project) in claimed)
        for (profile, project), (total, done, overdue) in counts.items()
    )
    return BoardData(now, profiles, cells, tuple(tasks))

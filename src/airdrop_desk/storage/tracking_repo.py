"""Profiles, wallet addresses, tracked projects, tasks and ticks in SQLite.

Every write is one transaction (``db.atomic()``), so a tick that returned is on
disk (WAL + synchronous=FULL). Deletions of profiles, tracked projects and tasks
only mark rows, which is what lets the window undo them; times are stored as
UTC ISO-8601 text, days as YYYY-MM-DD.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.clock import Clock, iso
from airdrop_desk.core.clock import now as clock_now
from airdrop_desk.core.recurrence import Recurrence, is_done, period
from airdrop_desk.core.tracking import (
    Checklist,
    Progress,
    Task,
    TaskState,
    Tick,
    TickDetails,
    my_status,
    task_state,
)
from airdrop_desk.storage.points_repo import ClaimsRepo, PointsRepo
from airdrop_desk.storage.profiles_repo import ProfileRows
from airdrop_desk.storage.settings import SettingsRepo

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.core.domain import Project

_TASK_COLUMNS = (
    "id, tracked_id, title, position, created_at, template_id, detail, link, "
    "recurrence, every_days, due_date"
)
_TICK_COLUMNS = "id, task_id, at, note, tx, cost_native, cost_token, cost_usd"


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _task(row: tuple[Any, ...]) -> Task:
    (id_, tracked, title, position, created, template, detail, link, kind, every, due) = row
    created_day = dt.datetime.fromisoformat(created).astimezone().date()
    return Task(
        id_,
        tracked,
        title,
        position,
        created_day,
        template,
        detail,
        link,
        Recurrence(kind, every),
        _day(due),
    )


def _tick(row: tuple[Any, ...]) -> Tick:
    id_, task, at, note, tx, native, token, usd = row
    return Tick(id_, task, dt.datetime.fromisoformat(at), note, tx, native, token, usd)


class TrackingRepo(ProfileRows):
    """Read and write one person's tracking data; ``clock`` gives "now" (injectable)."""

    def __init__(self, db: Database, clock: Clock = clock_now) -> None:
        self._db = db
        self._clock = clock
        self.claims = ClaimsRepo(db, clock)
        self.points = PointsRepo(db)
        self.settings = SettingsRepo(db)

    @property
    def db(self) -> Database:
        return self._db

    # -- tracked projects --------------------------------------------------------------
    def tracked(self, profile_id: int) -> dict[str, int]:
        """Project id -> tracked id, for the projects this profile tracks."""
        rows = self._exec(
            "SELECT project_id, id FROM tracked_projects WHERE profile_id = ? "
            "AND deleted_at IS NULL",
            [profile_id],
        ).fetchall()
        return dict(rows)

    def track(self, profile_id: int, project: Project) -> int:
        """Track ``project`` (again): its catalog tasks join the checklist; returns the id.

        Tracking a project that was tracked before brings back its checklist and history.
        """
        now = iso(self._clock())
        with self._db.atomic():
            row = self._exec(
                "SELECT id FROM tracked_projects WHERE profile_id = ? AND project_id = ?",
                [profile_id, project.id],
            ).fetchone()
            if row:
                tracked_id = int(row[0])
                self._exec(
                    "UPDATE tracked_projects SET deleted_at = NULL WHERE id = ?", [tracked_id]
                )
            else:
                tracked_id = int(
                    self._exec(
                        "INSERT INTO tracked_projects (profile_id, project_id, added_at) "
                        "VALUES (?, ?, ?)",
                        [profile_id, project.id, now],
                    ).lastrowid
                    or 0
                )
            start = self._exec(
                "SELECT coalesce(max(position), -1) + 1 FROM tasks WHERE tracked_id = ?",
                [tracked_id],
            ).fetchone()[0]
            self._db.conn.executemany(
                "INSERT OR IGNORE INTO tasks (tracked_id, template_id, title, detail, "
                "position, created_at, recurrence, every_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        tracked_id,
                        t.id,
                        t.title,
                        t.detail or "",
                        start + n,
                        now,
                        t.recurrence or "none",
                        t.every_days if t.recurrence == "every_n_days" else None,
                    )
                    for n, t in enumerate(project.task_templates)
                ],
            )
        return tracked_id

    def untrack(self, tracked_id: int) -> None:
        with self._db.atomic():
            self._exec(
                "UPDATE tracked_projects SET deleted_at = ? WHERE id = ?",
                [iso(self._clock()), tracked_id],
            )

    def retrack(self, tracked_id: int) -> None:
        with self._db.atomic():
            self._exec("UPDATE tracked_projects SET deleted_at = NULL WHERE id = ?", [tracked_id])

    def tracked_owner(self, tracked_id: int) -> tuple[int, str]:
        """The profile and project of a tracked project (deleted or not)."""
        row = self._exec(
            "SELECT profile_id, project_id FROM tracked_projects WHERE id = ?", [tracked_id]
        ).fetchone()
        if row is None:
            raise LookupError(f"There is no tracked project {tracked_id}.")
        return int(row[0]), str(row[1])

    def task_owner(self, task_id: int) -> tuple[int, str]:
        """The profile and project a task belongs to; LookupError for an unknown id."""
        row = self._exec(
            "SELECT p.profile_id, p.project_id FROM tasks t JOIN tracked_projects p "
            "ON p.id = t.tracked_id WHERE t.id = ?",
            [task_id],
        ).fetchone()
        if row is None:
            raise LookupError(f"There is no task {task_id}.")
        return int(row[0]), str(row[1])

    # -- the checklist -----------------------------------------------------------------
    def checklist(
        self, profile_id: int, project_id: str, now: dt.datetime | None = None
    ) -> Checklist | None:
        """The tracked project's tasks, each done or not at ``now``; None if untracked."""
        row = self._exec(
            "SELECT id FROM tracked_projects WHERE profile_id = ? AND "
            "project_id = ? AND deleted_at IS NULL",
            [profile_id, project_id],
        ).fetchone()
        if row is None:
            return None
        tracked_id = int(row[0])
        now = now or self._clock()
        tasks = [
            _task(r)
            for r in self._exec(
                f"SELECT {_TASK_COLUMNS} FROM tasks WHERE tracked_id = ? AND deleted_at IS NULL "
                "ORDER BY position, id",
                [tracked_id],
            )
        ]
        ticks: dict[int, list[Tick]] = defaultdict(list)
        for r in self._exec(
            f"SELECT {', '.join('k.' + c for c in _TICK_COLUMNS.split(', '))} FROM ticks k "
            "JOIN tasks t ON t.id = k.task_id WHERE t.tracked_id = ? "
            "ORDER BY k.at DESC, k.id DESC",
            [tracked_id],
        ):
            ticks[int(r[1])].append(_tick(r))
        states = tuple(task_state(t, ticks.get(t.id, []), now) for t in tasks)
        return Checklist(tracked_id, project_id, states, self.claims.claim(profile_id, project_id))

    def progress(
        self, profile_id: int, now: dt.datetime | None = None, project_id: str | None = None
    ) -> dict[str, Progress]:
        """Done/total and "my status" per tracked project (or only ``project_id``), from
        one query. The newest tick of a task decides whether it is done in the current
        period.
        """
        now = now or self._clock()
        claims = self.claims.claims(profile_id)
        found: dict[str, list[int]] = {}
        only = " AND p.project_id = ?" if project_id is not None else ""
        args: list[object] = [profile_id] + ([project_id] if project_id is not None else [])
        for tracked_project, kind, every, created, last in self._exec(
            "SELECT p.project_id, t.recurrence, t.every_days, t.created_at, "
            "(SELECT max(at) FROM ticks WHERE task_id = t.id) FROM tracked_projects p "
            "LEFT JOIN tasks t ON t.tracked_id = p.id AND t.deleted_at IS NULL "
            "WHERE p.profile_id = ? AND p.deleted_at IS NULL" + only,
            args,
        ):
            counts = found.setdefault(tracked_project, [0, 0])
            if kind is None:  # tracked, no tasks
                continue
            counts[1] += 1
            if last is not None:
                anchor = dt.datetime.fromisoformat(created).astimezone().date()
                if is_done(Recurrence(kind, every), [dt.datetime.fromisoformat(last)], now, anchor):
                    counts[0] += 1
        return {
            pid: Progress(d, t, my_status(True, d, t, claims.get(pid)))
            for pid, (d, t) in found.items()
        }

    # -- tasks -------------------------------------------------------------------------
    def task(self, task_id: int) -> Task:
        row = self._exec(f"SELECT {_TASK_COLUMNS} FROM tasks WHERE id = ?", [task_id]).fetchone()
        if row is None:
            raise LookupError(f"There is no task {task_id}.")
        return _task(row)

    def live_task(self, task_id: int) -> Task:
        """A task on a checklist someone can see; LookupError for a deleted or unknown one."""
        row = self._exec(
            "SELECT t.deleted_at IS NULL AND p.deleted_at IS NULL AND f.deleted_at IS NULL "
            "FROM tasks t JOIN tracked_projects p ON p.id = t.tracked_id "
            "JOIN profiles f ON f.id = p.profile_id WHERE t.id = ?",
            [task_id],
        ).fetchone()
        if row is None:
            raise LookupError(f"There is no task {task_id}; see 'airdrop-desk tasks'.")
        if not row[0]:
            raise LookupError(f"Task {task_id} was deleted (or its project or profile).")
        return self.task(task_id)

    def task_state(self, task_id: int, now: dt.datetime | None = None) -> TaskState:
        """One task as the checklist shows it at ``now`` (the row a tick refreshes)."""
        return task_state(self.task(task_id), self.ticks(task_id), now or self._clock())

    def tasks(
        self, profile_id: int, project_id: str | None = None, now: dt.datetime | None = None
    ) -> list[tuple[str, TaskState]]:
        """(project id, task state) for every task the profile tracks, in checklist order."""
        now = now or self._clock()
        sql = "SELECT project_id FROM tracked_projects WHERE profile_id = ? AND deleted_at IS NULL"
        args: list[object] = [profile_id]
        if project_id is not None:
            sql += " AND project_id = ?"
            args.append(project_id)
        found: list[tuple[str, TaskState]] = []
        for (pid,) in self._exec(sql + " ORDER BY project_id", args).fetchall():
            checklist = self.checklist(profile_id, pid, now)
            if checklist is not None:
                found.extend((pid, state) for state in checklist.tasks)
        return found

    def add_task(
        self,
        tracked_id: int,
        title: str,
        detail: str = "",
        link: str = "",
        recurrence: Recurrence | None = None,
        due: dt.date | None = None,
    ) -> Task:
        rec = recurrence or Recurrence()
        with self._db.atomic():
            position = self._exec(
                "SELECT coalesce(max(position), -1) + 1 FROM tasks WHERE tracked_id = ?",
                [tracked_id],
            ).fetchone()[0]
            cur = self._exec(
                "INSERT INTO tasks (tracked_id, title, detail, link, position, recurrence, "
                "every_days, due_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    tracked_id,
                    title.strip(),
                    detail.strip(),
                    link.strip(),
                    position,
                    rec.kind,
                    rec.every_days,
                    due.isoformat() if due else None,
                    iso(self._clock()),
                ],
            )
        return self.task(int(cur.lastrowid or 0))

    def update_task(self, task: Task) -> None:
        """Write ``task``'s editable fields (title, detail, link, recurrence, due date)."""
        rec = task.recurrence
        with self._db.atomic():
            self._exec(
                "UPDATE tasks SET title = ?, detail = ?, link = ?, recurrence = ?, "
                "every_days = ?, due_date = ? WHERE id = ?",
                [
                    task.title,
                    task.detail,
                    task.link,
                    rec.kind,
                    rec.every_days,
                    task.due.isoformat() if task.due else None,
                    task.id,
                ],
            )

    def set_task_deleted(self, task_id: int, deleted: bool) -> None:
        with self._db.atomic():
            self._exec(
                "UPDATE tasks SET deleted_at = ? WHERE id = ?",
                [iso(self._clock()) if deleted else None, task_id],
            )

    def set_order(self, task_ids: list[int]) -> None:
        """Put the tasks in this order (positions 0, 1, 2, ...)."""
        with self._db.atomic():
            self._db.conn.executemany(
                "UPDATE tasks SET position = ? WHERE id = ?",
                [(n, tid) for n, tid in enumerate(task_ids)],
            )

    # -- ticks -------------------------------------------------------------------------
    def add_tick(
        self,
        task_id: int,
        at: dt.datetime | None = None,
        details: TickDetails | None = None,
        tick_id: int | None = None,
    ) -> int:
        """Record a tick, committed before this returns; ``tick_id`` re-adds an undone one."""
        d = details or TickDetails()
        with self._db.atomic():
            cur = self._exec(
                "INSERT INTO ticks (id, task_id, at, note, tx, cost_native, cost_token, "
                "cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    tick_id,
                    task_id,
                    iso(at or self._clock()),
                    d.note,
                    d.tx,
                    d.cost_native,
                    d.cost_token,
                    d.cost_usd,
                ],
            )
        return int(cur.lastrowid or 0)

    def remove_ticks(self, tick_ids: list[int]) -> list[Tick]:
        """Delete ticks; returns them as they were, so an undo can put them back."""
        marks = ",".join("?" * len(tick_ids))
        with self._db.atomic():
            gone = [
                _tick(r)
                for r in self._exec(
                    f"SELECT {_TICK_COLUMNS} FROM ticks WHERE id IN ({marks})", tick_ids
                )
            ]
            self._exec(f"DELETE FROM ticks WHERE id IN ({marks})", tick_ids)
        return gone

    def restore_ticks(self, ticks: list[Tick]) -> None:
        with self._db.atomic():
            for t in ticks:
                self.add_tick(
                    t.task_id,
                    t.at,
                    TickDetails(t.note, t.tx, t.cost_native, t.cost_token, t.cost_usd),
                    t.id,
                )

    def ticks(self, task_id: int) -> list[Tick]:
        """Every tick of a task, newest first: its history."""
        return [
            _tick(r)
            for r in self._exec(
                f"SELECT {_TICK_COLUMNS} FROM ticks WHERE task_id = ? ORDER BY at DESC, id DESC",
                [task_id],
            )
        ]

    def period_tick_ids(self, task_id: int, now: dt.datetime | None = None) -> list[int]:
        """The ticks that make the task done in the current period (what "untick" removes)."""
        task = self.task(task_id)
        now = now or self._clock()
        start, end = period(task.recurrence, now, task.created)
        return [t.id for t in self.ticks(task_id) if start <= t.at.astimezone(now.tzinfo) < end]


if TYPE_CHECKING:  # the operations' store, checked where the two meet
    from airdrop_desk.core.tracking_ops import TrackingStore

    _STORE: type[TrackingStore] = TrackingRepo

"""The checklist's changes as undoable steps: each half runs as one lane job.

Ids created by a step (a tick, a task) are kept in a small holder the lane thread
fills; undo and redo jobs run after it on the same serial lane, so they always
see the id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airdrop_desk.core.tracking import Claim, Task, TickDetails

if TYPE_CHECKING:
    from airdrop_desk.storage.tracking_repo import TrackingRepo
    from airdrop_desk.ui.views.checklist import ChecklistView


def _quote(title: str, limit: int = 40) -> str:
    return f"“{title if len(title) <= limit else title[: limit - 1] + '…'}”"


class ChecklistActions:
    """Pushes the checklist's edits onto the session's undo stack."""

    def __init__(self, view: ChecklistView) -> None:
        self._view = view

    @property
    def _where(self) -> tuple[Any, int, str] | None:
        view = self._view
        session = view.session
        if session.profile is None or view.project is None:
            return None
        return session, session.profile.id, view.project.id

    # -- tracking ----------------------------------------------------------------------
    def track(self) -> None:
        where, project = self._where, self._view.project
        if where is None or project is None:
            return
        session, pid, project_id = where
        holder: dict[str, int] = {}

        def do(repo: TrackingRepo) -> None:
            holder["tracked"] = repo.track(pid, project)

        session.push(
            f"Track {project.name.name}",
            do,
            lambda repo: repo.untrack(holder["tracked"]),
            project_id,
        )

    def untrack(self) -> None:
        view, where = self._view, self._where
        if where is None or view.checklist is None or view.project is None:
            return
        session, _pid, project_id = where
        name = view.project.name.name
        if not view.confirm(
            f"Stop tracking {name}?",
            f"{name} and its checklist leave profile "
            f"“{session.profile.name}”. Undo (Ctrl+Z) brings them back; "
            "tracking it again later also restores the checklist.",
            "Stop tracking",
        ):
            return
        tracked_id = view.checklist.tracked_id
        session.push(
            f"Stop tracking {name}",
            lambda repo: repo.untrack(tracked_id),
            lambda repo: repo.retrack(tracked_id),
            project_id,
        )

    # -- ticks ---------------------------------------------------------------------
    def set_ticked(self, task_id: int, ticked: bool) -> None:
        state = next(
            (
                s
                for s in (self._view.checklist.tasks if self._view.checklist else ())
                if s.task.id == task_id
            ),
            None,
        )
        if state is None or state.done == ticked:
            return
        if ticked:
            self.tick(task_id, state.task.title, None)
        else:
            self.untick(task_id, state.task.title)

    def tick(self, task_id: int, title: str, details: TickDetails | None) -> None:
        where = self._where
        if where is None:
            return
        session, _pid, project_id = where
        holder: dict[str, Any] = {}
        clock = session.clock

        def do(repo: TrackingRepo) -> None:
            # The first run takes the time; a redo puts back the same tick.
            at = holder.setdefault("at", clock())
            holder["tick"] = repo.add_tick(task_id, at, details, holder.get("tick"))

        session.push(
            f"Tick {_quote(title)}",
            do,
            lambda repo: repo.remove_ticks([holder["tick"]]),
            project_id,
        )

    def untick(self, task_id: int, title: str) -> None:
        where = self._where
        if where is None:
            return
        session, _pid, project_id = where
        holder: dict[str, list[Any]] = {}
        clock = session.clock

        def do(repo: TrackingRepo) -> None:
            holder["gone"] = repo.remove_ticks(repo.period_tick_ids(task_id, clock()))

        session.push(
            f"Untick {_quote(title)}",
            do,
            lambda repo: repo.restore_ticks(holder["gone"]),
            project_id,
        )

    # -- tasks ---------------------------------------------------------------------
    def add_task(self, task: Task) -> None:
        where, checklist = self._where, self._view.checklist
        if where is None or checklist is None:
            return
        session, _pid, project_id = where
        tracked_id = checklist.tracked_id
        holder: dict[str, int] = {}

        def do(repo: TrackingRepo) -> int:
            if "task" in holder:
                repo.set_task_deleted(holder["task"], False)
            else:
                holder["task"] = repo.add_task(
                    tracked_id, task.title, task.detail, task.link, task.recurrence, task.due
                ).id
            return holder["task"]

        session.push(
            f"Add task {_quote(task.title)}",
            do,
            lambda repo: repo.set_task_deleted(holder["task"], True),
            project_id,
            done=self._view.select_task,
        )

    def edit_task(self, old: Task, new: Task) -> None:
        where = self._where
        if where is None or old == new:
            return
        session, _pid, project_id = where
        session.push(
            f"Edit task {_quote(new.title)}",
            lambda repo: repo.update_task(new),
            lambda repo: repo.update_task(old),
            project_id,
        )

    def delete_task(self, task: Task) -> None:
        where = self._where
        if where is None:
            return
        session, _pid, project_id = where
        session.push(
            f"Delete task {_quote(task.title)}",
            lambda repo: repo.set_task_deleted(task.id, True),
            lambda repo: repo.set_task_deleted(task.id, False),
            project_id,
        )
        session.message(f"Deleted {_quote(task.title)} — Ctrl+Z brings it back")

    def reorder(self, old: list[int], new: list[int]) -> None:
        where = self._where
        if where is None:
            return
        session, _pid, project_id = where
        session.push(
            "Move task",
            lambda repo: repo.set_order(new),
            lambda repo: repo.set_order(old),
            project_id,
        )

    # -- claim ---------------------------------------------------------------------
    def save_claim(self, claim: Claim | None) -> None:
        where, checklist = self._where, self._view.checklist
        if where is None or checklist is None or claim == checklist.claim:
            return
        session, pid, project_id = where
        old = checklist.claim
        session.push(
            "Save claim",
            lambda repo: repo.claims.set_claim(pid, project_id, claim),
            lambda repo: repo.claims.set_claim(pid, project_id, old),
            project_id,
        )
        session.message("Claim saved")

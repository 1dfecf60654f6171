"""The checklist's dialogs: add or edit a task, tick with details, confirm, open a link.

A mixin of ``ChecklistView``: each method asks the person first, then hands the
answer to ``ChecklistActions`` as an undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QMessageBox, QWidget

from airdrop_desk.ui.dialogs.link_warning import open_checked
from airdrop_desk.ui.dialogs.task_dialogs import TaskDialog, TickDialog

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.tracking import Checklist, TaskState
    from airdrop_desk.ui.tracking_session import TrackingSession
    from airdrop_desk.ui.views.checklist_actions import ChecklistActions


class ChecklistDialogs:
    """The dialog-driven half of the checklist view (see ``ChecklistView``)."""

    session: TrackingSession
    project: Project | None
    checklist: Checklist | None
    actions: ChecklistActions

    def current_state(self) -> TaskState | None:
        raise NotImplementedError

    def current_task_id(self) -> int | None:
        raise NotImplementedError

    def add_task(self) -> None:
        if self.checklist is None or self.project is None:
            return
        dialog = TaskDialog(None, self.project.official_sites, self._as_parent())
        if dialog.exec() and dialog.result_task is not None:
            self.actions.add_task(dialog.result_task)

    def edit_task(self) -> None:
        state = self.current_state()
        if state is None or self.project is None:
            return
        dialog = TaskDialog(state.task, self.project.official_sites, self._as_parent())
        if dialog.exec() and dialog.result_task is not None:
            self.actions.edit_task(state.task, dialog.result_task)

    def tick_with_details(self) -> None:
        state = self.current_state()
        if state is None or self.project is None:
            return
        task = state.task
        history = self._history(task.id)
        token = "ETH" if self.project.ecosystem == "Ethereum" else ""
        dialog = TickDialog(task, history, token, self._as_parent())
        if dialog.exec() and dialog.details is not None:
            self.actions.tick(task.id, task.title, dialog.details)

    def _history(self, task_id: int) -> list[Any]:
        """A task's ticks; read on the lane and waited for (a few ms at most)."""
        if self.session.lane is None:
            return []
        future = self.session.lane.submit(lambda db: _ticks(db, task_id))
        return list(future.result(timeout=5))

    def open_link(self) -> None:
        state = self.current_state()
        if state is not None and state.task.link and self.project is not None:
            open_checked(state.task.link, self.project.official_sites, self._as_parent())

    def move_task(self, step: int) -> None:
        if self.checklist is None:
            return
        ids = [s.task.id for s in self.checklist.tasks]
        task_id = self.current_task_id()
        if task_id is None:
            return
        at = ids.index(task_id)
        if not 0 <= at + step < len(ids):
            return
        new = list(ids)
        new[at], new[at + step] = new[at + step], new[at]
        self.actions.reorder(ids, new)

    def delete_task(self) -> None:
        state = self.current_state()
        if state is not None:
            self.actions.delete_task(state.task)

    def confirm(self, title: str, text: str, action: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Cancel,
            self._as_parent(),
        )
        box.setObjectName("confirmBox")
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def _as_parent(self) -> QWidget:
        """The view itself (a QWidget through ChecklistView): dialogs center on it."""
        return cast("QWidget", self)


def _ticks(db: Any, task_id: int) -> list[Any]:
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    return TrackingRepo(db).ticks(task_id)

"""The "My checklist" tab: the selected project's tasks for the current profile.

Ticking a box saves at once: the view hands the session an operation from
``core.tracking_ops``, which runs as one job on the storage lane and is a step on
the session's undo stack (Ctrl+Z / Ctrl+Shift+Z). What comes back is just what
changed: a tick updates its one row and the progress. The view reads its data
when it is on screen, so moving through the table stays quick.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core import tracking_ops as ops
from airdrop_desk.core.tracking import Checklist, Claim, Task, TaskState, TickDetails
from airdrop_desk.core.tracking_vocab import MY_STATUSES
from airdrop_desk.ui.models.checklist_model import ChecklistModel
from airdrop_desk.ui.plain import message_box, plain_label
from airdrop_desk.ui.views.checklist_intro import ChecklistIntro
from airdrop_desk.ui.views.claim_form import ClaimForm
from airdrop_desk.ui.views.project_tab import ProjectTab

if TYPE_CHECKING:
    from collections.abc import Callable

    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.domain import Project
    from airdrop_desk.ui.tracking_session import TrackingSession, Update


def _quote(title: str, limit: int = 40) -> str:
    return f"“{title if len(title) <= limit else title[: limit - 1] + '…'}”"


class TaskTree(QTreeView):
    """The task list; Delete removes the current task, Enter ticks it with details."""

    delete_pressed = Signal()
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class ChecklistView(ProjectTab):
    """Track button, task list with tick boxes, task buttons and the claim form.

    Signals: ``loaded`` after a checklist (or its absence) is on screen.
    Attributes (for tests): ``tree`` (a view of ``model``, a ``ChecklistModel``),
    ``progress``, ``track_button``, ``message``, ``add_button``, ``edit_button``,
    ``tick_button``, ``delete_button``, ``up_button``, ``down_button``,
    ``untrack_button``, ``claim``, ``checklist``.
    """

    def __init__(
        self, session: TrackingSession, docs: ProjectDocs, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, docs, parent)
        self.setObjectName("checklistView")
        self.checklist: Checklist | None = None
        self._build()

    # -- layout --------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.intro = ChecklistIntro()
        self.intro.track.connect(self.track)
        self.intro.create_profile.connect(self._create_profile)
        self.message, self.track_button = self.intro.message, self.intro.track_button
        self.pages.addWidget(self.intro)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m done")
        self.progress.setAccessibleName("Checklist progress")
        # The words sit beside the bar: drawn on it, they run over its fill.
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress_label = plain_label()
        self.progress_label.setAccessibleName("Tasks done")
        self.untrack_button = QToolButton(text="Stop tracking…")
        self.untrack_button.setToolTip("Remove this project from the profile (undoable)")
        self.untrack_button.setAccessibleName("Stop tracking this project")
        self.untrack_button.clicked.connect(self.untrack)
        head.addWidget(self.progress, 1)
        head.addWidget(self.progress_label)
        head.addWidget(self.untrack_button)
        layout.addLayout(head)
        self.eligibility = plain_label()  # a list's name is outside text
        self.eligibility.setObjectName("checklistEligibility")
        self.eligibility.setAccessibleName("Eligibility from allocation lists")
        self.eligibility.setWordWrap(True)
        self.eligibility.hide()
        self._eligibility: dict[str, str] = {}
        layout.addWidget(self.eligibility)

        self.model = ChecklistModel(self)
        self.model.toggle_requested.connect(self.set_ticked)
        self.tree = TaskTree()
        self.tree.setObjectName("checklistTree")
        self.tree.setAccessibleName("Tasks")
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ChecklistModel.COL_TASK, QHeaderView.ResizeMode.Stretch)
        for column in (ChecklistModel.COL_WHEN, ChecklistModel.COL_LAST):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._tune_tree_palette()
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.tree.doubleClicked.connect(lambda *_: self.edit_task())
        self.tree.delete_pressed.connect(self.delete_task)
        self.tree.enter_pressed.connect(self.tick_with_details)
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_button = self._button("Add…", "Add a task of your own", self.add_task)
        self.edit_button = self._button("Edit…", "Edit the task", self.edit_task)
        self.tick_button = self._button(
            "Tick…", "Tick with a note, transaction and fee (Enter)", self.tick_with_details
        )
        self.link_button = self._button(
            "Open link", "Open the task's link (checked first)", self.open_link
        )
        self.up_button = self._button("▲", "Move up", lambda: self.move_task(-1))
        self.down_button = self._button("▼", "Move down", lambda: self.move_task(1))
        self.delete_button = self._button(
            "Delete", "Delete the task (Del; undoable)", self.delete_task
        )
        for button in (self.add_button, self.edit_button, self.tick_button, self.link_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.claim = ClaimForm()
        self.claim.save_requested.connect(self.save_claim)
        layout.addWidget(self.claim)
        self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    def set_eligibility(self, texts: dict[str, str]) -> None:
        """What the allocation lists say of the current profile, per project id."""
        self._eligibility = texts
        self._show_eligibility()

    def _show_eligibility(self) -> None:
        project = self.project
        text = self._eligibility.get(project.id, "") if project is not None else ""
        self.eligibility.setText(text)
        self.eligibility.setVisible(bool(text))

    def show_project(self, project_id: str | None) -> None:
        super().show_project(project_id)
        self._show_eligibility()

    def _button(self, text: str, tip: str, slot: Any) -> QToolButton:
        button = QToolButton(text=text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tune_tree_palette()

    def _tune_tree_palette(self) -> None:
        """Fusion outlines tick boxes with a darker Window colour, which vanishes on a
        dark Base: give the tree a lighter Window so unticked boxes stay visible."""
        pal = self.palette()
        tree_pal = QPalette(pal)
        if pal.color(QPalette.ColorRole.Base).lightness() < 128:
            tree_pal.setColor(QPalette.ColorRole.Window, QColor("#8a8f96"))
        self.tree.setPalette(tree_pal)

    # -- loading -------------------------------------------------------------------
    def _forget_project(self) -> None:
        self.checklist = None

    def _reader(self, profile_id: int, project: Project) -> Callable[[Any], Any]:
        clock = self.session.clock

        def read(repo: Any) -> Checklist | None:
            return repo.checklist(profile_id, project.id, clock())

        return read

    def _show_data(self, data: Any) -> None:
        self.checklist = data
        self._fill()

    def _show_placeholder(self) -> None:
        self.pages.setCurrentIndex(0)
        self.intro.show_for(self.session, self.project)
        self.loaded.emit()

    def _apply(self, update: Update) -> None:
        """An operation's result: one row and the progress, or the whole list."""
        changes = update.changes
        if update.task is not None and self.checklist is not None:
            state = update.task
            tasks = tuple(state if s.task.id == state.task.id else s for s in self.checklist.tasks)
            self.checklist = dataclasses.replace(self.checklist, tasks=tasks)
            self.model.update_task(state, self.session.clock().date())
            self._show_progress()
            self._update_buttons()
            self.loaded.emit()
        elif update.checklist is not None or changes.kinds & {ops.CHECKLIST, ops.CLAIMS}:
            self._take(update.checklist)

    def tab_title(self, default: str, project_id: str | None) -> str:
        """ "My checklist · 2/4" for a tracked project, "· claimed" once claimed."""
        found = self.session.progress.get(project_id or "")
        if found is None:
            return default
        if found.status == "claimed":
            return f"{default} · {MY_STATUSES['claimed'].lower()}"
        return f"{default} · {found.done}/{found.total}"

    def _create_profile(self) -> None:
        manage = getattr(self.window(), "manage_profiles", None)
        if manage is not None:
            manage()

    def _fill(self) -> None:
        checklist, project = self.checklist, self.project
        if checklist is None or project is None:
            self._show_placeholder()
            return
        current = self.current_task_id()
        self.model.set_tasks(checklist.tasks, self.session.clock().date())
        self._show_progress()
        self.claim.set_claim(checklist.claim, project.token.symbol if project.token else "")
        self.pages.setCurrentIndex(1)
        self.select_task(current)
        self._update_buttons()
        self.loaded.emit()

    def _show_progress(self) -> None:
        total, done = self.model.rowCount(), self.model.done_count()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(
            f"{done} of {total} done" if total else "No tasks yet: add your own"
        )
        self.progress_label.setText(self.progress.text())

    # -- selection -------------------------------------------------------------------
    def current_task_id(self) -> int | None:
        index = self.tree.currentIndex()
        return int(index.data(ChecklistModel.TaskIdRole)) if index.isValid() else None

    def current_state(self) -> TaskState | None:
        return self.model.state_at(self.tree.currentIndex().row())

    def select_task(self, task_id: int | None) -> None:
        row = self.model.row_of(task_id)
        if row is None and task_id is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.tree.setCurrentIndex(self.model.index(row, ChecklistModel.COL_TASK))

    def _update_buttons(self) -> None:
        state = self.current_state()
        has = state is not None
        for button in (self.edit_button, self.tick_button, self.delete_button):
            button.setEnabled(has)
        self.link_button.setEnabled(bool(state and state.task.link))
        row = self.tree.currentIndex().row() if has else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    # -- operations ------------------------------------------------------------------
    def _here(self) -> tuple[int, Project] | None:
        profile, project = self.session.profile, self.project
        return (profile.id, project) if profile is not None and project is not None else None

    def track(self) -> None:
        here = self._here()
        if here is not None:
            pid, project = here
            button = self.track_button
            button.setText(f"Tracking {project.name.name}…")
            self.session.perform(
                f"Track {project.name.name}",
                lambda repo: ops.track(repo, pid, project),
                done=lambda _tracked: self._focus_tasks(),
                busy=(button,),
            )

    def first_control(self) -> QWidget | None:
        """What Ctrl+K focuses: the task list, or the Track button before there is one."""
        if self.pages.currentIndex() == 1:
            return self.tree
        return self.track_button if self.track_button.isVisible() else None

    def _focus_tasks(self) -> None:
        """After Track the task list has the focus (the Track button it had is gone, and
        Qt would hand it to "Stop tracking…", where the next Space asks to stop)."""
        if self.pages.currentIndex() == 1 and self.model.rowCount():
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.model.index(0, 0))

    def untrack(self) -> None:
        here, checklist = self._here(), self.checklist
        if here is None or checklist is None or self.session.profile is None:
            return
        name = here[1].name.name
        if not self.confirm(
            f"Stop tracking {name}?",
            f"{name} and its checklist leave profile "
            f"“{self.session.profile.name}”. Undo (Ctrl+Z) brings them back; "
            "tracking it again later also restores the checklist.",
            "Stop tracking",
        ):
            return
        tracked_id = checklist.tracked_id
        self.session.perform(f"Stop tracking {name}", lambda repo: ops.untrack(repo, tracked_id))

    def set_ticked(self, task_id: int, ticked: bool) -> None:
        """The box of ``task_id`` was ticked or unticked."""
        row = self.model.row_of(task_id)
        state = self.model.state_at(row) if row is not None else None
        if state is None or state.done == ticked:
            return
        if ticked:
            self.tick(state.task, None)
        else:
            clock, title = self.session.clock, state.task.title
            self.session.perform(
                f"Untick {_quote(title)}", lambda repo: ops.untick(repo, task_id, clock())
            )

    def tick(self, task: Task, details: TickDetails | None) -> None:
        if self._here() is None:
            return
        at, task_id = self.session.clock(), task.id  # a redo puts back this same tick
        self.session.perform(
            f"Tick {_quote(task.title)}", lambda repo: ops.tick(repo, task_id, at, details)
        )

    def add_task(self) -> None:
        if self.checklist is None or self.project is None:
            return
        from airdrop_desk.ui.dialogs.task_dialogs import TaskDialog

        dialog = TaskDialog(None, self.project.official_sites, self)
        if dialog.exec() and dialog.result_task is not None:
            task, tracked_id = dialog.result_task, self.checklist.tracked_id
            self.session.perform(
                f"Add task {_quote(task.title)}",
                lambda repo: ops.add_task(repo, tracked_id, task),
                done=self.select_task,
            )

    def edit_task(self) -> None:
        state = self.current_state()
        if state is None or self.project is None:
            return
        from airdrop_desk.ui.dialogs.task_dialogs import TaskDialog

        dialog = TaskDialog(state.task, self.project.official_sites, self)
        new, old = dialog.result_task if dialog.exec() else None, state.task
        if new is not None and new != old:
            self.session.perform(
                f"Edit task {_quote(new.title)}", lambda repo: ops.edit_task(repo, old, new)
            )

    def tick_with_details(self) -> None:
        state = self.current_state()
        if state is None or self.project is None:
            return
        from airdrop_desk.ui.dialogs.task_dialogs import TickDialog

        task = state.task
        token = "ETH" if self.project.ecosystem == "Ethereum" else ""
        dialog = TickDialog(task, (), token, self)
        # The history fills in when read; the form is usable at once.
        self.session.run(lambda repo: repo.ticks(task.id), dialog.set_history)
        if dialog.exec() and dialog.details is not None:
            self.tick(task, dialog.details)

    def open_link(self) -> None:
        state = self.current_state()
        if state is not None and state.task.link and self.project is not None:
            from airdrop_desk.ui.dialogs.link_warning import open_checked

            open_checked(state.task.link, self.project.official_sites, self)

    def move_task(self, step: int) -> None:
        ids = [s.task.id for s in self.model.states()]
        task_id = self.current_task_id()
        if task_id is None or not 0 <= ids.index(task_id) + step < len(ids):
            return
        at = ids.index(task_id)
        new = list(ids)
        new[at], new[at + step] = new[at + step], new[at]
        self.session.perform("Move task", lambda repo: ops.reorder(repo, ids, new))

    def delete_task(self) -> None:
        state = self.current_state()
        if state is None:
            return
        task_id, title = state.task.id, _quote(state.task.title)
        self.session.perform(f"Delete task {title}", lambda repo: ops.delete_task(repo, task_id))
        self.session.message(f"Deleted {title} — Ctrl+Z brings it back")

    def save_claim(self, claim: Claim | None) -> None:
        here, checklist = self._here(), self.checklist
        if here is None or checklist is None or claim == checklist.claim:
            return
        pid, project_id = here[0], here[1].id
        self.session.perform("Save claim", lambda repo: ops.set_claim(repo, pid, project_id, claim))
        self.session.message("Claim saved")

    def confirm(self, title: str, text: str, action: str) -> bool:
        box = message_box(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self
        )
        box.setObjectName("confirmBox")
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

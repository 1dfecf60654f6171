"""The "My checklist" tab: the selected project's tasks for the current profile.

Ticking a box saves at once (one transaction on the storage lane); every change
is a step on the session's undo stack (Ctrl+Z / Ctrl+Shift+Z). The view reads
its data when it is on screen, so moving through the table stays quick.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.tracking import Checklist, TaskState
from airdrop_desk.ui.views.checklist_actions import ChecklistActions
from airdrop_desk.ui.views.checklist_dialogs import ChecklistDialogs
from airdrop_desk.ui.views.checklist_intro import ChecklistIntro
from airdrop_desk.ui.views.claim_form import ClaimForm
from airdrop_desk.ui.views.project_tab import ProjectTab

if TYPE_CHECKING:
    from collections.abc import Callable

    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.domain import Project
    from airdrop_desk.ui.tracking_session import TrackingSession

TASK_ID = Qt.ItemDataRole.UserRole
ROW_HEIGHT = 26  # as the project table's rows: easy to hit with the mouse


class TaskTree(QTreeWidget):
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


class ChecklistView(ChecklistDialogs, ProjectTab):
    """Track button, task list with tick boxes, task buttons and the claim form.

    Signals: ``loaded`` after a checklist (or its absence) is on screen.
    Attributes (for tests): ``tree``, ``progress``, ``track_button``, ``message``,
    ``add_button``, ``edit_button``, ``tick_button``, ``delete_button``, ``up_button``,
    ``down_button``, ``untrack_button``, ``claim``, ``checklist``.
    """

    def __init__(
        self, session: TrackingSession, docs: ProjectDocs, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, docs, parent)
        self.setObjectName("checklistView")
        self.checklist: Checklist | None = None
        self.actions = ChecklistActions(self)
        self._build()

    # -- layout --------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.intro = ChecklistIntro()
        self.intro.track.connect(self.actions.track)
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
        self.untrack_button = QToolButton(text="Stop tracking…")
        self.untrack_button.setToolTip("Remove this project from the profile (undoable)")
        self.untrack_button.setAccessibleName("Stop tracking this project")
        self.untrack_button.clicked.connect(self.actions.untrack)
        head.addWidget(self.progress, 1)
        head.addWidget(self.untrack_button)
        layout.addLayout(head)

        self.tree = TaskTree()
        self.tree.setObjectName("checklistTree")
        self.tree.setAccessibleName("Tasks")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Task", "When", "Last done"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self._tune_tree_palette()
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_task())
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
        self.claim.save_requested.connect(self.actions.save_claim)
        layout.addWidget(self.claim)
        self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

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
        today = self.session.clock().date()
        self.tree.blockSignals(True)
        self.tree.clear()
        for state in checklist.tasks:
            self.tree.addTopLevelItem(self._item(state, today))
        self.tree.blockSignals(False)
        self.progress.setMaximum(max(checklist.total, 1))
        self.progress.setValue(checklist.done)
        self.progress.setFormat(
            f"{checklist.done} of {checklist.total} done"
            if checklist.total
            else "No tasks yet: add your own"
        )
        self.claim.set_claim(checklist.claim, project.token.symbol if project.token else "")
        self.pages.setCurrentIndex(1)
        self.select_task(current)
        self._update_buttons()
        self.loaded.emit()

    def _item(self, state: TaskState, today: dt.date) -> QTreeWidgetItem:
        task = state.task
        when = [task.recurrence.label()] if task.recurrence.repeats else []
        if task.due:
            when.append(f"due {task.due.isoformat()}")
        item = QTreeWidgetItem([task.title, " · ".join(when), _last_done(state, today)])
        item.setData(0, TASK_ID, task.id)
        item.setSizeHint(0, QSize(0, ROW_HEIGHT))
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(0, Qt.CheckState.Checked if state.done else Qt.CheckState.Unchecked)
        tips = [task.detail] if task.detail else []
        if task.link:
            tips.append(f"Link: {task.link}")
        if state.resets_at is not None:
            tips.append(f"Resets {state.resets_at.strftime('%a %Y-%m-%d %H:%M')}")
        if state.tick_count:
            tips.append(f"Done {state.tick_count} time(s) in all")
        item.setToolTip(0, "\n".join(tips) or task.title)
        if task.due and task.due < today and not state.done:
            for column in (0, 1):
                item.setForeground(column, QBrush(QColor("#c0392b")))
        return item

    # -- selection -------------------------------------------------------------------
    def current_task_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, TASK_ID)) if item is not None else None

    def current_state(self) -> TaskState | None:
        task_id = self.current_task_id()
        if self.checklist is None or task_id is None:
            return None
        return next((s for s in self.checklist.tasks if s.task.id == task_id), None)

    def select_task(self, task_id: int | None) -> None:
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item is not None and item.data(0, TASK_ID) == task_id:
                self.tree.setCurrentItem(item)
                return
        if self.tree.topLevelItemCount() and task_id is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _update_buttons(self) -> None:
        state = self.current_state()
        has = state is not None
        for button in (self.edit_button, self.tick_button, self.delete_button):
            button.setEnabled(has)
        self.link_button.setEnabled(bool(state and state.task.link))
        row = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if has else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.tree.topLevelItemCount() - 1)

    # -- user actions ----------------------------------------------------------------
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        task_id = int(item.data(0, TASK_ID))
        self.actions.set_ticked(task_id, item.checkState(0) == Qt.CheckState.Checked)


def _last_done(state: TaskState, today: dt.date) -> str:
    if state.last is None:
        return ""
    at = state.last.at.astimezone()
    days = (today - at.date()).days
    if days == 0:
        return f"today {at:%H:%M}"
    if days == 1:
        return f"yesterday {at:%H:%M}"
    return at.strftime("%Y-%m-%d")

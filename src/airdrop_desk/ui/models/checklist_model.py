"""The checklist's tasks as a table model: one row per task, in the person's order.

Ticking a box does not change the model: it asks for the tick (``toggle_requested``)
and the row changes when the operation has been saved (``update_task``), so what is
shown is always what is on disk.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from airdrop_desk.core.tracking import TaskState
from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

_NO_PARENT = QModelIndex()
ROW_HEIGHT = 26  # as the project table's rows: easy to hit with the mouse
OVERDUE = QColor("#c0392b")
_FAR_PAST = dt.datetime.min.replace(tzinfo=dt.UTC)


class ChecklistModel(QAbstractTableModel):
    """Rows are ``TaskState``s; columns ``COL_TASK``, ``COL_WHEN``, ``COL_LAST``.

    Roles: ``TaskIdRole`` (the task's id), ``StateRole`` (its ``TaskState``),
    ``SortRole`` (the raw value a column sorts on: position, due date, last tick).
    Signals: ``toggle_requested(int, bool)`` — the person ticked (True) or unticked a
    task's box. ``today`` decides "today"/"yesterday" and overdue rows.
    """

    COL_TASK, COL_WHEN, COL_LAST = range(3)
    HEADERS: ClassVar[tuple[str, ...]] = ("Task", "When", "Last done")
    TaskIdRole = Qt.ItemDataRole.UserRole
    StateRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    toggle_requested = Signal(int, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._states: list[TaskState] = []
        self._rows: dict[int, int] = {}  # task id -> row
        self.today = dt.date.today()

    # -- filling -------------------------------------------------------------------
    def set_tasks(self, states: tuple[TaskState, ...] | list[TaskState], today: dt.date) -> None:
        self.beginResetModel()
        self._states = list(states)
        self._rows = {s.task.id: n for n, s in enumerate(self._states)}
        self.today = today
        self.endResetModel()

    def update_task(self, state: TaskState, today: dt.date) -> bool:
        """Replace one task's row (after a tick); False if the task is not shown."""
        row = self._rows.get(state.task.id)
        if row is None:
            return False
        self._states[row] = state
        self.today = today
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    # -- reading -------------------------------------------------------------------
    def states(self) -> list[TaskState]:
        return list(self._states)

    def state_at(self, row: int) -> TaskState | None:
        return self._states[row] if 0 <= row < len(self._states) else None

    def row_of(self, task_id: int | None) -> int | None:
        return self._rows.get(task_id) if task_id is not None else None

    def done_count(self) -> int:
        return sum(1 for s in self._states if s.done)

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._states)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_TASK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._states):
            return None
        state, column = self._states[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(state, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_TASK:
            return Qt.CheckState.Checked if state.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TASK:
            return plain_tooltip(_tip(state))
        if role == Qt.ItemDataRole.ForegroundRole and column != self.COL_LAST:
            due = state.task.due
            return QBrush(OVERDUE) if due and due < self.today and not state.done else None
        if role == Qt.ItemDataRole.SizeHintRole and column == self.COL_TASK:
            return QSize(0, ROW_HEIGHT)
        if role == self.TaskIdRole:
            return state.task.id
        if role == self.StateRole:
            return state
        if role == self.SortRole:
            return self._sort_value(state, column)
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 0
    ) -> bool:
        """A click or Space on the box: ask for the tick, the row follows once saved."""
        if (
            not index.isValid()
            or index.column() != self.COL_TASK
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        state = self._states[index.row()]
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if ticked != state.done:
            self.toggle_requested.emit(state.task.id, ticked)
        return False

    # -- cells ---------------------------------------------------------------------
    def _text(self, state: TaskState, column: int) -> str:
        task = state.task
        if column == self.COL_TASK:
            return task.title
        if column == self.COL_WHEN:
            when = [task.recurrence.label()] if task.recurrence.repeats else []
            if task.due:
                when.append(f"due {task.due.isoformat()}")
            return " · ".join(when)
        return last_done(state, self.today)

    def _sort_value(self, state: TaskState, column: int) -> Any:
        if column == self.COL_TASK:
            return state.task.position
        if column == self.COL_WHEN:
            return state.task.due.isoformat() if state.task.due else "9999-12-31"
        return (state.last.at if state.last else _FAR_PAST).timestamp()


def _tip(state: TaskState) -> str:
    task = state.task
    tips = [task.detail] if task.detail else []
    if task.link:
        tips.append(f"Link: {task.link}")
    if state.resets_at is not None:
        tips.append(f"Resets {state.resets_at.strftime('%a %Y-%m-%d %H:%M')}")
    if state.tick_count:
        tips.append(f"Done {state.tick_count} time(s) in all")
    return "\n".join(tips) or task.title


def last_done(state: TaskState, today: dt.date) -> str:
    if state.last is None:
        return ""
    at = state.last.at.astimezone()
    days = (today - at.date()).days
    if days == 0:
        return f"today {at:%H:%M}"
    if days == 1:
        return f"yesterday {at:%H:%M}"
    return at.strftime("%Y-%m-%d")

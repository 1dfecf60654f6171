"""The Today list as a table model: every task due now, one row per task and profile.

As in the checklist, ticking a box does not change the model: it asks for the tick
(``toggle_requested``) and the list is read again once the change is saved, so what
is shown is what is on disk.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from airdrop_desk.core.board import TodayItem, due_words

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole
OVERDUE = QColor("#d93a36")  # readable on the light and the dark base


class TodayModel(QAbstractTableModel):
    """Rows are ``TodayItem``s, soonest deadline first; columns ``COL_TASK`` (its tick
    box), ``COL_PROFILE``, ``COL_PROJECT``, ``COL_DUE``, ``COL_REPEATS``.

    Roles: ``ItemRole`` (the ``TodayItem``), ``TaskIdRole`` (None for a snapshot),
    ``SortRole`` (the raw value a column sorts on: the due date for ``COL_DUE``).
    Signals: ``toggle_requested(list, bool)`` — task ids to tick (True) or untick.
    """

    COL_TASK, COL_PROFILE, COL_PROJECT, COL_DUE, COL_REPEATS = range(5)
    HEADERS: ClassVar[tuple[str, ...]] = ("Task", "Profile", "Project", "Due", "Repeats")
    ItemRole = Role.UserRole
    TaskIdRole = Role.UserRole + 1
    SortRole = Role.UserRole + 2

    toggle_requested = Signal(list, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[TodayItem] = []
        self.today = dt.date.today()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_items(self, items: list[TodayItem], today: dt.date) -> None:
        self.beginResetModel()
        self.items, self.today = list(items), today
        self.endResetModel()

    def item_at(self, row: int) -> TodayItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rows_of(self, task_ids: set[int]) -> list[int]:
        return [n for n, item in enumerate(self.items) if item.task_id in task_ids]

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Role.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.items[index.row()]
        if index.column() == self.COL_TASK and item.task_id is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item, column = self.items[index.row()], index.column()
        if role == Role.DisplayRole:
            return self._text(item, column)
        if role == Role.CheckStateRole and column == self.COL_TASK and item.task_id is not None:
            return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
        if role == Role.ForegroundRole and item.overdue and column == self.COL_DUE:
            return QBrush(OVERDUE)
        if role == Role.FontRole and item.overdue and column == self.COL_DUE:
            return self._bold
        if role == Role.ToolTipRole:
            return self._tip(item)
        if role == self.ItemRole:
            return item
        if role == self.TaskIdRole:
            return item.task_id
        if role == self.SortRole:
            if column == self.COL_DUE:
                return item.due.isoformat()
            return str(self._text(item, column)).casefold()
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 0
    ) -> bool:
        """A click on the box: ask for the tick; the row follows once it is saved."""
        if not index.isValid() or role != Role.CheckStateRole or index.column() != self.COL_TASK:
            return False
        item = self.items[index.row()]
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if item.task_id is not None and ticked != item.done:
            self.toggle_requested.emit([item.task_id], ticked)
        return False

    # -- cells ---------------------------------------------------------------------
    def _text(self, item: TodayItem, column: int) -> str:
        if column == self.COL_TASK:
            return item.title
        if column == self.COL_PROFILE:
            return item.profile or "All"
        if column == self.COL_PROJECT:
            return item.project
        if column == self.COL_DUE:
            return due_words(item, self.today)
        return item.recurrence.label() if item.recurrence.repeats else ""

    def _tip(self, item: TodayItem) -> str:
        if item.kind == "snapshot":
            return f"{item.project}: {item.title} on {item.due.isoformat()}, for every profile"
        state = "done today" if item.done else due_words(item, self.today).lower()
        repeats = f", {item.recurrence.label().lower()}" if item.recurrence.repeats else ""
        return f"{item.profile} · {item.project}: {item.title} ({state}{repeats}). Space ticks it."

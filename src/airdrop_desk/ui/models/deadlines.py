"""The Upcoming deadlines as a table model: one row per dated item, in date order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from airdrop_desk.core.deadlines import EVENT_LABELS, Deadline

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole
OVERDUE = QColor("#c0392b")
EMPTY_TEXT = "Nothing ahead. Track projects, give tasks due dates, or tick “Show past dates”."


def in_words(item: Deadline, today: dt.date) -> str:
    """How far the date is from ``today``, as the "In" column says it."""
    if item.overdue(today):
        return "Overdue"
    days = item.days_left(today)
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if days > 0:
        return f"in {days} days"
    return f"{-days} days ago"


class DeadlineTableModel(QAbstractTableModel):
    """Rows are ``Deadline``s as listed; columns ``COL_WHEN``, ``COL_IN``, ``COL_PROJECT``,
    ``COL_WHAT``, ``COL_KIND``. An overdue row is red (its "In" bold), a past or done one
    muted (``muted``, the view's placeholder colour). With nothing to list, one row holds
    ``EMPTY_TEXT`` in the first column (the view spans it; ``is_empty`` says so).

    Roles: ``DeadlineRole`` (the ``Deadline``; None on the empty row), ``ProjectIdRole``,
    ``SortRole`` (the raw value: the date, the days left, the names as text).
    """

    COL_WHEN, COL_IN, COL_PROJECT, COL_WHAT, COL_KIND = range(5)
    HEADERS: ClassVar[tuple[str, ...]] = ("When", "In", "Project", "What", "Kind")
    DeadlineRole = Role.UserRole
    ProjectIdRole = Role.UserRole + 1
    SortRole = Role.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Deadline] = []
        self.today = dt.date.today()
        self.muted = QColor(Qt.GlobalColor.gray)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_deadlines(self, items: Sequence[Deadline], today: dt.date, muted: QColor) -> None:
        self.beginResetModel()
        self.items, self.today, self.muted = list(items), today, QColor(muted)
        self.endResetModel()

    @property
    def is_empty(self) -> bool:
        return not self.items

    def deadline_at(self, row: int) -> Deadline | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else max(1, len(self.items))

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

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        item, column = self.deadline_at(index.row()), index.column()
        if item is None:  # the empty row
            if role == Role.DisplayRole:
                return EMPTY_TEXT if column == 0 else ""
            if role == Role.ForegroundRole:
                return QBrush(self.muted)
            return None
        if role == Role.DisplayRole:
            return self._text(item, column)
        if role == Role.ForegroundRole:
            if item.overdue(self.today):
                return QBrush(OVERDUE)
            if item.past(self.today) or item.done:
                return QBrush(self.muted)
            return None
        if role == Role.FontRole and column == self.COL_IN and item.overdue(self.today):
            return self._bold
        if role == self.DeadlineRole:
            return item
        if role == self.ProjectIdRole:
            return item.project_id
        if role == self.SortRole:
            if column == self.COL_WHEN:
                return item.at.isoformat() if item.at else item.day.isoformat()
            if column == self.COL_IN:
                return item.days_left(self.today)
            return self._text(item, column).casefold()
        return None

    def _text(self, item: Deadline, column: int) -> str:
        if column == self.COL_WHEN:
            return item.when()
        if column == self.COL_IN:
            return in_words(item, self.today)
        if column == self.COL_PROJECT:
            return item.project_name
        if column == self.COL_WHAT:
            return item.title
        return EVENT_LABELS[item.kind]

"""Table model of the stored allocation lists (Data → Allocation lists…)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    from airdrop_desk.core.allocations import AllocList

_NO_PARENT = QModelIndex()


class AllocListsModel(QAbstractTableModel):
    """One row per stored list; ``SortRole`` gives the raw value, ``ListIdRole`` the id.

    ``names`` maps project ids to the names shown.
    """

    COL_NAME, COL_PROJECT, COL_TOKEN, COL_ROWS, COL_DEADLINE, COL_SOURCE = range(6)
    TITLES: ClassVar[list[str]] = ["List", "Project", "Token", "Rows", "Deadline", "Source"]
    SortRole = Qt.ItemDataRole.UserRole + 1
    ListIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, names: dict[str, str] | None = None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._lists: list[AllocList] = []
        self._names = names or {}

    def set_lists(self, lists: list[AllocList]) -> None:
        self.beginResetModel()
        self._lists = list(lists)
        self.endResetModel()

    def list_at(self, row: int) -> AllocList:
        return self._lists[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._lists)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.TITLES[section] if 0 <= section < len(self.TITLES) else None
        return super().headerData(section, orientation, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        item, column = self._lists[index.row()], index.column()
        if role == self.ListIdRole:
            return item.id
        if role == self.SortRole:
            return self._raw(item, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_SOURCE:
            return f"{item.source}\nsha256 {item.sha256}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_ROWS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _raw(self, item: AllocList, column: int) -> object:
        return (
            item.name.casefold(),
            self._names.get(item.project_id or "", item.project_id or ""),
            item.token,
            item.rows,
            item.deadline.isoformat() if item.deadline else "",
            item.source,
        )[column]

    def _text(self, item: AllocList, column: int) -> str:
        if column == self.COL_NAME:
            return item.name
        if column == self.COL_PROJECT:
            return self._names.get(item.project_id or "", item.project_id or "—")
        if column == self.COL_TOKEN:
            return item.token or "—"
        if column == self.COL_ROWS:
            extra = f" ({item.duplicates:,} summed)" if item.duplicates else ""
            return f"{item.rows:,}{extra}"
        if column == self.COL_DEADLINE:
            return item.deadline.date().isoformat() if item.deadline else "—"
        return item.source + (f" #{item.entry}" if item.entry else "")

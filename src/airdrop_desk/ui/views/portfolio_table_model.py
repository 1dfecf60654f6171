"""A read-only table model over rows that are made only when Qt asks for them.

Years of daily values are thousands of rows: the model keeps a function from row number
to texts (and flags), so opening the view formats only the rows on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

NUMERIC = {
    "Amount",
    "Price",
    "Value",
    "Assets",
    "Value at claim",
    "Value now",
    "Costs",
    "Net at claim",
    "Net now",
}
STALE = QColor("#b7791f")
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class PortfolioTableModel(QAbstractTableModel):
    """``show(header, count, row, flags)``: ``row(i)`` gives row i's texts, ``flags(i)``
    its marks ("total" bold, "stale" colours the status, "unpriced" texts italic)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._header: list[str] = []
        self._count = 0
        self._row: Callable[[int], list[str]] = lambda _i: []
        self._flags: Callable[[int], frozenset[str]] = lambda _i: frozenset()
        self._cache: dict[int, list[str]] = {}
        self._bold, self._italic = QFont(), QFont()
        self._bold.setBold(True)
        self._italic.setItalic(True)

    def show(
        self,
        header: list[str],
        count: int,
        row: Callable[[int], list[str]],
        flags: Callable[[int], frozenset[str]],
    ) -> None:
        self.beginResetModel()
        self._header, self._count, self._row, self._flags = header, count, row, flags
        self._cache = {}
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        cells = self._cache.get(row)
        if cells is None:
            cells = self._cache[row] = self._row(row)
        return cells[column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self._header[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Role.DisplayRole:
            return self.text(row, column)
        if role == Role.TextAlignmentRole and self._header[column] in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.FontRole:
            if "total" in self._flags(row):
                return self._bold
            if self.text(row, column) in ("unpriced", "not recorded"):
                return self._italic
        if (
            role == Role.ForegroundRole
            and "stale" in self._flags(row)
            and self._header[column] == "Status"
        ):
            return STALE
        if role == Role.ToolTipRole and len(self.text(row, column)) > 24:
            return self.text(row, column)  # notes and reasons may be cut off
        return None

"""Table model of one portfolio table: rows made only when Qt asks for them.

Years of daily values are thousands of rows: the model keeps a function from row number
to texts (and raw values, and flags), so opening the view formats only the rows on screen.
Columns are named by the portfolio table's keys (its CSV header), not by their titles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from airdrop_desk.ui.plain import plain_tooltip

NUMERIC_KEYS = frozenset(
    {
        "amount",
        "price_usd",
        "value_usd",
        "assets",
        "value_at_claim_usd",
        "value_now_usd",
        "costs_usd",
        "net_at_claim_usd",
        "net_now_usd",
    }
)
STATUS_KEY = "status"
ITALIC_TEXTS = frozenset({"unpriced", "not recorded"})
STALE = QColor("#b7791f")
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_NO_PARENT = QModelIndex()


class PortfolioTableModel(QAbstractTableModel):
    """``show(titles, keys, count, row, flags, raw)``: ``row(i)`` gives row i's texts,
    ``raw(i)`` its raw values (numbers, dates; None when unknown), ``flags(i)`` its marks
    ("total" bold, "stale" colours the status, "unpriced" texts italic).

    Roles: ``SortRole`` the cell's raw value (its text when there is none),
    ``FlagsRole`` the row's marks. ``column(key)`` is a column's number by its key.
    """

    SortRole = Role.UserRole + 1
    FlagsRole = Role.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []
        self._keys: list[str] = []
        self._count = 0
        self._row: Callable[[int], Sequence[str]] = lambda _i: []
        self._raw: Callable[[int], Sequence[object]] | None = None
        self._flags: Callable[[int], frozenset[str]] = lambda _i: frozenset()
        self._cache: dict[int, Sequence[str]] = {}
        self._bold, self._italic = QFont(), QFont()
        self._bold.setBold(True)
        self._italic.setItalic(True)

    def show(
        self,
        titles: Sequence[str],
        keys: Sequence[str],
        count: int,
        row: Callable[[int], Sequence[str]],
        flags: Callable[[int], frozenset[str]],
        raw: Callable[[int], Sequence[object]] | None = None,
    ) -> None:
        assert len(titles) == len(keys)
        self.beginResetModel()
        self._titles, self._keys, self._count = list(titles), list(keys), count
        self._row, self._flags, self._raw = row, flags, raw
        self._cache = {}
        self.endResetModel()

    def column(self, key: str) -> int:
        return self._keys.index(key)

    def text(self, row: int, column: int) -> str:
        cells = self._cache.get(row)
        if cells is None:
            cells = self._cache[row] = self._row(row)
        return cells[column]

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Role.DisplayRole
            and 0 <= section < len(self._titles)
        ):
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        key = self._keys[column]
        if role == Role.DisplayRole:
            return self.text(row, column)
        if role == Role.TextAlignmentRole and key in NUMERIC_KEYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.FontRole:
            if "total" in self._flags(row):
                return self._bold
            if self.text(row, column) in ITALIC_TEXTS:
                return self._italic
        if role == Role.ForegroundRole and key == STATUS_KEY and "stale" in self._flags(row):
            return STALE
        if role == Role.ToolTipRole and len(self.text(row, column)) > 24:
            return plain_tooltip(self.text(row, column))  # notes and reasons may be cut off
        if role == self.SortRole:
            value = self._raw(row)[column] if self._raw is not None else None
            if value is None:
                return self.text(row, column)
            return _number(value) if key in NUMERIC_KEYS else value
        if role == self.FlagsRole:
            return self._flags(row)
        return None


def _number(value: object) -> object:
    """Amounts come as exact decimal texts (as exported): sort them as numbers."""
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value

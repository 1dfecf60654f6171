"""The part every simple table model shares: a list of records, named headers, no tree.

A subclass names its ``HEADERS`` and ``COL_*`` columns and answers ``cell(record, column,
role)``; rows, columns, headers, index checks, ``set_records`` and ``record_at`` are here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

R = TypeVar("R")
_NO_PARENT = QModelIndex()


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records as given; ``records`` is the list shown."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record_at(self, row: int) -> R | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def cell(self, record: R, column: int, role: int) -> Any:
        """What ``record`` shows in ``column`` for ``role`` (None: nothing)."""
        raise NotImplementedError

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        return self.cell(self.records[index.row()], index.column(), role)

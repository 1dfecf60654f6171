"""A points program's history as a table model: one row per recorded balance, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from airdrop_desk.core.points import PointsSnapshot, format_points

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PointsHistoryModel(QAbstractTableModel):
    """Rows are ``PointsSnapshot``s, newest first; columns ``COL_DATE``, ``COL_POINTS``,
    ``COL_CHANGE`` (against the balance before it), ``COL_RANK``; numbers right-aligned.

    Roles: ``SnapshotRole`` (the ``PointsSnapshot``), ``SortRole`` (the raw value: the
    date, the balance, the change, the rank; None where there is none).
    """

    COL_DATE, COL_POINTS, COL_CHANGE, COL_RANK = range(4)
    HEADERS: ClassVar[tuple[str, ...]] = ("Date", "Points", "Change", "Rank")
    SnapshotRole = Role.UserRole
    SortRole = Role.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[PointsSnapshot, float | None]] = []

    def set_snapshots(self, snapshots: Sequence[PointsSnapshot]) -> None:
        """``snapshots`` oldest first, as they are stored; shown newest first."""
        rows: list[tuple[PointsSnapshot, float | None]] = []
        previous: float | None = None
        for snap in snapshots:
            rows.append((snap, None if previous is None else snap.points - previous))
            previous = snap.points
        self.beginResetModel()
        self._rows = rows[::-1]
        self.endResetModel()

    def snapshot_at(self, row: int) -> PointsSnapshot | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        (snap, change), column = self._rows[index.row()], index.column()
        if role == Role.DisplayRole:
            if column == self.COL_DATE:
                return snap.day.isoformat()
            if column == self.COL_POINTS:
                return format_points(snap.points)
            if column == self.COL_CHANGE:
                return "" if change is None else f"{change:+,.0f}"
            return f"#{snap.rank:,}" if snap.rank else ""
        if role == Role.TextAlignmentRole and column != self.COL_DATE:
            return _RIGHT
        if role == self.SnapshotRole:
            return snap
        if role == self.SortRole:
            return (snap.day.isoformat(), snap.points, change, snap.rank)[column]
        return None

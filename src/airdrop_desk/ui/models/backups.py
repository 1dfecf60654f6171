"""Table model of the database's backups, newest first, as the backups dialog lists them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from airdrop_desk.core.backups import BackupInfo

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_NO_PARENT = QModelIndex()


def reason_text(reason: str) -> str:
    """A backup's reason as people say it."""
    fixed = {
        "daily": "Daily backup",
        "manual": "Made by you",
        "before-import": "Before importing data",
        "before-restore": "Before a restore",
        "file": "Backup file",
    }
    if reason in fixed:
        return fixed[reason]
    match = re.fullmatch(r"before-(\d{4})_(.+)", reason)
    if match:
        return f"Before updating the data format ({match[2].replace('_', ' ')})"
    return reason


def when_text(info: BackupInfo) -> str:
    return info.created.astimezone().strftime("%Y-%m-%d %H:%M")


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """One row per backup: when it was made, why, its size.

    Columns ``COL_MADE``, ``COL_WHY``, ``COL_SIZE``; roles ``SortRole`` (the raw value:
    the time made, the reason's key, the size in bytes) and ``BackupRole`` (the
    ``BackupInfo``). Every cell's tooltip is the backup's file name.
    """

    COL_MADE, COL_WHY, COL_SIZE = range(3)
    TITLES = ("Made", "Why", "Size")
    SortRole = Role.UserRole + 1
    BackupRole = Role.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.TITLES[section] if 0 <= section < len(self.TITLES) else None
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info, column = self._backups[index.row()], index.column()
        if role == Role.DisplayRole:
            if column == self.COL_MADE:
                return when_text(info)
            if column == self.COL_WHY:
                return reason_text(info.reason)
            return size_text(info.size)
        if role == Role.ToolTipRole:
            return plain_tooltip(info.name)
        if role == Role.TextAlignmentRole and column == self.COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SortRole:
            return (info.created, info.reason, info.size)[column]
        if role == self.BackupRole:
            return info
        return None

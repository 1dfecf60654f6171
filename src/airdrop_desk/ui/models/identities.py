"""A profile's other identities as a table model: kind, handle."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from airdrop_desk.core.allocations import IDENTITY_KINDS
from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

    from airdrop_desk.core.allocations import Identity

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole


class IdentityTableModel(QAbstractTableModel):
    """Rows are ``Identity``s as stored; columns ``COL_KIND`` (GitHub, X, Discord) and
    ``COL_HANDLE``. The handle's tooltip shows it whole, literally.

    Roles: ``IdentityRole`` (the ``Identity``), ``SortRole`` (the raw value: the kind's key,
    the handle).
    """

    COL_KIND, COL_HANDLE = range(2)
    HEADERS: ClassVar[tuple[str, ...]] = ("Kind", "Handle")
    IdentityRole = Role.UserRole
    SortRole = Role.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.identities: list[Identity] = []

    def set_identities(self, identities: Sequence[Identity]) -> None:
        self.beginResetModel()
        self.identities = list(identities)
        self.endResetModel()

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.identities)

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
        if not index.isValid() or not 0 <= index.row() < len(self.identities):
            return None
        item, column = self.identities[index.row()], index.column()
        if role == Role.DisplayRole:
            if column == self.COL_KIND:
                return IDENTITY_KINDS.get(item.kind, item.kind)
            return item.handle
        if role == Role.ToolTipRole and column == self.COL_HANDLE:
            return plain_tooltip(item.handle)
        if role == self.IdentityRole:
            return item
        if role == self.SortRole:
            return item.kind if column == self.COL_KIND else item.handle
        return None

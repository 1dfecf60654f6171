"""A profile's wallet addresses as a table model: chain, address, label."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from airdrop_desk.core.addresses import CHAINS
from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

    from airdrop_desk.core.tracking import WalletAddress

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole


class AddressTableModel(QAbstractTableModel):
    """Rows are ``WalletAddress``es as stored; columns ``COL_CHAIN`` (the chain as the
    picker names it), ``COL_ADDRESS``, ``COL_LABEL``. The address's tooltip is the whole
    address with its label, shown literally (a long one elides).

    Roles: ``AddressRole`` (the ``WalletAddress``), ``SortRole`` (the raw value: the
    chain's key, the address, the label).
    """

    COL_CHAIN, COL_ADDRESS, COL_LABEL = range(3)
    HEADERS: ClassVar[tuple[str, ...]] = ("Chain", "Address", "Label")
    AddressRole = Role.UserRole
    SortRole = Role.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.addresses: list[WalletAddress] = []

    def set_addresses(self, addresses: Sequence[WalletAddress]) -> None:
        self.beginResetModel()
        self.addresses = list(addresses)
        self.endResetModel()

    def address_at(self, row: int) -> WalletAddress | None:
        return self.addresses[row] if 0 <= row < len(self.addresses) else None

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.addresses)

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
        if not index.isValid() or not 0 <= index.row() < len(self.addresses):
            return None
        item, column = self.addresses[index.row()], index.column()
        if role == Role.DisplayRole:
            if column == self.COL_CHAIN:
                return CHAINS.get(item.chain, item.chain)
            return item.address if column == self.COL_ADDRESS else item.label
        if role == Role.ToolTipRole and column == self.COL_ADDRESS:
            return plain_tooltip(f"{item.address}\n{item.label}" if item.label else item.address)
        if role == self.AddressRole:
            return item
        if role == self.SortRole:
            return (item.chain, item.address, item.label)[column]
        return None

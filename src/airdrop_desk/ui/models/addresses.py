"""A profile's wallet addresses as a table model: chain, address, label."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt

from airdrop_desk.core.addresses import CHAINS
from airdrop_desk.ui.models.records import RecordTableModel
from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from airdrop_desk.core.tracking import WalletAddress

Role = Qt.ItemDataRole


class AddressTableModel(RecordTableModel["WalletAddress"]):
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

    def cell(self, item: WalletAddress, column: int, role: int) -> Any:
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

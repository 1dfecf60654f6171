"""A profile's other identities as a table model: kind, handle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt

from airdrop_desk.core.allocations import IDENTITY_KINDS
from airdrop_desk.ui.models.records import RecordTableModel
from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from airdrop_desk.core.allocations import Identity

Role = Qt.ItemDataRole


class IdentityTableModel(RecordTableModel["Identity"]):
    """Rows are ``Identity``s as stored; columns ``COL_KIND`` (GitHub, X, Discord) and
    ``COL_HANDLE``. The handle's tooltip shows it whole, literally.

    Roles: ``IdentityRole`` (the ``Identity``), ``SortRole`` (the raw value: the kind's key,
    the handle).
    """

    COL_KIND, COL_HANDLE = range(2)
    HEADERS: ClassVar[tuple[str, ...]] = ("Kind", "Handle")
    IdentityRole = Role.UserRole
    SortRole = Role.UserRole + 1

    def cell(self, item: Identity, column: int, role: int) -> Any:
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

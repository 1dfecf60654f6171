"""A task's earlier ticks as a table model: when, the note, the transaction, the fee."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt

from airdrop_desk.ui.models.records import RecordTableModel
from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from airdrop_desk.core.tracking import Tick

Role = Qt.ItemDataRole


def fee_text(tick: Tick) -> str:
    """``0.0004 ETH · $1.25``: what the tick cost, in what was given."""
    fee = []
    if tick.cost_native is not None:
        fee.append(f"{tick.cost_native:g} {tick.cost_token}".strip())
    if tick.cost_usd is not None:
        fee.append(f"${tick.cost_usd:,.2f}")
    return " · ".join(fee)


class TickHistoryModel(RecordTableModel["Tick"]):
    """Rows are ``Tick``s as given (newest first); columns ``COL_DONE`` (local time),
    ``COL_NOTE``, ``COL_TX``, ``COL_FEE``. A note or transaction the view elides has its
    whole text as the tooltip, shown literally.

    Roles: ``TickRole`` (the ``Tick``), ``SortRole`` (the raw value: the time, the
    note, the transaction, the fee in USD).
    """

    COL_DONE, COL_NOTE, COL_TX, COL_FEE = range(4)
    HEADERS: ClassVar[tuple[str, ...]] = ("Done", "Note", "Transaction", "Fee")
    TickRole = Role.UserRole
    SortRole = Role.UserRole + 1

    def cell(self, tick: Tick, column: int, role: int) -> Any:
        if role == Role.DisplayRole:
            if column == self.COL_DONE:
                return tick.at.astimezone().strftime("%Y-%m-%d %H:%M")
            if column == self.COL_NOTE:
                return tick.note
            if column == self.COL_TX:
                return tick.tx
            return fee_text(tick)
        if role == Role.ToolTipRole and column in (self.COL_NOTE, self.COL_TX):
            return plain_tooltip(tick.note if column == self.COL_NOTE else tick.tx) or None
        if role == self.TickRole:
            return tick
        if role == self.SortRole:
            return (tick.at, tick.note, tick.tx, tick.cost_usd)[column]
        return None

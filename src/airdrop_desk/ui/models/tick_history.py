"""A task's earlier ticks as a table model: when, the note, the transaction, the fee."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

    from airdrop_desk.core.tracking import Tick

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole


def fee_text(tick: Tick) -> str:
    """``0.0004 ETH · $1.25``: what the tick cost, in what was given."""
    fee = []
    if tick.cost_native is not None:
        fee.append(f"{tick.cost_native:g} {tick.cost_token}".strip())
    if tick.cost_usd is not None:
        fee.append(f"${tick.cost_usd:,.2f}")
    return " · ".join(fee)


class TickHistoryModel(QAbstractTableModel):
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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticks: list[Tick] = []

    def set_ticks(self, ticks: Sequence[Tick]) -> None:
        self.beginResetModel()
        self.ticks = list(ticks)
        self.endResetModel()

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.ticks)

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
        if not index.isValid() or not 0 <= index.row() < len(self.ticks):
            return None
        tick, column = self.ticks[index.row()], index.column()
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

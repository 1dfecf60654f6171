"""Table models of the exchange keys dialog: the linked keys and the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from airdrop_desk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from airdrop_desk.storage.audit_repo import AuditEntry
    from airdrop_desk.storage.keys_repo import KeyRecord

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_NO_PARENT = QModelIndex()


def when(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "—" if moment is None else moment.astimezone(dt.UTC).strftime(fmt)


class _Rows(QAbstractTableModel):
    """Read-only rows of one record each; subclasses name the columns and cells."""

    TITLES: tuple[str, ...] = ()
    SortRole = Role.UserRole + 1
    RecordRole = Role.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[Any] = []

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.TITLES[section] if 0 <= section < len(self.TITLES) else None
        return None

    def record_at(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    def _set(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._records[index.row()], index.column()
        if role == Role.DisplayRole:
            return self._text(index.row(), record, column)
        if role == Role.ToolTipRole:
            return self._tip(record, column)
        if role == self.SortRole:
            return self._raw(index.row(), record, column)
        if role == self.RecordRole:
            return record
        return None

    def _text(self, row: int, record: Any, column: int) -> str:
        raise NotImplementedError

    def _raw(self, row: int, record: Any, column: int) -> Any:
        raise NotImplementedError

    def _tip(self, record: Any, column: int) -> str | None:
        return None


class KeyTableModel(_Rows):
    """Linked keys: columns ``COL_LABEL`` … ``COL_ROTATE_BY``; the status's tooltip says
    why. ``SortRole`` gives raw values (times as datetimes), ``RecordRole`` the
    ``KeyRecord``. ``title(exchange)`` names an exchange as people know it."""

    COL_LABEL, COL_EXCHANGE, COL_KEY, COL_STATUS, COL_VERIFIED, COL_ROTATE_BY = range(6)
    TITLES = ("Label", "Exchange", "Key", "Status", "Last verified", "Rotate by")

    def __init__(self, title: Callable[[str], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._title = title
        self._rotate_by: dict[str, dt.datetime] = {}

    def set_keys(self, records: Sequence[KeyRecord], rotate_by: dict[str, dt.datetime]) -> None:
        self._rotate_by = dict(rotate_by)
        self._set(records)

    def _raw(self, row: int, record: Any, column: int) -> Any:
        return (
            record.label,
            record.exchange,
            record.masked_key,
            record.status,
            record.last_verified_at,
            self._rotate_by.get(record.id),
        )[column]

    def _text(self, row: int, record: Any, column: int) -> str:
        if column == self.COL_EXCHANGE:
            return self._title(record.exchange)
        if column == self.COL_VERIFIED:
            return when(record.last_verified_at)
        if column == self.COL_ROTATE_BY:
            return when(self._rotate_by.get(record.id), "%Y-%m-%d")
        return str(self._raw(row, record, column))

    def _tip(self, record: Any, column: int) -> str | None:
        return plain_tooltip(record.status_detail) if column == self.COL_STATUS else None


class AuditTableModel(_Rows):
    """The audit log, newest first: columns ``COL_TIME`` … ``COL_MS``; ``SortRole`` gives
    raw values (the time as a datetime, HTTP status and milliseconds as numbers)."""

    COL_TIME, COL_EXCHANGE, COL_LABEL, COL_REQUEST, COL_OUTCOME, COL_HTTP, COL_MS = range(7)
    TITLES = ("Time (UTC)", "Exchange", "Label", "Request", "Outcome", "HTTP", "ms")

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self._set(entries)

    def _raw(self, row: int, record: Any, column: int) -> Any:
        return (
            record.at,
            record.exchange,
            record.label,
            f"{record.method} {record.endpoint}",
            record.outcome,
            record.http_status,
            record.latency_ms,
        )[column]

    def _text(self, row: int, record: Any, column: int) -> str:
        if column == self.COL_TIME:
            return when(record.at, "%Y-%m-%d %H:%M:%S")
        value = self._raw(row, record, column)
        return "" if value is None else str(value)

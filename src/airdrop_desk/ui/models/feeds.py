"""Table model of the subscribed catalog feeds, as the feeds dialog lists them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_NO_PARENT = QModelIndex()
OUTCOMES = {
    "": "Not checked yet",
    "applied": "Updated",
    "current": "Up to date",
    "refused": "Refused",
    "failed": "Could not check",
}


def checked_text(feed: Any) -> str:
    outcome = OUTCOMES.get(feed.outcome, feed.outcome)
    if not feed.checked_at:
        return outcome
    return f"{outcome} ({feed.checked_at[:16].replace('T', ' ')} UTC)"


class FeedTableModel(QAbstractTableModel):
    """One row per feed: its name, address, the version held, its expiry, the last check.

    Columns ``COL_NAME``, ``COL_URL``, ``COL_VERSION``, ``COL_EXPIRES``, ``COL_CHECKED``;
    roles ``SortRole`` (the raw value) and ``FeedRole`` (the feed's stored row). The last
    check's tooltip is its message (why a file was refused).
    """

    COL_NAME, COL_URL, COL_VERSION, COL_EXPIRES, COL_CHECKED = range(5)
    TITLES = ("Feed", "Address", "Version", "Expires", "Last check")
    SortRole = Role.UserRole + 1
    FeedRole = Role.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._feeds: list[Any] = []

    def set_feeds(self, feeds: Sequence[Any]) -> None:
        self.beginResetModel()
        self._feeds = list(feeds)
        self.endResetModel()

    def feed_at(self, row: int) -> Any:
        return self._feeds[row] if 0 <= row < len(self._feeds) else None

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._feeds)

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
        feed, column = self._feeds[index.row()], index.column()
        raw = (
            feed.name,
            feed.url,
            feed.catalog_version or "",
            feed.expires or "",
            feed.checked_at or "",
        )
        if role == Role.DisplayRole:
            if column == self.COL_CHECKED:
                return checked_text(feed)
            return raw[column] or "—"
        if role == Role.ToolTipRole:
            if column == self.COL_CHECKED:
                return feed.message or None
            if column == self.COL_NAME:
                return f"Key {feed.key_id}"
            return None
        if role == self.SortRole:
            return raw[column]
        if role == self.FeedRole:
            return feed
        return None

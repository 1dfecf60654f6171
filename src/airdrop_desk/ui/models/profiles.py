"""The profiles as a list model: one row per profile, an archived one muted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

    from airdrop_desk.core.tracking import Profile

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole


class ProfileListModel(QAbstractListModel):
    """Rows are ``Profile``s as given; the text is the name, "(archived)" after an
    archived one, which is drawn in ``muted`` (the view's placeholder colour).

    Roles: ``ProfileRole`` (the ``Profile``), ``ProfileIdRole``, ``SortRole`` (the name,
    case-folded).
    """

    ProfileRole = Role.UserRole
    ProfileIdRole = Role.UserRole + 1
    SortRole = Role.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profiles: list[Profile] = []
        self.muted = QColor(Qt.GlobalColor.gray)

    def set_profiles(self, profiles: Sequence[Profile], muted: QColor) -> None:
        self.beginResetModel()
        self.profiles, self.muted = list(profiles), QColor(muted)
        self.endResetModel()

    def row_of(self, profile_id: int | None) -> int | None:
        return next((n for n, p in enumerate(self.profiles) if p.id == profile_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.profiles)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.profiles):
            return None
        profile = self.profiles[index.row()]
        if role == Role.DisplayRole:
            return profile.name + (" (archived)" if profile.archived else "")
        if role == Role.ForegroundRole and profile.archived:
            return QBrush(self.muted)
        if role == self.ProfileRole:
            return profile
        if role == self.ProfileIdRole:
            return profile.id
        if role == self.SortRole:
            return profile.name.casefold()
        return None

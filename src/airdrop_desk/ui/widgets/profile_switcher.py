"""The toolbar's profile picker: everything per-profile follows its choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from airdrop_desk.ui.plain import plain_label

if TYPE_CHECKING:
    from airdrop_desk.core.tracking import Profile
    from airdrop_desk.ui.tracking_session import TrackingSession


class ProfileSwitcher(QWidget):
    """ "Profile [name ▾] [Manage…]"; archived profiles are left out of the list.

    Shows "Opening…" until ``bind(session)``: the window puts it on screen before
    the tracking session (and its imports) exist.

    Signals: ``manage_requested`` when the Manage button is pressed.
    Attributes (for tests): ``combo``, ``manage_button``.
    """

    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileSwitcher")
        self._session: TrackingSession | None = None
        label = plain_label("Profile")
        self.combo = QComboBox()
        self.combo.setAccessibleName("Current profile")
        self.combo.setToolTip(
            "The wallet or identity you farm with; checklists, points and claims follow it"
        )
        self.combo.setMinimumContentsLength(14)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._chosen)
        label.setBuddy(self.combo)
        self.manage_button = QToolButton(text="Manage…")
        self.manage_button.setAccessibleName("Manage profiles")
        self.manage_button.setToolTip(
            "Create, rename, archive or delete profiles; wallet addresses"
        )
        self.manage_button.clicked.connect(self.manage_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(6)
        row.addWidget(label)
        row.addWidget(self.combo)
        row.addWidget(self.manage_button)
        self.combo.addItem("Opening…", None)
        self.combo.setEnabled(False)

    def bind(self, session: TrackingSession) -> None:
        """Follow ``session``'s profiles from now on (once)."""
        self._session = session
        session.profiles_changed.connect(self._fill)
        session.profile_changed.connect(self._show_current)

    def _fill(self, profiles: list[Profile]) -> None:
        assert self._session is not None
        current = self._session.profile
        self.combo.blockSignals(True)
        self.combo.clear()
        shown = [p for p in profiles if not p.archived or (current and p.id == current.id)]
        for profile in shown:
            self.combo.addItem(
                profile.name + (" (archived)" if profile.archived else ""), profile.id
            )
        if not shown:
            self.combo.addItem("No profile yet", None)
        self.combo.setEnabled(bool(shown))
        self.manage_button.setText("Manage…" if shown else "New profile…")
        self.combo.blockSignals(False)
        self._show_current(current)

    def _show_current(self, profile: Profile | None) -> None:
        assert self._session is not None
        known = profile is not None and any(p.id == profile.id for p in self._session.profiles)
        if profile is not None and known and self.combo.findData(profile.id) < 0:
            self._fill(self._session.profiles)  # e.g. an archived profile was chosen
            return
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(self.combo.findData(profile.id if profile else None), 0))
        self.combo.blockSignals(False)

    def _chosen(self, index: int) -> None:
        profile_id = self.combo.itemData(index)
        if profile_id is not None and self._session is not None:
            self._session.set_profile(int(profile_id))

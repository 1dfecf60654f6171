"""Keeps what the window shows of eligibility current for the chosen profile.

When a profile is chosen, a claim is saved or the lists change (``refresh``), the
profile's eligibility per project is computed on the database lane —
one indexed look-up of its addresses and handles, on this computer — and handed to
the window: the table's "Eligible" column and filter, the detail pane and the
checklist header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from airdrop_desk.core.allocations import ProjectEligibility
    from airdrop_desk.ui.tracking_session import TrackingSession


class EligibilityUi(QObject):
    """Signals: ``changed(dict)`` with project id -> ``ProjectEligibility`` for the current
    profile (empty without a profile or without lists). Attribute: ``current``."""

    changed = Signal(dict)

    def __init__(
        self,
        session: TrackingSession,
        all_ids: Callable[[], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._all_ids = session, all_ids
        self.current: dict[str, ProjectEligibility] = {}
        # Not on every progress change: a tick stays one database job.
        session.profile_changed.connect(lambda _profile: self.refresh())
        session.ready.connect(self.refresh)
        session.identities_changed.connect(self.refresh)
        session.changed.connect(self._changed)

    def _changed(self, update: Any) -> None:
        from airdrop_desk.core.tracking_ops import CLAIMS

        if CLAIMS in update.changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        session = self._session
        pid = session.profile_id
        if pid is None:
            self._show(pid, {})
            return
        ids = self._all_ids()
        now = session.clock().astimezone(dt.UTC)  # the window's clock: deadlines pass on it

        def work(repo: Any) -> dict[str, ProjectEligibility]:
            from airdrop_desk.eligibility.matching import profile_eligibility

            return profile_eligibility(repo.db, pid, ids, now)

        session.run(work, lambda seen: self._show(pid, seen))

    def _show(self, pid: int | None, seen: dict[str, ProjectEligibility]) -> None:
        if pid != self._session.profile_id:
            return  # another profile was chosen meanwhile
        self.current = seen
        self.changed.emit(seen)

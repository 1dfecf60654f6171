"""Optional desktop notifications for deadlines coming up (system tray).

Off until the person turns it on in the Upcoming view. Each deadline is announced
once (its uid is remembered in the settings table); without a system tray
nothing happens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from airdrop_desk.core.deadlines import EVENT_LABELS, Deadline, due_within
from airdrop_desk.core.settings import NOTIFIED
from airdrop_desk.ui.views.upcoming import load_deadlines

if TYPE_CHECKING:
    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.ui.tracking_session import Repo, TrackingSession

CHECK_EVERY_MS = 60 * 60 * 1000  # a day can turn while the app stays open


class DeadlineNotifier(QObject):
    """Checks after start-up, on profile changes and hourly; shows a tray message."""

    def __init__(
        self, session: TrackingSession, docs: ProjectDocs, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._docs = docs
        self._tray: QSystemTrayIcon | None = None
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        session.ready.connect(self._start)
        session.profile_changed.connect(lambda _p: self.check())

    def _start(self) -> None:
        self._timer.start()
        self.check()

    def check(self) -> None:
        if not self._session.is_ready or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        load_deadlines(self._session, self._docs, None, self._loaded)

    def _loaded(self, items: list[Deadline], remind: int | None) -> None:
        if remind is None:
            return
        today = self._session.clock().date()
        soon = due_within(items, today, remind)
        if not soon:
            return

        def pick(repo: Repo) -> list[Deadline]:
            seen = set(repo.settings.read(NOTIFIED))
            fresh = [d for d in soon if d.uid not in seen]
            if fresh:
                repo.settings.write(NOTIFIED, sorted(seen | {d.uid for d in fresh})[-500:])
            return fresh

        self._session.run(pick, self._show)

    def _show(self, fresh: list[Deadline]) -> None:
        if not fresh:
            return
        if self._tray is None:
            app = QApplication.instance()
            icon = app.windowIcon() if isinstance(app, QApplication) else None
            self._tray = QSystemTrayIcon(icon, self) if icon else QSystemTrayIcon(self)
            self._tray.show()
        today = self._session.clock().date()
        lines = [
            f"{d.project_name}: {EVENT_LABELS[d.kind]} — {d.title} "
            f"({'today' if d.days_left(today) == 0 else f'in {d.days_left(today)} days'})"
            for d in fresh[:5]
        ]
        self._tray.showMessage(
            "Airdrop deadlines coming up",
            "\n".join(lines),
            QSystemTrayIcon.MessageIcon.Information,
            15_000,
        )

"""The per-profile parts of the main window: toolbar, tabs, menus and dialogs.

Kept apart from ``main_window`` (the catalog browser) so each stays readable. The
window paints its toolbar with the profile switcher first, then creates one
``TrackingUi`` over them and hands it the database lane once it is open; the
checklist and points views (and their imports) come with ``build_views``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QToolBar, QVBoxLayout, QWidget

from airdrop_desk.core.tracking_vocab import MY_STATUSES
from airdrop_desk.ui.tracking_session import Clock, TrackingSession, local_now

if TYPE_CHECKING:
    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.tracking import Progress
    from airdrop_desk.ui.ops import Ops
    from airdrop_desk.ui.services import Services
    from airdrop_desk.ui.views.checklist import ChecklistView
    from airdrop_desk.ui.views.points_view import PointsView
    from airdrop_desk.ui.widgets.profile_switcher import ProfileSwitcher


class TrackingUi(QObject):
    """Session, profile switcher, checklist and points views, and their actions.

    Attributes: ``session``, ``switcher``, ``checklist``, ``points`` (None until
    ``build_views``), ``checklist_page``, ``points_page`` (their tab pages), ``toolbar``,
    ``undo_action``, ``redo_action``, ``upcoming`` (the dialog, once opened).
    """

    def __init__(
        self,
        window: QMainWindow,
        docs: ProjectDocs,
        all_ids: Callable[[], list[str]],
        toolbar: QToolBar,
        switcher: ProfileSwitcher,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._docs = docs
        self._all_ids = all_ids
        self.session = TrackingSession(clock or local_now, self)
        self.switcher = switcher
        switcher.bind(self.session)
        switcher.manage_requested.connect(self.manage_profiles)
        self.checklist: ChecklistView | None = None
        self.points: PointsView | None = None
        self.checklist_page, self.points_page = QWidget(), QWidget()
        for page in (self.checklist_page, self.points_page):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
        self.upcoming: Any = None
        self.profiles_dialog: Any = None
        self.services: Services | None = None
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.toolbar = toolbar
        self.toolbar.addSeparator()
        self.upcoming_action = QAction("&Upcoming deadlines", self, shortcut=QKeySequence("Ctrl+U"))
        self.upcoming_action.setToolTip(
            "Snapshots, claim windows and task due dates, by date (Ctrl+U)"
        )
        self.upcoming_action.triggered.connect(self.show_upcoming)
        self.toolbar.addAction(self.upcoming_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        for action, name in (
            (self.upcoming_action, "Upcoming deadlines"),
            (self.undo_action, "Undo"),
            (self.redo_action, "Redo"),
        ):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(name)
        self.session.failed.connect(self._failed)
        self.session.notice.connect(lambda text: window.statusBar().showMessage(text, 6000))

    def build_views(self) -> None:
        """Create the checklist and points views in their tabs (once)."""
        if self.checklist is not None:
            return
        from airdrop_desk.ui.notifier import DeadlineNotifier
        from airdrop_desk.ui.views.checklist import ChecklistView
        from airdrop_desk.ui.views.points_view import PointsView

        self.checklist = ChecklistView(self.session, self._docs)
        self.points = PointsView(self.session, self._docs)
        layout = self.checklist_page.layout()
        assert layout is not None
        layout.addWidget(self.checklist)
        layout = self.points_page.layout()
        assert layout is not None
        layout.addWidget(self.points)
        self.notifier = DeadlineNotifier(self.session, self._docs, self)

    def start(self, ops: Ops) -> None:
        self.build_views()
        self.session.start(ops)

    def add_menus(self, file_menu: QMenu, edit_menu: QMenu, view_menu: QMenu) -> None:
        profiles = QAction("&Profiles…", self, shortcut=QKeySequence("Ctrl+Shift+P"))
        profiles.triggered.connect(self.manage_profiles)
        export = QAction("&Export deadlines (.ics)…", self)
        export.triggered.connect(self._export)
        keys = QAction("Exchange &keys…", self)
        keys.triggered.connect(self.show_keys)
        for action in (profiles, export, keys):
            file_menu.addAction(action)
        file_menu.addSeparator()
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu.addSeparator()
        view_menu.addAction(self.upcoming_action)

    # -- dialogs -------------------------------------------------------------------
    def manage_profiles(self) -> None:
        if not self.session.is_ready:
            self._window.statusBar().showMessage("Your data is still opening…", 4000)
            return
        from airdrop_desk.ui.dialogs.profiles_dialog import ProfilesDialog

        if self.profiles_dialog is None:
            self.profiles_dialog = ProfilesDialog(self.session, self._window)
        else:
            self.profiles_dialog.show_current()
        self.profiles_dialog.open()  # window-modal; the event loop keeps running

    def show_upcoming(self) -> Any:
        from airdrop_desk.ui.views.upcoming import UpcomingDialog

        if self.upcoming is None:
            self.upcoming = UpcomingDialog(self.session, self._docs, self._all_ids(), self._window)
            select = getattr(self._window, "select_project", None)
            if select is not None:
                self.upcoming.project_activated.connect(select)
        else:
            self.upcoming.refresh()
        self.upcoming.show()
        self.upcoming.raise_()
        return self.upcoming

    def _export(self) -> None:
        dialog = self.show_upcoming()
        dialog._export_clicked()

    def show_keys(self) -> None:
        if self.services is None:
            self._window.statusBar().showMessage("Your data is still opening…", 4000)
            return
        from airdrop_desk.ui.dialogs.keys_dialog import KeysDialog

        dialog = KeysDialog(self.services, self._window)
        dialog.exec()

    def _failed(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Not saved",
            f"That change could not be saved.\n\n{text}",
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- tab titles ----------------------------------------------------------------
    def checklist_title(self, project_id: str | None) -> str:
        found: Progress | None = self.session.progress.get(project_id or "")
        if found is None:
            return "My checklist"
        if found.status == "claimed":
            return f"My checklist · {MY_STATUSES['claimed'].lower()}"
        return f"My checklist · {found.done}/{found.total}"

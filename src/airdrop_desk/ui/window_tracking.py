"""The per-profile parts of the main window: toolbar, tab views, menus and dialogs.

Kept apart from ``main_window`` (the catalog browser) so each stays readable. The
window paints its toolbar with the profile switcher first, then creates one
``TrackingUi`` over them and hands it the database lane once it is open; the
per-profile tab views of ``ui.views.tabs`` (and their imports) come with
``build_views``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QToolBar, QToolButton, QWidget

from airdrop_desk.core.clock import Clock
from airdrop_desk.core.clock import now as local_now
from airdrop_desk.ui.plain import message_box
from airdrop_desk.ui.tracking_session import TrackingSession

if TYPE_CHECKING:
    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.ui.ops import Ops
    from airdrop_desk.ui.services import Services
    from airdrop_desk.ui.views.checklist import ChecklistView
    from airdrop_desk.ui.views.points_view import PointsView
    from airdrop_desk.ui.widgets.profile_switcher import ProfileSwitcher


class TrackingUi(QObject):
    """Session, profile switcher, the per-profile tab views, and their actions.

    Attributes: ``session``, ``switcher``, ``views`` (tab key -> view, filled by
    ``build_views``), ``checklist``, ``points`` (those views, None until built),
    ``toolbar``, ``undo_action``, ``redo_action``, ``upcoming`` (the dialog, once opened),
    ``board_action`` (View → Farm board, Ctrl+B).
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
        self.views: dict[str, QWidget] = {}
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
        self.board_action = QAction("Farm &board", self, shortcut=QKeySequence("Ctrl+B"))
        self.board_action.setToolTip(
            "Every tracked project by every profile, and what is due today"
        )
        self.board_action.triggered.connect(self.show_board)
        self.toolbar.addAction(self.upcoming_action)
        self.toolbar.addSeparator()
        # The toolbar says "Undo" and "Redo" and keeps its width; what they would undo is
        # in their tooltips (and in the Edit menu's entries, which name it).
        self.undo_button = _StackButton("Undo", "Ctrl+Z")
        self.undo_button.clicked.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.undoTextChanged.connect(self.undo_button.show_command)
        self.redo_button = _StackButton("Redo", "Ctrl+Shift+Z")
        self.redo_button.clicked.connect(stack.redo)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        stack.redoTextChanged.connect(self.redo_button.show_command)
        for stack_button in (self.undo_button, self.redo_button):
            self.toolbar.addWidget(stack_button)
        button = self.toolbar.widgetForAction(self.upcoming_action)
        if button is not None:
            button.setAccessibleName("Upcoming deadlines")
        self.session.failed.connect(self._failed)
        self.session.notice.connect(lambda text: window.statusBar().showMessage(text, 6000))

    def build_views(self) -> None:
        """Create the per-profile tab views of the registry (once)."""
        if self.views:
            return
        from airdrop_desk.ui.notifier import DeadlineNotifier
        from airdrop_desk.ui.views.tabs import TABS

        for tab in TABS:
            if tab.per_profile:
                self.views[tab.key] = tab.view_class()(self.session, self._docs)
        self.notifier = DeadlineNotifier(self.session, self._docs, self)

    @property
    def checklist(self) -> ChecklistView | None:
        return cast("ChecklistView | None", self.views.get("checklist"))

    @property
    def points(self) -> PointsView | None:
        return cast("PointsView | None", self.views.get("points"))

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
        view_menu.addAction(self.board_action)

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

    def show_board(self) -> Any:
        """View → Farm board: every project by every profile, and the Today list."""
        from airdrop_desk.ui.board_window import open_board

        return open_board(self._window, self.session, self._docs)

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
        box = message_box(
            QMessageBox.Icon.Warning,
            "Not saved",
            f"That change could not be saved.\n\n{text}",
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


class _StackButton(QToolButton):
    """A toolbar button that keeps its one word; the command it would undo or redo is
    its tooltip (a text that changed with every command changed the toolbar's layout)."""

    def __init__(self, verb: str, keys: str) -> None:
        super().__init__()
        self._verb, self._keys = verb, keys
        self.setText(verb)
        self.setAccessibleName(verb)
        self.setEnabled(False)

    def show_command(self, text: str) -> None:
        self.setToolTip(f"{self._verb} {text} ({self._keys})" if text else "")

"""The "Project" menu: New project… (Ctrl+N), Edit…, Delete… for your own projects.

The work runs as ops on the database lane (``catalog.own_projects``); the window then
shows the new rows in place (``MainWindow.show_catalog``) and selects the project.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from airdrop_desk.ui.main_window import MainWindow
    from airdrop_desk.ui.services import Services


class ProjectMenu(QObject):
    """The menu's actions. Signals: ``changed(project_id)`` after a project of yours
    was saved or removed and the window shows it. ``dialog`` is the last dialog opened;
    ``confirm(question) -> bool`` is replaceable in tests."""

    changed = Signal(str)

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self._window, self._services = window, services
        self.dialog: Any = None
        self.confirm: Callable[[str], bool] = self._ask
        menu = window.menus["project"]
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("new", "&New project…", "Ctrl+N", self.new_project),
            ("edit", "&Edit…", None, self.edit_project),
            ("delete", "&Delete…", None, self.delete_project),
        ):
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[key] = action
        menu.aboutToShow.connect(self._enable)

    def _now(self) -> str:
        from airdrop_desk.core import clock

        return clock.iso(self._services.clock(), "s")

    def _selected_yours(self) -> str | None:
        from airdrop_desk.core.projects import is_yours

        current = self._window.current_id()
        return current if current is not None and is_yours(current) else None

    def _enable(self) -> None:
        mine = self._selected_yours() is not None
        self.actions["edit"].setEnabled(mine)
        self.actions["delete"].setEnabled(mine)

    def new_project(self) -> None:
        from airdrop_desk.catalog.own_projects import add_project
        from airdrop_desk.ui.dialogs.project_dialog import ProjectDialog

        self.dialog = ProjectDialog(self._services.ops, add_project, self._now, None, self._window)
        self.dialog.saved.connect(self._show)
        self.dialog.open()
        self.dialog.activateWindow()  # typing goes to its name field at once

    def edit_project(self) -> None:
        project_id = self._selected_yours()
        if project_id is None:
            self._window.statusBar().showMessage("Select one of your projects to edit it.", 6000)
            return
        from airdrop_desk.catalog.own_projects import edit_project
        from airdrop_desk.ui.dialogs.project_dialog import ProjectDialog

        ops = self._services.ops

        def opened(found: Any) -> None:
            from airdrop_desk.core.projects import draft_of

            if found is None:
                return

            def save(db: Any, draft: Any, now: str) -> Any:
                return edit_project(db, project_id, draft, now)

            draft = draft_of(found.project, found.sources)
            self.dialog = ProjectDialog(ops, save, self._now, draft, self._window)
            self.dialog.saved.connect(self._show)
            self.dialog.open()
            self.dialog.activateWindow()

        def read(db: Any) -> Any:
            from airdrop_desk.storage.projects_repo import ProjectsRepo

            return ProjectsRepo(db).get(project_id)

        ops.database(self._window, read).success(opened).run()

    def delete_project(self) -> None:
        project_id = self._selected_yours()
        if project_id is None:
            self._window.statusBar().showMessage("Select one of your projects to delete it.", 6000)
            return
        row = self._window.model.row_of(project_id)
        name = self._window.model.project_at(row).name if row is not None else project_id
        if not self.confirm(
            f"Delete your project {name}? Its checklists, points and claims are kept and "
            "come back if you add a project of the same name."
        ):
            return
        from airdrop_desk.catalog.own_projects import remove_project

        self._services.ops.database(
            self._window, lambda db: remove_project(db, project_id)
        ).success(lambda _gone: self._show(None)).run()

    def _show(self, project_id: str | None) -> None:
        window = self._window
        window.show_catalog(window.docs.reloaded(), project_id)
        self.changed.emit(project_id or "")

    def _ask(self, question: str) -> bool:
        from airdrop_desk.ui.plain import ask

        # Never a destructive default: Enter answers No.
        return ask(self._window, "Delete project", question, default=False)


def install_project_menu(window: MainWindow, services: Services) -> ProjectMenu:
    """Fill ``window``'s Project menu; returns it (its actions are ``.actions``)."""
    return ProjectMenu(window, services)

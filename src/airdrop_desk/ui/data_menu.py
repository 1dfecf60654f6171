"""The "Data" menu: export, import, backups, catalog update and rollback, feeds.

``install_data_menu(window, services, reload_catalog)`` adds it to a main window;
``reload_catalog()`` is called on the GUI thread after anything that changes what the
window shows (a catalog update or rollback, an import, a restored backup).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from airdrop_desk.ui.plain import ask, tell

if TYPE_CHECKING:
    from airdrop_desk.ui.main_window import MainWindow
    from airdrop_desk.ui.services import Services

EXPORT_FILTERS = {"JSON, complete (*.json)": "json", "CSV files in a zip (*.zip)": "csv"}


class DataMenu(QObject):
    """The menu's actions and the background work they start (as ops of ``services``).

    Signals: ``finished(message)`` when an action's outcome is shown to the user;
    ``rows_shown`` when the window shows the rows after a feed changed.
    Replaceable in tests: ``choose_export() -> (path, format) | None``,
    ``choose_import() -> path | None``, ``confirm(question) -> bool``,
    ``inform(title, text, ok)``. ``dialog`` is the last dialog opened.
    """

    finished = Signal(str)
    rows_shown = Signal()

    def __init__(
        self, window: MainWindow, services: Services, reload_catalog: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self._window, self._services, self._reload = window, services, reload_catalog
        self._paths = services.paths
        self.dialog: Any = None
        self.choose_export: Callable[[], tuple[Path, str] | None] = self._choose_export
        self.choose_import: Callable[[], Path | None] = self._choose_import
        self.confirm: Callable[[str, str], bool] = self._ask
        self.inform: Callable[[str, str, bool], None] = self._tell
        self.menu = window.menus["data"]
        self.actions: dict[str, QAction] = {}
        for key, text, slot in (
            ("export", "&Export your data…", self.export),
            ("import", "&Import data…", self.import_),
            ("backups", "&Backups…", self.backups),
            (None, None, None),
            ("allocations", "&Allocation lists…", self.allocation_lists),
            (None, None, None),
            ("update", "&Update catalog…", self.update_catalog),
            ("rollback", "&Roll back catalog", self.rollback_catalog),
            ("feeds", "&Feeds…", self.feeds),
        ):
            if key is None:
                self.menu.addSeparator()
                continue
            action = QAction(text, window)
            action.triggered.connect(slot)
            self.menu.addAction(action)
            self.actions[key] = action

    # -- actions ------------------------------------------------------------------------

    def export(self) -> None:
        chosen = self.choose_export()
        if chosen is None:
            return
        out, fmt = chosen
        paths = self._paths

        def work() -> str:
            from airdrop_desk.storage.userdata import export_data

            summary = export_data(paths, out, fmt)
            return (
                f"Exported {sum(summary.rows.values())} rows from {len(summary.rows)} "
                f"tables to {out}.\n\nLinked exchange keys are never exported; link "
                "them again after importing elsewhere."
            )

        self._run("Export", work, None)

    def import_(self) -> None:
        source = self.choose_import()
        if source is None or not self.confirm(
            "Import data",
            f"Replace your profiles, checklists, points, claims and settings with the "
            f"contents of {source.name}?\n\nThe file is checked completely first, and "
            "your current data is backed up before anything changes.",
        ):
            return
        paths = self._paths

        def work() -> str:
            from airdrop_desk.storage.userdata_import import import_data

            result = import_data(paths, source)
            text = f"Imported {sum(result.rows.values())} rows from {source.name}."
            if result.backup is not None:
                text += f"\n\nYour data from before is in the backup {result.backup.name}."
            return text

        self._run("Import", work, self._reload)

    def backups(self) -> None:
        from airdrop_desk.ui.dialogs.backups_dialog import BackupsDialog

        self.dialog = BackupsDialog(
            self._services, self._window, on_restored=lambda _result: self._reload()
        )
        self.dialog.show()

    def allocation_lists(self) -> None:
        from airdrop_desk.ui.dialogs.alloc_lists_dialog import AllocListsDialog

        window = self._window
        session = window.tracking.session if window.is_complete else None
        self.dialog = AllocListsDialog(self._services, window.model.projects(), session, window)
        self.dialog.changed.connect(self.finished.emit)
        if window.is_complete:
            self.dialog.changed.connect(lambda _text: window.eligibility.refresh())
        self.dialog.show()

    def update_catalog(self) -> None:
        from airdrop_desk.ui.dialogs.catalog_update_dialog import CatalogUpdateDialog

        self.dialog = CatalogUpdateDialog(
            self._services, self._window, on_changed=lambda _result: self._reload()
        )
        self.dialog.show()

    def rollback_catalog(self) -> None:
        if not self.confirm(
            "Roll back the catalog",
            "Make the previous catalog version active again? The current "
            "one stays stored; you can import it again.",
        ):
            return
        paths = self._paths

        def work() -> Any:
            from airdrop_desk.catalog.update import rollback

            return rollback(paths)

        def show(result: Any) -> None:
            from airdrop_desk.ui.dialogs.changes_notice import ChangesNotice

            self._reload()
            self.dialog = ChangesNotice(result.diff, self._window, "Catalog rolled back")
            self.dialog.show()
            self.finished.emit(result.diff.headline())

        self._run("Roll back the catalog", work, None, show)

    def feeds(self) -> None:
        from airdrop_desk.ui.dialogs.feeds_dialog import FeedsDialog

        self.dialog = FeedsDialog(
            self._services, self._window, on_changed=lambda _result: self.refresh_rows()
        )
        self.dialog.show()

    def refresh_rows(self) -> Any:
        """Show the rows as stored now (a feed was applied or removed) in place: same
        filters, sort and selection. The read and the composing of a feed's thousands
        of rows run in the background; the window only swaps them in. Emits
        ``rows_shown`` then; returns the op."""
        window = self._window
        work = window.docs.reloader(self._paths.database, window.current_day())
        number = window.start_read()

        def show(found: Any) -> None:
            catalog, index = found
            if window.show_catalog(catalog, index=index, read=number):
                self.rows_shown.emit()  # not when a later read was shown first

        return self._services.ops.background(window, work).success(show).run()

    def check_feeds_in_background(self, now: Any = None) -> Any:
        """Check the feeds not checked for six hours, as an op (after the first paint).

        A failure is a quiet line in the status bar, never a dialog; a feed that brought
        a new file shows what changed as the catalog's notice does. Returns the op.
        """
        paths, window = self._paths, self._window
        moment = now if now is not None else self._services.clock()

        def work() -> Any:
            from airdrop_desk.catalog.feeds import check_due

            return check_due(paths, moment)

        def done(results: Any) -> None:
            notes, applied = [], False
            for result in results:
                if result.outcome == "applied" and result.diff is not None:
                    from airdrop_desk.ui.dialogs.changes_notice import ChangesNotice

                    self.dialog = ChangesNotice(
                        result.diff, window, f"What changed in the feed {result.name}"
                    )
                    self.dialog.show()  # not modal: the window stays usable behind it
                    notes.append(f"Feed {result.name} updated: {result.message}.")
                    applied = True
                elif not result.ok:
                    notes.append(f"Feed {result.name} not updated: {result.message}")
            if notes:
                window.statusBar().showMessage("  ".join(notes), 30_000)
            if applied:
                self.refresh_rows()
            self.finished.emit("\n".join(notes))

        def failed(error: BaseException) -> None:
            text = f"Feeds not checked: {_explain(error)}"
            window.statusBar().showMessage(text, 30_000)
            self.finished.emit(text)

        return self._services.ops.background(window, work).success(done).failure(failed).run()

    # -- plumbing -----------------------------------------------------------------------

    def _run(
        self,
        title: str,
        work: Callable[[], Any],
        then: Callable[[], None] | None,
        show: Callable[[Any], None] | None = None,
    ) -> None:
        for action in self.actions.values():
            action.setEnabled(False)

        def done(value: Any) -> None:
            self._enable()
            if then is not None:
                then()
            if show is not None:
                show(value)
                return
            self.inform(title, str(value), True)
            self.finished.emit(str(value))

        def failed(error: BaseException) -> None:
            self._enable()
            text = _explain(error)
            self.inform(title, text, False)
            self.finished.emit(text)

        self._services.ops.background(self._window, work).success(done).failure(failed).run()

    def _enable(self) -> None:
        for action in self.actions.values():
            action.setEnabled(True)

    def _choose_export(self) -> tuple[Path, str] | None:
        name, chosen = QFileDialog.getSaveFileName(
            self._window, "Export your data", "airdrop-desk-export.json", ";;".join(EXPORT_FILTERS)
        )
        if not name:
            return None
        fmt = "csv" if name.lower().endswith(".zip") else EXPORT_FILTERS.get(chosen, "json")
        return Path(name), fmt

    def _choose_import(self) -> Path | None:
        name, _chosen = QFileDialog.getOpenFileName(
            self._window, "Import data", "", "Airdrop Desk export (*.json *.zip)"
        )
        return Path(name) if name else None

    def _ask(self, title: str, question: str) -> bool:
        return ask(self._window, title, question)

    def _tell(self, title: str, text: str, ok: bool) -> None:
        icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
        tell(self._window, title, text, icon)


def _explain(error: BaseException) -> str:
    from airdrop_desk.catalog.errors import CatalogError
    from airdrop_desk.core.errors import StorageError
    from airdrop_desk.storage.userdata import DataFileError

    if isinstance(error, CatalogError | StorageError | DataFileError | OSError):
        return " ".join(str(error).split())
    return f"Something went wrong ({type(error).__name__}: {error})."


def install_data_menu(
    window: MainWindow, services: Services, reload_catalog: Callable[[], None]
) -> DataMenu:
    """Add the Data menu to ``window``; returns it (its actions are ``.actions``)."""
    return DataMenu(window, services, reload_catalog)

"""Start the Qt application, show the window, open storage off the GUI thread."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from airdrop_desk.catalog.sync import LoadedCatalog
from airdrop_desk.core.filters import ProjectIndex
from airdrop_desk.paths import Paths, prepare_data_dir
from airdrop_desk.resources import resources_dir
from airdrop_desk.ui.main_window import MainWindow
from airdrop_desk.ui.services import Services
from airdrop_desk.ui.theme import apply_theme

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from airdrop_desk.ui.ops import Op


def create_app(argv: list[str] | None = None) -> QApplication:
    """The application, in the Fusion style on every platform."""
    # Qt's raster painter hands every fill taller than ~96 lines (a table's background,
    # a scroll bar's groove) to a pool of threads and waits for them. For the window's
    # repaints the hand-off costs more than the fill: on 2 cores a keystroke in search
    # repainted in about half the time without it. Set before the application exists;
    # Qt reads it once.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Chosen on the command line Qt reads, not with setStyle(): that returns the
        # style object, and its Python wrapper costs start-up time for nothing.
        app = QApplication([*(argv or sys.argv[:1]), "-style", "fusion"])
    elif app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setApplicationName("Airdrop Desk")
    app.setOrganizationName("Airdrop Desk")
    app.setDesktopFileName("io.github.airdropdesk.AirdropDesk")
    return app


def set_window_icon(app: QApplication) -> None:
    """The app icon; loading the SVG reader is left until after the first paint."""
    from PySide6.QtGui import QIcon

    icon = resources_dir() / "icons" / "airdrop-desk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def build_window(
    catalog: LoadedCatalog,
    paths: Paths,
    theme: str = "auto",
    details_now: bool = True,
    open_storage: Callable[[], Any] | None = None,
    clock: Callable[[], Any] | None = None,
    services: Services | None = None,
) -> MainWindow:
    """The main window over ``catalog``, its state kept in the data folder.

    With ``details_now`` False the window holds only the filter bar, the table
    and its frame until ``complete()``: start-up adds the rest after the first paint.
    ``services`` are the app's (the window is handed them once its database is open).
    With ``open_storage`` instead (tests, benchmarks) the window gets services of its
    own, opens the database on their lane at once and ends them when it closes; the
    per-profile views fill in. ``clock`` replaces the system clock (recurring tasks,
    deadlines).
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme, guess=not details_now)
    prepare_data_dir(paths)  # private to the user before Qt writes its state file
    state = QSettings(str(paths.window_state), QSettings.Format.IniFormat)
    if clock is None and services is not None:
        clock = services.clock
    window = MainWindow(
        ProjectIndex(catalog.rows), catalog.facets(), catalog.docs(), state, details_now, clock
    )
    if theme == "auto" and details_now:
        follow_system_scheme(app, window)
    if open_storage is not None:
        own = Services(paths, open_storage, clock=clock)
        open_window_storage(window, own, owned=True)
    return window


def open_window_storage(
    window: MainWindow,
    services: Services,
    failed: Callable[[BaseException], None] | None = None,
    owned: bool = False,
) -> Op[Any]:
    """(Re)open the database on the services' lane; then ``window`` is handed them.

    ``owned``: the window ends the services when it closes (a window of its own).
    A failure goes to ``failed``, else to the one error path.
    """
    ops = services.ops
    if owned:  # held by the window from now on, not only by the op's callbacks
        window.services, window.owns_services = services, True

    def ready(_db: Any) -> None:
        window.set_storage_ready(_display_path(services.paths.data_dir), services, owned)

    def fail(error: BaseException) -> None:
        if owned:
            services.shutdown()
        if failed is not None:
            failed(error)
        else:
            ops.report(window, error)

    return ops.open_database(window, services.open_database).success(ready).failure(fail).run()


def run_window(
    *,
    catalog: LoadedCatalog,
    services: Services,
    screenshot: Path | None,
    select: str | None,
    size: tuple[int, int] | None,
    theme: str,
    exit_after_paint: bool = False,
    view: str | None = None,
) -> int:
    app = create_app()
    window = build_window(catalog, services.paths, theme, details_now=False, services=services)
    if size:
        window.resize(*size)
    if select and not window.select_project(select):
        print(f"airdrop-desk: no project named '{select}'", file=sys.stderr)
        return 2
    status = {"code": 0}

    def storage_failed(error: BaseException) -> None:
        message = f"Your data cannot be opened.\n\n{error}"
        print(f"airdrop-desk: {message}", file=sys.stderr)
        status["code"] = 1
        if screenshot is None:
            from PySide6.QtWidgets import QMessageBox

            from airdrop_desk.ui.plain import tell

            tell(window, "Airdrop Desk cannot open your data", message, QMessageBox.Icon.Critical)
        app.exit(1)

    def data_loaded() -> None:
        window.data_loaded.disconnect(data_loaded)
        if view is None:
            if screenshot is not None:
                _save_screenshot(window, screenshot, status, app)
            return
        shown, ready = open_view(window, services, view, size)
        if screenshot is not None:
            ready.connect(lambda: _save_screenshot(shown, screenshot, status, app))

    if screenshot is not None or view is not None:
        window.data_loaded.connect(data_loaded)

    def complete() -> None:
        gc.enable()  # off since the start (see __main__)
        # The tabs, the menus' actions and the writable database come after the first
        # paint: the catalog is already on screen, and the modules they need (the
        # detail pane's, msgspec, sqlite-utils, the op lanes) do not delay it.
        apply_theme(app, theme)  # "auto": now the colour scheme itself
        if theme == "auto":
            follow_system_scheme(app, window)
        window.complete()
        install_data_features(
            window,
            services,
            theme,
            storage_failed,
            background=screenshot is None and not exit_after_paint,
        )
        set_window_icon(app)
        if not exit_after_paint:
            open_window_storage(window, services, storage_failed)

    def report_start() -> None:  # for the start-up benchmark
        try:
            print("painted", flush=True)  # the populated table is on screen
            complete()
            window.repaint()
            print("complete", flush=True)  # and the whole window (the database still opening)
        except BaseException:
            status["code"] = 1  # a failure here fails the run instead of hanging it
            raise
        finally:
            app.quit()

    window.table.first_painted.connect(report_start if exit_after_paint else complete)
    window.show()
    code = app.exec()
    services.shutdown()
    return status["code"] or code


def install_data_features(
    window: MainWindow,
    services: Services,
    theme: str,
    failed: Callable[[BaseException], None],
    background: bool = True,
) -> Any:
    """The Data menu (returned), the daily backup and the "what changed" notice for ``window``.

    After a catalog update, rollback, import or restore, the window is rebuilt over
    the catalog and data now in the folder, in the same place and size; it reuses the
    app's services and reopens the database on the same lane.
    """
    from airdrop_desk.ui.data_menu import install_data_menu
    from airdrop_desk.ui.portfolio_window import install_portfolio_action
    from airdrop_desk.ui.project_menu import install_project_menu

    paths = services.paths

    def reload_catalog() -> None:
        from airdrop_desk.catalog.sync import load_active

        fresh = build_window(load_active(paths), paths, theme, services=services)
        fresh.setGeometry(window.geometry())
        install_data_features(fresh, services, theme, failed)
        # The jobs the old window queued run first, then the connection is reopened.
        open_window_storage(fresh, services, failed, owned=window.owns_services)
        fresh.show()
        window.save_state()
        window.shutdown_storage(end_services=False)
        window.hide()
        window.deleteLater()

    menu = install_data_menu(window, services, reload_catalog)
    install_project_menu(window, services)
    install_portfolio_action(window, services)

    def after_data_loaded() -> None:
        window.data_loaded.disconnect(after_data_loaded)
        from airdrop_desk.storage.backup import daily_backup
        from airdrop_desk.ui.dialogs.changes_notice import check_catalog_changes

        ops = services.ops

        def backup_failed(error: BaseException) -> None:
            ops.report(window, RuntimeError(f"Today's backup could not be made: {error}"))

        # A file copy through SQLite's backup API, with a connection of its own.
        ops.background(window, lambda: daily_backup(paths)).failure(backup_failed).run()
        check_catalog_changes(window, services)
        menu.check_feeds_in_background()  # at most once every six hours per feed

    if background:  # not for screenshots and benchmarks
        window.data_loaded.connect(after_data_loaded)
    return menu


def open_view(
    window: MainWindow, services: Services, view: str, size: tuple[int, int] | None
) -> tuple[QWidget, Any]:
    """Open the ``--view`` window ("board" or "portfolio") over ``window``; returns it and
    the signal it gives once its data is on screen."""
    shown: QWidget
    if view == "board":
        board = window.tracking.show_board()
        shown, ready = board, board.loaded
    else:
        from airdrop_desk.ui.portfolio_window import PortfolioWindow

        portfolio = PortfolioWindow(services, window)
        shown, ready = portfolio, portfolio.view.idle
    if size:
        shown.resize(*size)
    shown.show()
    return shown, ready


def follow_system_scheme(app: QApplication, window: MainWindow) -> None:
    """When the system switches between light and dark, so does ``window``."""
    app.styleHints().colorSchemeChanged.connect(_SchemeFollower(app, window).switched)


class _SchemeFollower(QObject):
    """Owned by its window, so a window replaced after a catalog change stops
    listening when it is deleted (Qt drops connections to deleted receivers)."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self._app, self._window = app, window

    def switched(self, _scheme: object) -> None:
        apply_theme(self._app, "auto")
        if self._window.is_complete:
            self._window.detail.refresh()


def _save_screenshot(
    window: QWidget, target: Path, status: dict[str, int], app: QApplication
) -> None:
    def grab() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(target), "PNG"):
            print(f"airdrop-desk: cannot write {target}", file=sys.stderr)
            status["code"] = 1
        app.quit()

    QTimer.singleShot(50, grab)  # let layouts settle after the last update


def _display_path(path: Path) -> str:
    """The path as people write it: the home folder as ~."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)

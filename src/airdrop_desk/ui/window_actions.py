"""The main window's menu actions and shortcuts, added once the window is complete.

The window calls this with itself twice: as the Qt parent of the actions, and as the
``WindowParts`` they act on (a Protocol, so this module does not import the window's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox

from airdrop_desk import __version__
from airdrop_desk.ui.views import tabs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QTableView

    from airdrop_desk.ui.widgets.filter_bar import FilterBar
    from airdrop_desk.ui.window_tracking import TrackingUi


class WindowParts(Protocol):
    """What the actions act on: ``ui.main_window.MainWindow``'s menus and parts."""

    @property
    def menus(self) -> dict[str, QMenu]: ...
    @property
    def filter_bar(self) -> FilterBar: ...
    @property
    def table(self) -> QTableView: ...
    @property
    def tracking(self) -> TrackingUi: ...
    def focus_search(self) -> None: ...
    def clear_search(self) -> None: ...
    def show_tab(self, name: str) -> None: ...


def add_window_actions(window: QMainWindow, parts: WindowParts) -> None:
    """File, Edit, View and Help entries, and Esc to clear the search."""
    menus = parts.menus
    find = QAction("&Find…", window, shortcut=QKeySequence.StandardKey.Find)
    find.triggered.connect(parts.focus_search)
    reset = QAction("&Reset filters", window, shortcut=QKeySequence("Ctrl+R"))
    reset.triggered.connect(parts.filter_bar.reset)
    to_table = QAction("Go to project &list", window, shortcut=QKeySequence("Ctrl+L"))
    to_table.triggered.connect(parts.table.setFocus)
    for action in (find, reset, to_table):
        menus["view"].addAction(action)
    for tab in tabs.TABS:  # "Go to" each project tab, from the tab registry
        go = QAction(tab.action, window, shortcut=QKeySequence(tab.shortcut))
        go.triggered.connect(lambda _checked=False, key=tab.key: parts.show_tab(key))
        menus["view"].addAction(go)
    parts.tracking.add_menus(menus["file"], menus["edit"], menus["view"])
    quit_action = QAction("&Quit", window, shortcut=QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    menus["file"].addAction(quit_action)
    about = QAction("&About Airdrop Desk", window)
    about.triggered.connect(lambda: _about(window))
    menus["help"].addAction(about)
    clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
    clear.activated.connect(parts.clear_search)


def _about(window: QMainWindow) -> None:
    QMessageBox.about(
        window,
        "About Airdrop Desk",
        f"<b>Airdrop Desk {__version__}</b><p>Track crypto airdrops, "
        "eligibility tasks and holdings — on your own machine.</p>",
    )

"""The main window's menu actions and shortcuts, added once the window is complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from airdrop_desk import __version__
from airdrop_desk.ui.views import tabs

if TYPE_CHECKING:
    from airdrop_desk.ui.main_window import MainWindow


def add_window_actions(window: MainWindow) -> None:
    """File, Edit, View and Help entries, and Esc to clear the search."""
    menus = window.menus
    find = QAction("&Find…", window, shortcut=QKeySequence.StandardKey.Find)
    find.triggered.connect(window.focus_search)
    reset = QAction("&Reset filters", window, shortcut=QKeySequence("Ctrl+R"))
    reset.triggered.connect(window.filter_bar.reset)
    to_table = QAction("Go to project &list", window, shortcut=QKeySequence("Ctrl+L"))
    to_table.triggered.connect(window.table.setFocus)
    for action in (find, reset, to_table):
        menus["view"].addAction(action)
    for tab in tabs.TABS:  # "Go to" each project tab, from the tab registry
        go = QAction(tab.action, window, shortcut=QKeySequence(tab.shortcut))
        go.triggered.connect(lambda _checked=False, key=tab.key: window.show_tab(key))
        menus["view"].addAction(go)
    window.tracking.add_menus(menus["file"], menus["edit"], menus["view"])
    quit_action = QAction("&Quit", window, shortcut=QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    menus["file"].addAction(quit_action)
    about = QAction("&About Airdrop Desk", window)
    about.triggered.connect(lambda: _about(window))
    menus["help"].addAction(about)
    clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
    clear.activated.connect(window.clear_search)


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About Airdrop Desk",
        f"<b>Airdrop Desk {__version__}</b><p>Track crypto airdrops, "
        "eligibility tasks and holdings — on your own machine.</p>",
    )

"""The main window's menu actions and shortcuts, added once the window is complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from airdrop_desk import __version__

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
    to_detail = QAction("Go to &details", window, shortcut=QKeySequence("Ctrl+D"))
    to_detail.triggered.connect(lambda: window.show_tab("facts"))
    to_checklist = QAction("Go to my &checklist", window, shortcut=QKeySequence("Ctrl+K"))
    to_checklist.triggered.connect(lambda: window.show_tab("checklist"))
    to_points = QAction("Go to &points", window, shortcut=QKeySequence("Ctrl+P"))
    to_points.triggered.connect(lambda: window.show_tab("points"))
    for action in (find, reset, to_table, to_detail, to_checklist, to_points):
        menus["view"].addAction(action)
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

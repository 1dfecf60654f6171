"""Shared steps for the tracking GUI tests: a window with its database, modal answers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from airdrop_desk.paths import Paths
from airdrop_desk.storage.db import open_database
from airdrop_desk.ui.application import build_window, create_app
from airdrop_desk.ui.main_window import LANDED_KEY, MainWindow


class Clock:
    """A wall clock the test sets by hand (local time zone, as the app reads it)."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = now or dt.datetime.now().astimezone()

    def __call__(self) -> dt.datetime:
        return self.now


def had_the_landing(paths: Paths) -> None:
    """Mark the data folder as one whose window has opened on "Farmable now" once."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    state = QSettings(str(paths.window_state), QSettings.Format.IniFormat)
    state.setValue(LANDED_KEY, True)
    state.sync()


def open_window(
    qtbot: Any,
    catalog: Any,
    data_dir: Path,
    clock: Callable[[], dt.datetime] | None = None,
    size: tuple[int, int] = (1000, 600),
) -> MainWindow:
    """The real window over ``data_dir`` with its database open and profiles loaded."""
    create_app()
    paths = Paths(data_dir)
    had_the_landing(paths)  # opens on every project, as for a returning user
    window = build_window(
        catalog,
        paths,
        "light",
        open_storage=lambda: open_database(paths.database, paths.backups),
        clock=clock,
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.tracking.session.is_ready, timeout=10_000)
    return window


def answer_next_box(button_text: str, tries: int = 200) -> None:
    """Press ``button_text`` in the next modal message box, as a person would."""

    def press(left: int = tries) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for button in box.buttons():
                if button.text().replace("&", "") == button_text:
                    button.click()
                    return
        if left:
            QTimer.singleShot(20, lambda: press(left - 1))

    QTimer.singleShot(0, press)


def refocus(qtbot: Any, window: Any) -> None:
    """The window is active again after a dialog closed (the offscreen platform does not
    hand activation back by itself)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def checks(tree: QAbstractItemView) -> list[bool]:
    """The tick boxes as the task list shows them, top to bottom."""
    model = tree.model()
    return [
        Qt.CheckState(model.index(n, 0).data(Qt.ItemDataRole.CheckStateRole))
        == Qt.CheckState.Checked
        for n in range(model.rowCount())
    ]


def cell(tree: QAbstractItemView, row: int, column: int) -> str:
    """The text the task list shows in one cell."""
    return str(tree.model().index(row, column).data() or "")


def colour(view: QAbstractItemView, row: int, column: int) -> str:
    """The text colour of one cell as ``#rrggbb`` (the view's own when the model sets none)."""
    brush = view.model().index(row, column).data(Qt.ItemDataRole.ForegroundRole)
    if brush is None:
        return str(view.palette().color(view.palette().ColorRole.Text).name())
    return str(brush.color().name())


def rows_shown(tree: QAbstractItemView) -> int:
    return tree.model().rowCount()


def settle(window: MainWindow) -> None:
    """Wait (by a lane round trip) until every job submitted so far has reported back."""
    done: list[bool] = []
    window.tracking.session.run(lambda _repo: None, lambda _v: done.append(True))
    deadline = time.monotonic() + 10
    while not done and time.monotonic() < deadline:
        QApplication.processEvents()
    assert done, "the storage lane did not answer within 10 s"
    QApplication.processEvents()


def create_profile(qtbot: Any, window: MainWindow, name: str) -> None:
    """Through the Manage button and the profiles dialog, as a person would."""
    qtbot.mouseClick(window.tracking.switcher.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.tracking.profiles_dialog
    qtbot.waitUntil(dialog.isVisible)
    if rows_shown(dialog.profile_list):
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name, name)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tracking.switcher.combo.currentText() == name)
    dialog.accept()
    refocus(qtbot, window)


def track(qtbot: Any, window: MainWindow, project: str) -> None:
    """Select the project, Ctrl+K to its checklist, press Track."""
    assert window.select_project(project)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    view = window.tracking.checklist
    qtbot.waitUntil(lambda: view.track_button.isVisible())
    qtbot.mouseClick(view.track_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1 and rows_shown(view.tree) > 0)


def tick(qtbot: Any, window: MainWindow, row: int) -> None:
    """Space on a task row: the tick box toggles."""
    tree = window.tracking.checklist.tree
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(row, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Space)

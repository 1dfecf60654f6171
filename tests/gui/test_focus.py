"""Where the keyboard focus goes after an action or a shortcut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tracking_helpers import create_profile, open_window, rows_shown


def test_after_track_the_task_list_has_the_focus_and_track_showed_it_was_busy(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    assert window.select_project("starknet")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    view = window.tracking.checklist
    qtbot.waitUntil(view.track_button.isVisible)
    assert QApplication.focusWidget() is view.track_button  # Ctrl+K: its first control
    qtbot.keyClick(view.track_button, Qt.Key.Key_Space)
    # Busy until the project is tracked: the button says so and cannot be pressed twice.
    assert not view.track_button.isEnabled()
    assert view.track_button.text() == "Tracking Starknet…"
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1 and rows_shown(view.tree) > 0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.tree)
    assert view.tree.currentIndex().row() == 0
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)  # ticks the task; asks nothing
    qtbot.waitUntil(lambda: view.progress.value() == 1)
    assert QApplication.activeModalWidget() is None


def test_ctrl_p_and_ctrl_k_focus_the_first_control_of_their_tab(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    assert window.select_project("linea")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    points = window.tracking.points
    qtbot.waitUntil(lambda: points.body.isVisible())
    assert QApplication.focusWidget() is points.program
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.detail

"""Upcoming over the whole catalog: past dates of untracked projects are history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tracking_helpers import Clock, cell, colour, create_profile, open_window, refocus


def test_past_dates_of_untracked_projects_are_grey_history_not_overdue(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    clock = Clock(dt.datetime(2027, 6, 10, 9, 0).astimezone())
    window = open_window(qtbot, catalog, tmp_path / "data", clock=clock)
    create_profile(qtbot, window, "Main")
    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tracking.upcoming
    qtbot.waitUntil(dialog.isVisible)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.all_projects.setChecked(True)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show_past.setChecked(True)
    table, model = dialog.table, dialog.table.model()
    claims = [r for r in range(model.rowCount()) if cell(table, r, 4).startswith("Claim")]
    assert claims  # the catalog has claim windows before 2027
    assert all(cell(table, r, 1).endswith("days ago") for r in claims)
    assert "overdue" not in dialog.heading.text()
    muted = dialog.palette().color(dialog.palette().ColorRole.PlaceholderText).name()
    assert {colour(table, r, 1) for r in claims} == {muted}

    # Tab leaves the table for the next control instead of walking its cells.
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.remind

"""Recording points: today by default, never a day ahead, a second balance of a day asks,
and the chart's axis fits what it draws."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from tracking_helpers import Clock, cell, create_profile, open_window, rows_shown, settle


def test_points_dates_replacement_and_the_axis(qtbot: Any, catalog: Any, tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2026, 3, 21, 10, 0).astimezone())
    window = open_window(qtbot, catalog, tmp_path / "data", clock=clock)
    create_profile(qtbot, window, "Main")
    assert window.select_project("linea")
    window.show_tab("points")
    view = window.tracking.points
    qtbot.waitUntil(lambda: view.body.isVisible() and view.program.currentText() == "LXP")
    assert view.day.text() == "2026-03-21"  # today

    view.day.setText("2026-03-22")
    view.points.setText("100")
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    assert view.errors.text("day") == "A balance is recorded for today (2026-03-21) or before."

    asked: list[str] = []
    answers: list[bool] = []
    view.confirm = lambda _title, text, _action: asked.append(text) or answers.pop(0)
    for day, points in (("2026-03-01", "1000"), ("2026-03-11", "2000"), ("2026-03-21", "3000")):
        view.day.setText(day)
        view.points.setText(points)
        qtbot.keyClick(view.points, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda d=day: rows_shown(view.table) > 0 and cell(view.table, 0, 0) == d)
    assert asked == []
    view.day.setText("2026-03-11")
    view.points.setText("2500")
    answers[:] = [False]
    qtbot.keyClick(view.points, Qt.Key.Key_Return)
    settle(window)
    assert asked == [
        "LXP already has 2,000 on 2026-03-11. Replace it with 2,500? "
        "Undo (Ctrl+Z) brings the old one back."
    ]
    assert cell(view.table, 1, 1) == "2,000"  # kept
    answers[:] = [True]
    qtbot.keyClick(view.points, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell(view.table, 1, 1) == "2,500")
    assert [cell(view.table, 0, c) for c in range(4)] == ["2026-03-21", "3,000", "+500", ""]

    view.target.setText("10100")
    view.target.editingFinished.emit()
    qtbot.waitUntil(lambda: view.chart.data is not None and view.chart.data.target == 10100)
    top = max(view.chart.data.top, 10100)
    assert top <= view.chart.y_top <= 1.35 * top  # not twice the target

    # The selected balance is the one deleted; the change beside the next is worked out again.
    view.table.selectRow(1)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows_shown(view.table) == 2)
    assert [cell(view.table, r, 0) for r in range(2)] == ["2026-03-21", "2026-03-01"]
    assert cell(view.table, 0, 2) == "+2,000"

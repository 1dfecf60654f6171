"""The daily loop driven through the real widgets: profile, track, tick, undo, restart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from tracking_helpers import (
    Clock,
    answer_next_box,
    cell,
    checks,
    create_profile,
    open_window,
    refocus,
    rows_shown,
    settle,
    tick,
    track,
)


def test_profile_track_tick_undo_and_restart(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    view = window.tracking.checklist
    assert window.tracking.switcher.combo.currentText() == "No profile yet"
    create_profile(qtbot, window, "Main wallet")
    track(qtbot, window, "starknet")
    assert rows_shown(view.tree) == 4
    assert view.progress.text() == "0 of 4 done"
    tick(qtbot, window, 0)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 4 done")
    tick(qtbot, window, 2)
    qtbot.waitUntil(lambda: view.progress.text() == "2 of 4 done")
    assert checks(view.tree) == [True, False, True, False]
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My checklist · 2/4")
    row = window.model.row_of("starknet")
    assert window.model.index(row, window.model.PROGRESS).data() == "2/4"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 4 done")
    assert checks(view.tree) == [True, False, False, False]
    # redo and undo again: the same tick comes and goes
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: view.progress.text() == "2 of 4 done")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 4 done")
    window.close()

    again = open_window(qtbot, catalog, data)
    assert again.tracking.switcher.combo.currentText() == "Main wallet"  # remembered
    assert again.select_project("starknet")
    again.show_tab("checklist")
    view = again.tracking.checklist
    qtbot.waitUntil(lambda: rows_shown(view.tree) == 4)
    assert checks(view.tree) == [True, False, False, False]
    assert view.progress.text() == "1 of 4 done"
    row = again.model.row_of("starknet")
    assert again.model.index(row, again.model.PROGRESS).data() == "1/4"
    assert again.tabs.tabText(1) == "My checklist · 1/4"


def test_my_status_filter_and_progress_sorting(qtbot, catalog, tmp_path, names) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "scroll")
    track(qtbot, window, "linea")
    view = window.tracking.checklist
    for row in range(rows_shown(view.tree)):  # every Linea task
        tick(qtbot, window, row)
        qtbot.waitUntil(lambda r=row: view.progress.text().startswith(f"{r + 1} of"))
    status = window.filter_bar.my_status
    status.setCurrentIndex(status.findData("done"))
    qtbot.waitUntil(lambda: names(window) == ["Linea"])
    status.setCurrentIndex(status.findData("in_progress"))
    qtbot.waitUntil(lambda: names(window) == ["Scroll"])
    status.setCurrentIndex(status.findData("not_tracked"))
    qtbot.waitUntil(lambda: len(names(window)) == 24)
    status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(names(window)) == 26)
    window.table.sortByColumn(window.model.PROGRESS, Qt.SortOrder.AscendingOrder)
    assert names(window)[:2] == ["Linea", "Scroll"]  # most done first, untracked last


def test_recurring_task_resets_at_the_next_period(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(dt.datetime(2026, 3, 10, 22, 0).astimezone())
    window = open_window(qtbot, catalog, tmp_path / "data", clock=clock)
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "zetachain")
    view = window.tracking.checklist
    from airdrop_desk.ui.dialogs.task_dialogs import TaskDialog

    def fill_dialog() -> None:
        dialog = next(w for w in view.findChildren(TaskDialog) if w.isVisible())
        qtbot.keyClicks(dialog.title, "Daily swap on ZetaHub")
        dialog.repeats.setCurrentIndex(dialog.repeats.findData("daily"))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, fill_dialog)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows_shown(view.tree) == 5)
    last = rows_shown(view.tree) - 1
    assert cell(view.tree, last, 1) == "Daily"
    tick(qtbot, window, last)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 5 done")
    clock.now = clock.now + dt.timedelta(hours=3)  # past midnight
    view.reload()
    qtbot.waitUntil(lambda: view.progress.text() == "0 of 5 done")
    assert checks(view.tree)[last] is False
    assert cell(view.tree, last, 2).startswith("yesterday")  # history kept


def test_stop_tracking_asks_first_and_can_be_undone(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    view = window.tracking.checklist
    answer_next_box("Cancel")
    qtbot.mouseClick(view.untrack_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert view.pages.currentIndex() == 1  # still tracked
    answer_next_box("Stop tracking")
    qtbot.mouseClick(view.untrack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 0)
    assert "does not track Starknet" in view.message.text()
    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1)
    assert rows_shown(view.tree) == 4

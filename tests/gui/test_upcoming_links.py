"""Deadlines view (overdue marked, .ics export) and the warning before a fake link opens."""

from __future__ import annotations

import datetime as dt

import icalendar
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from tracking_helpers import (
    Clock,
    cell,
    colour,
    create_profile,
    open_window,
    refocus,
    rows_shown,
    track,
)

from airdrop_desk.ui.dialogs.task_dialogs import TaskDialog

LOOKALIKE = "https://starknet.io.claim-provisions.com/connect"


def add_task(qtbot, view, title: str, due: str, link: str, seen: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    def fill() -> None:
        dialog = next(w for w in view.findChildren(TaskDialog) if w.isVisible())
        qtbot.keyClicks(dialog.title, title)
        qtbot.keyClicks(dialog.due, "2024-02-30")
        dialog.save_button.click()  # refused: impossible date
        seen["due"] = dialog.errors.messages["due"].text()
        dialog.due.setText(due)
        qtbot.keyClicks(dialog.link, link)
        seen["link"] = dialog.errors.messages["link"].text()
        dialog.save_button.click()

    QTimer.singleShot(50, fill)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)


def test_upcoming_marks_overdue_and_exports_ics(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(dt.datetime(2024, 6, 10, 9, 0).astimezone())
    window = open_window(qtbot, catalog, tmp_path / "data", clock=clock)
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    view = window.tracking.checklist
    seen: dict[str, str] = {}
    add_task(
        qtbot, view, "Bridge ETH to Starknet", "2024-06-05", "https://starknet.io/bridge", seen
    )
    qtbot.waitUntil(lambda: rows_shown(view.tree) == 5)
    assert "has no day 30" in seen["due"] and seen["link"] == ""
    assert cell(view.tree, 4, 1) == "due 2024-06-05"

    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tracking.upcoming
    qtbot.waitUntil(lambda: dialog.isVisible() and rows_shown(dialog.table) == 2)
    table = dialog.table
    shown = [[cell(table, r, c) for c in range(5)] for r in range(rows_shown(table))]
    assert shown == [
        ["2024-06-05", "Overdue", "Starknet", "Bridge ETH to Starknet", "Task due"],
        ["2024-06-20", "in 10 days", "Starknet", "Provisions claim closes", "Claim closes"],
    ]
    assert "1 overdue" in dialog.heading.text()
    assert colour(table, 0, 1) == "#c0392b"
    assert table.model().index(0, 1).data(Qt.ItemDataRole.FontRole).bold()
    dialog.show_past.setChecked(True)
    qtbot.waitUntil(lambda: rows_shown(table) == 4)
    assert cell(table, 0, 0) == "2023-11-15"  # the snapshot, in date order
    assert window.select_project("linea")
    rect = table.visualRect(table.model().index(0, 3))
    for click in (qtbot.mouseClick, qtbot.mouseDClick):  # a press first, as a hand makes
        click(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_id() == "starknet"  # a double-clicked date selects its project

    target = tmp_path / "deadlines.ics"
    assert dialog.export_to(target) == 4
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Starknet: Claim closes — Provisions claim closes",
        "Starknet: Claim opens — Provisions claim opens",
        "Starknet: Snapshot — Provisions snapshot",
        "Starknet: Task due — Bridge ETH to Starknet",
    ]
    dialog.close()


def test_a_lookalike_link_is_flagged_before_it_opens(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    view = window.tracking.checklist
    seen: dict[str, str] = {}
    add_task(qtbot, view, "Claim the airdrop", "", LOOKALIKE, seen)
    qtbot.waitUntil(lambda: rows_shown(view.tree) == 5)
    assert "imitates the official starknet.io" in seen["link"]
    assert "Official: starknet.io" in seen["link"]
    view.select_task(int(view.model.index(4, 0).data(view.model.TaskIdRole)))
    assert view.link_button.isEnabled()
    warning: dict[str, str] = {}

    def read_and_cancel(tries: int = 100) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            warning["text"] = box.text() + box.informativeText()
            box.button(QMessageBox.StandardButton.Cancel).click()
        elif tries:
            QTimer.singleShot(20, lambda: read_and_cancel(tries - 1))

    QTimer.singleShot(0, read_and_cancel)
    qtbot.mouseClick(view.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "text" in warning)
    assert "starknet.io.claim-provisions.com" in warning["text"]
    assert "Official: <b>starknet.io</b>" in warning["text"]
    assert "imitates" in warning["text"]


def test_every_tracking_control_has_an_accessible_name(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QSpinBox, QWidget

    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "linea")
    kinds = (QLineEdit, QAbstractButton, QComboBox, QSpinBox)
    unnamed: list[str] = []
    for tab in ("checklist", "points"):
        window.show_tab(tab)
        qtbot.wait(50)
        page = window.tabs.currentWidget()
        controls = [
            w
            for w in page.findChildren(QWidget)
            if isinstance(w, kinds)
            and w.isVisibleTo(window)
            and not w.objectName().startswith("qt_")
        ]
        assert len(controls) > 5
        unnamed += [
            f"{tab}:{type(w).__name__}:{getattr(w, 'text', lambda: '')()}"
            for w in controls
            if not w.accessibleName()
        ]
    assert unnamed == []


def test_the_reminder_choice_is_kept_for_the_next_start(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"

    def upcoming_of_a_new_window():  # type: ignore[no-untyped-def]
        window = open_window(qtbot, catalog, data)
        dialog = window.tracking.show_upcoming()  # its first read is queued, not yet shown
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            pass
        return window, dialog

    window, dialog = upcoming_of_a_new_window()
    assert not dialog.remind.isChecked()
    dialog.remind_days.setValue(5)
    dialog.remind.setChecked(True)
    window.close()  # the database lane finishes the queued write before it ends

    window, dialog = upcoming_of_a_new_window()
    assert dialog.remind.isChecked() and dialog.remind_days.value() == 5
    dialog.remind.setChecked(False)
    window.close()

    window, dialog = upcoming_of_a_new_window()
    assert not dialog.remind.isChecked()
    window.close()

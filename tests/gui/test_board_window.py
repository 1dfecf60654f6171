"""The farm board window: the grid's cells, opening a checklist from it, and the Today
list ticked with Space, alone and for the same task of several profiles at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tracking_helpers import Clock, open_window, settle

from airdrop_desk.core.board import (
    DONE,
    IN_PROGRESS,
    OVERDUE,
    Board,
    Cell,
    TodayItem,
)
from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Profile
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.board_window import BoardWindow
from airdrop_desk.ui.models.board import BoardModel
from airdrop_desk.ui.models.today import TodayModel

NOW = dt.datetime(2025, 3, 14, 12, 0).astimezone()
TODAY = NOW.date()


def _seed(data_dir: Path) -> dict[str, int]:
    """Main and Alt track Starknet, Main also Scroll; each has a daily "Check in"; Alt has
    an overdue "Register". Returns the task ids by "profile/title"."""
    from airdrop_desk.catalog.load import parse_catalog
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    projects = {
        p.id: p for p in parse_catalog(bundled_catalog_path().read_bytes(), "c.json").projects
    }
    paths = Paths(data_dir)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(paths.database, paths.backups)
    ids: dict[str, int] = {}
    try:
        repo = TrackingRepo(db, lambda: NOW - dt.timedelta(days=10))
        for name in ("Main", "Alt"):
            profile = repo.create_profile(name)
            tracked = repo.track(profile.id, projects["starknet"])
            ids[f"{name}/Check in"] = repo.add_task(
                tracked, "Check in", recurrence=Recurrence("daily")
            ).id
            if name == "Main":
                scroll = repo.track(profile.id, projects["scroll"])
                for state in repo.checklist(profile.id, "scroll").tasks:  # type: ignore[union-attr]
                    repo.add_tick(state.task.id, NOW - dt.timedelta(days=1))
                del scroll
            else:
                ids["Alt/Register"] = repo.add_task(
                    tracked, "Register", due=TODAY - dt.timedelta(days=2)
                ).id
    finally:
        db.close()
    return ids


def _open_board(qtbot: Any, window: Any) -> BoardWindow:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    board = window.findChild(BoardWindow)
    assert board is not None
    qtbot.waitUntil(lambda: board.isVisible() and board.data is not None)
    return board


def _cells(board: BoardWindow) -> dict[tuple[str, str], tuple[str, str]]:
    """(project, profile) -> (text, state) as the grid shows them."""
    model = board.grid.model()
    shown = {}
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            key = (
                model.headerData(row, Qt.Orientation.Vertical),
                model.headerData(column, Qt.Orientation.Horizontal),
            )
            shown[key] = (index.data(), index.data(BoardModel.StateRole))
    return shown


def _today(board: BoardWindow) -> list[tuple[str, str, bool]]:
    """(profile, task, ticked) as the Today list shows them, top to bottom."""
    model = board.today.model()
    return [
        (
            model.index(r, TodayModel.COL_PROFILE).data(),
            model.index(r, TodayModel.COL_TASK).data(),
            model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked,
        )
        for r in range(model.rowCount())
    ]


def _wait_read(qtbot: Any, board: BoardWindow, window: Any) -> None:
    settle(window)
    settle(window)  # the step, then the board's read after it
    QApplication.processEvents()


def test_the_models_pass_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    profiles = (Profile(1, "Main"), Profile(2, "Alt"))
    board = Board(
        profiles,
        (("scroll", "Scroll"), ("starknet", "Starknet")),
        {
            ("scroll", 1): Cell(5, 5),
            ("starknet", 1): Cell(1, 4, overdue=1),
            ("starknet", 2): Cell(2, 4),
        },
    )
    model = BoardModel()
    model.set_board(board)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == "✓ 5/5" and model.index(0, 0).data(model.StateRole) == DONE
    assert model.index(0, 1).data() == "" and model.index(0, 1).data(model.CellRole) is None
    assert model.index(1, 0).data(model.StateRole) == OVERDUE
    assert model.index(1, 1).data(model.SortRole) == 0.5
    assert "Alt · Starknet: in progress" in model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    today = TodayModel()
    yesterday, daily = TODAY - dt.timedelta(days=1), Recurrence("daily")
    vote = TodayItem("task", 7, 1, "Main", "starknet", "Starknet", "Vote", yesterday, daily, True)
    swap = TodayItem("task", 8, 2, "Alt", "starknet", "Starknet", "Swap", TODAY, daily, False, True)
    snap = TodayItem(
        "snapshot", None, None, "", "scroll", "Scroll", "S2", TODAY, Recurrence(), False
    )
    today.set_items([vote, swap, snap], TODAY)
    qtmodeltester.check(today, force_py=True)
    assert today.index(0, today.COL_DUE).data() == "1 day overdue"
    assert today.index(1, today.COL_DUE).data() == "Done"
    assert today.index(1, today.COL_REPEATS).data() == "Daily" == today.index(0, 4).data()
    assert today.index(2, today.COL_PROFILE).data() == "All"
    assert today.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) is None  # nothing to tick


def test_the_board_shows_each_profiles_progress_and_a_cell_opens_its_checklist(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    _seed(tmp_path / "data")
    window = open_window(qtbot, catalog, tmp_path / "data", Clock(NOW), size=(1100, 700))
    board = _open_board(qtbot, window)
    cells = _cells(board)
    assert cells[("Scroll", "Main")][1] == DONE and cells[("Scroll", "Main")][0].startswith("✓")
    assert cells[("Scroll", "Alt")] == ("", "")  # Alt does not track Scroll
    assert cells[("Starknet", "Alt")][1] == OVERDUE and cells[("Starknet", "Alt")][0] == "! 0/6"
    assert cells[("Starknet", "Main")] == ("0/5", IN_PROGRESS)
    assert board.heading.text() == "2 projects · 2 profiles · 1 task overdue"
    assert board.today_label.text().startswith("Today — ")  # words, never markup shown raw
    # Enter on Alt's Starknet cell: the main window shows Alt's Starknet checklist.
    model = board.grid.model()
    row = [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)].index("Starknet")
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)].index("Alt")
    board.grid.setFocus()
    board.grid.setCurrentIndex(model.index(row, column))
    qtbot.keyClick(board.grid, Qt.Key.Key_Return)
    session = window.tracking.session
    qtbot.waitUntil(lambda: session.profile is not None and session.profile.name == "Alt")
    assert window.current_id() == "starknet"
    assert window.tab_keys[window.tabs.currentIndex()] == "checklist"
    view = window.tracking.checklist
    qtbot.waitUntil(lambda: view.model.rowCount() == 6)


def test_the_grid_keeps_its_cursor_while_the_today_list_comes_in(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    _seed(tmp_path / "data")
    window = open_window(qtbot, catalog, tmp_path / "data", Clock(NOW), size=(1100, 700))
    board = _open_board(qtbot, window)
    resets: list[bool] = []
    lists: list[bool] = []
    board.board_model.modelReset.connect(lambda: resets.append(True))
    board.loaded.connect(lambda: lists.append(True))
    with qtbot.waitSignal(board.grid_loaded, timeout=10_000):
        board.reload()
    model = board.grid.model()
    board.grid.setCurrentIndex(model.index(1, 1))  # the user moves on the grid meanwhile
    qtbot.waitUntil(lambda: lists == [True])
    assert len(_today(board)) == 3
    assert resets == [True]  # the read's counts, shown once
    assert board.grid.currentIndex() == model.index(1, 1)


def test_space_ticks_in_place_and_the_same_task_of_every_profile_is_one_undo_step(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    _seed(tmp_path / "data")
    window = open_window(qtbot, catalog, tmp_path / "data", Clock(NOW), size=(1100, 700))
    board = _open_board(qtbot, window)
    assert _today(board) == [
        ("Alt", "Register", False),  # overdue: the earliest deadline
        ("Alt", "Check in", False),
        ("Main", "Check in", False),
    ]
    table = board.today
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    # Ticked, it stays on the list among the done ones, after what is left to do; the
    # cursor stays on the first line, now the next task due.
    qtbot.waitUntil(lambda: _today(board)[-1] == ("Alt", "Register", True))
    qtbot.waitUntil(lambda: "overdue" not in board.heading.text())
    assert table.currentIndex().row() == 0
    stack = window.tracking.session.undo_stack
    before = stack.count()
    qtbot.keyClick(
        board, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(board.selected_items()) == 2  # "Check in" of Alt and of Main
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: [t for _p, _t, t in _today(board)] == [True, True, True])
    assert stack.count() == before + 1  # one step for both profiles
    assert stack.undoText() == "Tick “Check in” for 2 profiles"
    qtbot.waitUntil(lambda: _cells(board)[("Starknet", "Main")] == ("1/5", IN_PROGRESS))
    # The main window (on Alt, the first profile by name) follows.
    session = window.tracking.session
    assert session.profile is not None and session.profile.name == "Alt"

    def main_window_done() -> int:
        progress = session.progress.get("starknet")
        return progress.done if progress is not None else -1

    qtbot.waitUntil(lambda: main_window_done() == 2)  # Register and Check in
    qtbot.keyClick(board, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            _today(board)
            == [("Alt", "Check in", False), ("Main", "Check in", False), ("Alt", "Register", True)]
        )
    )
    qtbot.waitUntil(lambda: main_window_done() == 1)
    qtbot.keyClick(board, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _today(board)[0] == ("Alt", "Register", False))

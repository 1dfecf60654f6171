"""The checklist's model: checked by qtmodeltester, and a tick refreshes one row in one job."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt
from tracking_helpers import checks, create_profile, open_window, tick, track

from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Task, TaskState, Tick
from airdrop_desk.ui.models.checklist_model import ChecklistModel

TODAY = dt.date(2025, 3, 14)
NOON = dt.datetime(2025, 3, 14, 12, 0).astimezone()


def _state(task_id: int, title: str, done: bool = False, **task: Any) -> TaskState:
    last = Tick(task_id * 10, task_id, NOON - dt.timedelta(days=1)) if done else None
    return TaskState(Task(task_id, 1, title, task_id, TODAY, **task), done, last, int(done), None)


def test_the_model_passes_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ChecklistModel()
    model.set_tasks(
        [
            _state(1, "Bridge", done=True),
            _state(2, "Swap daily", recurrence=Recurrence("daily")),
            _state(3, "Vote", due=TODAY - dt.timedelta(days=2)),
        ],
        TODAY,
    )
    qtmodeltester.check(model, force_py=True)  # stays attached: checks the changes below
    assert [model.index(r, ChecklistModel.COL_WHEN).data() for r in range(3)] == [
        "",
        "Daily",
        "due 2025-03-12",
    ]
    assert model.index(0, ChecklistModel.COL_LAST).data().startswith("yesterday")
    overdue = model.index(2, ChecklistModel.COL_TASK).data(Qt.ItemDataRole.ForegroundRole)
    assert overdue.color().name() == "#c0392b"
    assert model.index(2, 0).data(ChecklistModel.SortRole) == 3  # its position, raw
    assert model.update_task(_state(2, "Swap daily", done=True), TODAY)
    assert model.done_count() == 2
    assert not model.update_task(_state(9, "Not shown"), TODAY)
    model.set_tasks([], TODAY)
    assert model.rowCount() == 0


def test_a_box_asks_for_the_tick_and_shows_only_what_is_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ChecklistModel()
    model.set_tasks([_state(7, "Bridge")], TODAY)
    index = model.index(0, ChecklistModel.COL_TASK)
    with qtbot.waitSignal(model.toggle_requested) as asked:
        model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked.args == [7, True]
    assert Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Unchecked


def test_a_tick_is_one_database_job_and_updates_its_row_only(  # type: ignore[no-untyped-def]
    qtbot, catalog, tmp_path, monkeypatch
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    view, session = window.tracking.checklist, window.tracking.session
    jobs: list[object] = []
    real_run = session.run
    monkeypatch.setattr(session, "run", lambda *a, **k: (jobs.append(a[0]), real_run(*a, **k)))
    resets: list[bool] = []
    rows_changed: list[tuple[int, int]] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    view.model.dataChanged.connect(lambda a, b, *_: rows_changed.append((a.row(), b.row())))
    tick(qtbot, window, 2)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 4 done")
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My checklist · 1/4")
    assert checks(view.tree) == [False, False, True, False]
    assert len(jobs) == 1
    assert resets == []
    assert rows_changed == [(2, 2)]
    row = window.model.row_of("starknet")
    assert window.model.index(row, window.model.PROGRESS).data() == "1/4"


def test_a_tick_from_the_command_line_shows_in_the_window(  # type: ignore[no-untyped-def]
    qtbot, catalog, tmp_path
) -> None:
    data = tmp_path / "data"

    def command(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(data)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    command("profiles", "add", "Main")
    command("track", "starknet")
    third = json.loads(command("tasks", "--format", "json"))[2]["id"]
    command("tick", str(third), "--note", "from the terminal")
    window = open_window(qtbot, catalog, data)
    assert window.select_project("starknet")
    window.show_tab("checklist")
    view = window.tracking.checklist
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert checks(view.tree) == [False, False, True, False]
    assert view.progress.text() == "1 of 4 done"
    assert view.model.index(2, view.model.COL_LAST).data() != ""  # when it was done

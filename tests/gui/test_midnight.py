"""The window notices a new day: progress of recurring tasks resets without an edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tracking_helpers import Clock, create_profile, open_window, settle, tick, track

from airdrop_desk.core import tracking_ops as ops
from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Task


def test_progress_of_a_daily_task_resets_at_local_midnight(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    clock = Clock(dt.datetime(2026, 3, 9, 23, 59, 58).astimezone())
    window = open_window(qtbot, catalog, tmp_path / "data", clock=clock)
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    view = window.tracking.checklist
    session = window.tracking.session
    tracked_id = view.checklist.tracked_id
    daily = Task(0, tracked_id, "Daily swap", 0, clock.now.date(), recurrence=Recurrence("daily"))
    session.perform("Add task", lambda repo: ops.add_task(repo, tracked_id, daily))
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    tick(qtbot, window, 4)
    row = window.model.row_of("starknet")
    progress = window.model.index(row, window.model.PROGRESS)
    qtbot.waitUntil(lambda: progress.data() == "1/5")
    settle(window)

    clock.now = dt.datetime(2026, 3, 10, 0, 0, 1).astimezone()  # nothing else happens
    qtbot.waitUntil(lambda: progress.data() == "0/5", timeout=10_000)
    qtbot.waitUntil(lambda: view.progress.value() == 0, timeout=10_000)

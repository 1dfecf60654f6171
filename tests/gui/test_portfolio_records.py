"""Portfolio data a person entered: shown, edited in the window, or named when unshowable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from airdrop_desk.core.domain import Project
from airdrop_desk.core.tracking import TickDetails
from airdrop_desk.paths import Paths
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo
from airdrop_desk.ui.views.portfolio_view import PortfolioView


def opener(folder: Path) -> Any:
    return lambda: open_database(folder / "db.sqlite3", folder / "backups")


def tracked(folder: Path, profile: str = "Alice") -> tuple[int, int]:
    """A profile tracking one project with one task: (profile id, task id)."""
    db = opener(folder)()
    try:
        repo = TrackingRepo(db)
        pid = repo.create_profile(profile).id
        project = Project(id="zkgate", name="ZK Gate", tier="likely", description="A rollup.")
        task = repo.add_task(repo.track(pid, project), "Bridge")
        return pid, task.id
    finally:
        db.close()


def open_view(qtbot: Any, make_services: Any, folder: Path) -> PortfolioView:
    services = make_services(Paths(folder), opener(folder), database_open=True)
    view = PortfolioView(services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.idle, timeout=10_000):
        view.show()
    return view


def test_a_record_that_cannot_be_shown_is_named_and_the_view_stays_usable(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    # Stored before amounts were bounded at input: a fee of 1e308 dollars.
    _pid, task = tracked(tmp_path)
    db = opener(tmp_path)()
    try:
        TrackingRepo(db).add_tick(task, dt.datetime.now(dt.UTC), TickDetails(cost_usd=1e308))
    finally:
        db.close()
    view = open_view(qtbot, make_services, tmp_path)
    assert view.sync_button.isEnabled()
    assert view.status.text() == ""
    text = view.message.text()
    assert "Part of the portfolio cannot be shown" in text
    assert "the airdrop ROI of zkgate for Alice: a number too large to show" in text

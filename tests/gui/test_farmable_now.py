"""The "Farmable now" view a new user lands on, and statuses that follow the date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from tracking_helpers import Clock, had_the_landing

from airdrop_desk.paths import Paths
from airdrop_desk.ui.application import build_window, create_app
from airdrop_desk.ui.models.project_table import ProjectTableModel

LIVE = ["Variational", "Extended", "Polymarket", "MetaMask", "Base", "Arc", "OpenSea"]


def test_a_new_user_lands_once_on_farmable_now(make_window, qtbot, tmp_path, names) -> None:
    data = tmp_path / "first-start"
    window = make_window(data, returning=False)
    assert names(window) == LIVE
    bar = window.filter_bar
    assert bar.farmable_button.isChecked()
    assert bar.count.text() == "7 of 26 projects"
    qtbot.mouseClick(bar.all_button, Qt.MouseButton.LeftButton)  # the way back
    qtbot.waitUntil(lambda: len(names(window)) == 26)
    window.close()
    again = make_window(data, returning=False)  # the user chose: no second landing
    assert len(names(again)) == 26
    assert again.filter_bar.all_button.isChecked()


def test_the_landing_stays_until_the_user_leaves_it(make_window, tmp_path, names) -> None:
    data = tmp_path / "kept"
    make_window(data, returning=False).close()
    assert names(make_window(data, returning=False)) == LIVE  # remembered like any filter


def test_a_returning_user_keeps_the_filters_they_chose(make_window, qtbot, names) -> None:
    window = make_window()
    assert len(names(window)) == 26
    assert not window.filter_bar.farmable_button.isChecked()


def status_and_tier(window, name: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.project_at(r).name == name)
    return (
        model.cell_text(row, ProjectTableModel.COL["status"]),
        model.cell_text(row, ProjectTableModel.COL["tier"]),
    )


def test_statuses_follow_the_date_while_the_window_is_open(qtbot, catalog, tmp_path) -> None:
    """Starknet's claim window closed on 2024-06-20: open that day, airdropped the next, and
    its tier then reads as the prediction it was."""
    create_app()
    clock = Clock(dt.datetime(2024, 6, 20, 23, 59).astimezone())
    paths = Paths(tmp_path / "data")
    had_the_landing(paths)  # every project shown
    window = build_window(catalog, paths, "light", clock=clock)
    qtbot.addWidget(window)
    window.show()
    assert status_and_tier(window, "Starknet") == ("Claim open", "Confirmed")
    assert "status: claim open" in window.detail.toPlainText()
    clock.now = dt.datetime(2024, 6, 21, 0, 0, 1).astimezone()
    window.check_day()  # what the timer set for just after midnight does
    assert status_and_tier(window, "Starknet") == ("Airdropped", "was Confirmed")
    assert "status: airdropped" in window.detail.toPlainText()
    assert "a past prediction, not a current rating" in window.detail.toPlainText()
    assert status_and_tier(window, "LayerZero")[0] == "Claim open"  # open from 2024-06-20


def test_a_live_project_shows_its_day_and_cites_no_article(make_window) -> None:
    window = make_window()
    window.select_project("Extended")
    text = window.detail.toPlainText()
    assert "Live watchlist · as of 2026-05-17 (its newest source)" in text
    assert "At a glance" in text and "From the article" not in text
    assert "Upcoming Crypto Airdrops" not in text  # the article is not among its sources
    assert "Extended, undated" in text  # the docs pages show no date, and the pane says so
    assert "Possible airdrop" in text  # its tier is still a prediction

"""Portfolio data a person entered: shown, edited in the window, or named when unshowable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

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


def fill_dialog(dialog: Any, asset: str, amount: str, where: str, profile: str) -> None:
    dialog.asset.setText(asset)
    dialog.amount.setText(amount)
    dialog.place.setText(where)
    dialog.profile.setCurrentIndex(dialog.profile.findText(profile))


def manual_rows(view: PortfolioView) -> list[list[str]]:
    model = view.holdings.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_manual_holdings_are_added_edited_deleted_and_undone_in_the_window(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    tracked(tmp_path)
    view = open_view(qtbot, make_services, tmp_path)
    panel = view.holdings
    answers: list[tuple[str, str, str, str]] = []
    refused: list[str] = []

    def ask(dialog: Any) -> bool:
        fill_dialog(dialog, *answers.pop(0))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        if dialog.result() != dialog.DialogCode.Accepted:
            refused.append(dialog.errors.text("amount"))
            fill_dialog(dialog, *answers.pop(0))
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        return dialog.result() == dialog.DialogCode.Accepted

    panel.ask = ask
    answers[:] = [("eth", "1e308", "Ledger", "Alice"), ("eth", "1.5", "Ledger", "Alice")]
    with qtbot.waitSignal(view.idle, timeout=10_000):
        panel.add_button.click()
    assert refused == ["The amount is too large: at most 1,000,000,000,000,000."]
    assert manual_rows(view) == [["1", "ETH", "1.5", "Ledger", "Alice"]]
    assert "ETH" in [row[0] for row in _cells(view, "assets")]

    panel.table.selectRow(0)
    answers[:] = [("ETH", "2", "Ledger Nano", "No profile")]
    with qtbot.waitSignal(view.idle, timeout=10_000):
        panel.edit_button.click()
    assert manual_rows(view) == [["1", "ETH", "2", "Ledger Nano", "—"]]

    panel.table.selectRow(0)
    assert not panel.delete_button.autoDefault() and not panel.delete_button.isDefault()
    with qtbot.waitSignal(view.idle, timeout=10_000):
        panel.delete_button.click()
    assert manual_rows(view) == []
    assert panel.undo_button.defaultAction().text() == "&Undo Delete #1"
    with qtbot.waitSignal(view.idle, timeout=10_000):
        panel.undo_stack.undo()
    assert manual_rows(view) == [["1", "ETH", "2", "Ledger Nano", "—"]]
    with qtbot.waitSignal(view.idle, timeout=10_000):
        panel.undo_stack.undo()
    assert manual_rows(view) == [["1", "ETH", "1.5", "Ledger", "Alice"]]
    view.shutdown()


def _cells(view: PortfolioView, name: str) -> list[list[str]]:
    model = view.tables[name].model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_value_at_claim_entered_on_the_claim_form_reaches_the_airdrop_roi(
    qtbot: Any, catalog: Any, make_services: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from tracking_helpers import create_profile, open_window, settle, track

    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    claim = window.tracking.checklist.claim
    claim.status.setCurrentIndex(claim.status.findData("claimed"))
    claim.amount.setText("1250")
    claim.day.setText("2024-02-21")
    claim.value_usd.setText("1e308")
    qtbot.mouseClick(claim.save, Qt.MouseButton.LeftButton)
    assert "too large" in claim.errors.text("value_usd")
    claim.value_usd.setText("$812.40")
    qtbot.mouseClick(claim.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My checklist · claimed")
    settle(window)

    services = make_services(Paths(data), database_open=True)
    view = PortfolioView(services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.idle, timeout=10_000):
        view.show()
    roi = _cells(view, "roi")[0]
    # (The project's name comes from the catalog stored with the data; this folder has none.)
    assert roi[:4] == ["Main", "starknet", "1250 STRK", "$812.40"]

    # The claim form shows it again, and one undo takes the claim and its value back.
    window.tracking.undo_action.trigger()
    qtbot.waitUntil(lambda: claim.value_usd.text() == "")
    with qtbot.waitSignal(view.idle, timeout=10_000):
        view.reload()
    assert _cells(view, "roi") == []
    view.shutdown()


@pytest.mark.parametrize(
    ("server", "problem"),
    [
        ("refuses", "Could not reach CoinGecko at 127.0.0.1"),
        ("never answers", "CoinGecko did not finish its reply within 0.3 s"),
    ],
)
def test_an_offline_sync_without_keys_says_its_one_problem_once(
    qtbot: Any, make_services: Any, tmp_path: Path, monkeypatch: Any, server: str, problem: str
) -> None:
    """Portfolio → Sync with no keys and a price service that refuses the connection, or
    accepts it and never replies: the sync ends at the request's deadline (0.3 s here; the
    read timeout is 30 s) and says the one problem once."""
    import socket
    from decimal import Decimal

    from airdrop_desk.prices.coingecko import CoinGecko
    from airdrop_desk.storage.portfolio_repo import PortfolioRepo

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    if server == "never answers":
        listener.listen(8)  # the kernel accepts; nothing ever reads or replies
    else:
        listener.close()  # nothing listens here: like a machine without a network
    monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", f"http://127.0.0.1:{port}")
    db = opener(tmp_path)()
    try:
        PortfolioRepo(db).add_holding("ETH", Decimal(1), "", None, dt.datetime.now(dt.UTC))
    finally:
        db.close()
    services = make_services(Paths(tmp_path), opener(tmp_path), database_open=True)
    services.prices = lambda: CoinGecko(timeout=30, deadline=0.3)
    view = PortfolioView(services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.idle, timeout=10_000):
        view.show()
    try:
        with qtbot.waitSignal(view.idle, timeout=10_000):  # not the 30 s read timeout
            view.sync()
    finally:
        listener.close()
    text = view.message.text()
    assert text.count(problem) == 1, text
    assert text.count("CoinGecko") == 1, text  # no second wording of the same failure
    assert view.sync_button.isEnabled() and view.status.text() == ""
    view.shutdown()

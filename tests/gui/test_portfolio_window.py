"""View → Portfolio… opens the portfolio over the window's own data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from airdrop_desk.paths import Paths
from airdrop_desk.ui.portfolio_window import PortfolioWindow, install_portfolio_action


def test_the_view_menu_opens_one_portfolio_window(
    qtbot: Any, make_window: Any, make_services: Any, tmp_path: Path
) -> None:
    window = make_window()
    services = make_services(Paths(tmp_path / "data"), database_open=True)
    action = install_portfolio_action(window, services)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert action in view_menu.actions()
    action.trigger()
    opened = [w for w in window.findChildren(PortfolioWindow) if w.isVisible()]
    assert len(opened) == 1
    loaded: list[bool] = []
    opened[0].view.idle.connect(lambda *_: loaded.append(True))
    qtbot.waitUntil(lambda: bool(loaded), timeout=10_000)  # its data is on screen
    action.trigger()  # a second time brings the same window forward
    assert len([w for w in window.findChildren(PortfolioWindow) if w.isVisible()]) == 1
    opened[0].close()
    assert not opened[0].isVisible()

"""The Portfolio window, opened from the View menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from airdrop_desk.paths import Paths

if TYPE_CHECKING:
    from airdrop_desk.ui.main_window import MainWindow


class PortfolioWindow(QDialog):
    """A non-modal window around ``PortfolioView``; closing it stops a running sync."""

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from airdrop_desk.storage.db import open_database
        from airdrop_desk.ui.views.portfolio_view import PortfolioView

        self.setWindowTitle("Portfolio — Airdrop Desk")
        self.resize(1100, 700)
        # A new connection per call: the view's lane and every sync worker get their own.
        self.view = PortfolioView(
            lambda: open_database(paths.database, paths.backups), store=None, parent=self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.shutdown()
        super().closeEvent(event)


def install_portfolio_action(window: MainWindow, paths: Paths) -> QAction:
    """View → Portfolio… (Ctrl+Shift+O): balances, holdings, airdrop receipts and ROI."""
    action = QAction("P&ortfolio…", window, shortcut=QKeySequence("Ctrl+Shift+O"))
    opened: list[PortfolioWindow] = []

    def show() -> None:
        if opened and opened[0].isVisible():
            opened[0].raise_()
            opened[0].activateWindow()
            return
        opened[:] = [PortfolioWindow(paths, window)]
        opened[0].show()

    action.triggered.connect(show)
    window.menus["view"].addAction(action)
    return action

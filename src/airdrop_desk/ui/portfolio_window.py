"""The Portfolio window, opened from the View menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from airdrop_desk.ui.main_window import MainWindow
    from airdrop_desk.ui.services import Services


class PortfolioWindow(QDialog):
    """A non-modal window around ``PortfolioView``; closing it stops a running sync."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from airdrop_desk.ui.views.portfolio_view import PortfolioView

        self.setWindowTitle("Portfolio — Airdrop Desk")
        self.resize(1100, 700)
        self.view = PortfolioView(services, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.shutdown()
        super().closeEvent(event)


def install_portfolio_action(window: MainWindow, services: Services) -> QAction:
    """View → Portfolio… (Ctrl+Shift+O): balances, holdings, airdrop receipts and ROI."""
    action = QAction("P&ortfolio…", window, shortcut=QKeySequence("Ctrl+Shift+O"))
    opened: list[PortfolioWindow] = []

    def show() -> None:
        if opened and opened[0].isVisible():
            opened[0].raise_()
            opened[0].activateWindow()
            return
        opened[:] = [PortfolioWindow(services, window)]
        opened[0].show()

    action.triggered.connect(show)
    window.menus["view"].addAction(action)
    return action

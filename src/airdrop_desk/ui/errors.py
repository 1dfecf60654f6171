"""Messages shown when the app cannot start."""

from __future__ import annotations

import sys


def show_start_error(message: str) -> None:
    """A modal message box for a start-up failure (stderr already has the text)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    from airdrop_desk.ui.plain import message_box

    box = message_box(QMessageBox.Icon.Critical, "Airdrop Desk cannot start", message)
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()
    del app

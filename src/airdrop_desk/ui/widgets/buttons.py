"""Buttons that destroy or hide something are never what Enter presses."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def never_default(button: QPushButton) -> QPushButton:
    """Enter in a dialog presses its default button, or an "auto default" one that has
    had the focus: a destructive button must be neither, or typing a name and pressing
    Enter archives or deletes."""
    button.setAutoDefault(False)
    button.setDefault(False)
    return button

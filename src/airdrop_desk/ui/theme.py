"""Light and dark palettes that follow the system colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#202124"), (roles.WindowText, "#e8eaed"), (roles.Base, "#17181a"),
        (roles.AlternateBase, "#25272b"), (roles.Text, "#e8eaed"), (roles.Button, "#2b2d31"),
        (roles.ButtonText, "#e8eaed"), (roles.Highlight, "#3d6bd1"),
        (roles.HighlightedText, "#ffffff"), (roles.Link, "#8ab4f8"),
        (roles.LinkVisited, "#c58af9"), (roles.ToolTipBase, "#2b2d31"),
        (roles.ToolTipText, "#e8eaed"), (roles.PlaceholderText, "#9aa0a6"),
        (roles.Mid, "#3c4043"), (roles.Dark, "#111214"), (roles.Light, "#3c4043"),
        (roles.Midlight, "#34373b"), (roles.Shadow, "#000000"),
    ):
        pal.setColor(role, QColor(color))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return pal


def light_palette() -> QPalette:
    pal = QApplication.style().standardPalette()
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f6368"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#2f62c9"))
    return pal


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply ``theme`` (auto, light or dark); returns True when dark."""
    dark = system_is_dark() if theme == "auto" else theme == "dark"
    app.setPalette(dark_palette() if dark else light_palette())
    return dark

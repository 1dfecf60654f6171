"""Light and dark palettes that follow the system colour scheme.

Both are complete tables of colours, so a light window stays light on a dark
desktop and the other way round; the light one is Fusion's own, with a deeper
selection colour. Neither asks the style for its palette: the Python side of
``QStyle`` is not needed before the first paint.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# role: (active and inactive colour, disabled colour)
LIGHT = {
    "Window": ("#efefef", "#efefef"),
    "WindowText": ("#000000", "#bebebe"),
    "Base": ("#ffffff", "#efefef"),
    "AlternateBase": ("#f7f7f7", "#f7f7f7"),
    "Text": ("#000000", "#bebebe"),
    "Button": ("#efefef", "#efefef"),
    "ButtonText": ("#000000", "#bebebe"),
    "BrightText": ("#ffffff", "#ffffff"),
    "Highlight": ("#2f62c9", "#919191"),
    "HighlightedText": ("#ffffff", "#ffffff"),
    "Link": ("#1a56c4", "#6f7378"),
    "LinkVisited": ("#7b3fb5", "#6f7378"),
    "ToolTipBase": ("#ffffdc", "#ffffdc"),
    "ToolTipText": ("#000000", "#000000"),
    "PlaceholderText": ("#5f6368", "#9aa0a6"),
    "Light": ("#ffffff", "#ffffff"),
    "Midlight": ("#cacaca", "#cacaca"),
    "Mid": ("#b8b8b8", "#b8b8b8"),
    "Dark": ("#9f9f9f", "#bebebe"),
    "Shadow": ("#767676", "#b1b1b1"),
    "Accent": ("#2f62c9", "#919191"),
}
DARK = {
    "Window": ("#202124", "#202124"),
    "WindowText": ("#e8eaed", "#6f7378"),
    "Base": ("#17181a", "#202124"),
    "AlternateBase": ("#25272b", "#25272b"),
    "Text": ("#e8eaed", "#6f7378"),
    "Button": ("#2b2d31", "#2b2d31"),
    "ButtonText": ("#e8eaed", "#6f7378"),
    "BrightText": ("#ffffff", "#ffffff"),
    "Highlight": ("#3d6bd1", "#3c4043"),
    "HighlightedText": ("#ffffff", "#ffffff"),
    "Link": ("#8ab4f8", "#6f7378"),
    "LinkVisited": ("#c58af9", "#6f7378"),
    "ToolTipBase": ("#2b2d31", "#2b2d31"),
    "ToolTipText": ("#e8eaed", "#e8eaed"),
    "PlaceholderText": ("#9aa0a6", "#6f7378"),
    "Light": ("#3c4043", "#3c4043"),
    "Midlight": ("#34373b", "#34373b"),
    "Mid": ("#3c4043", "#3c4043"),
    "Dark": ("#111214", "#111214"),
    "Shadow": ("#000000", "#000000"),
    "Accent": ("#3d6bd1", "#3c4043"),
}


# A checked toggle in the selection colour: Fusion darkens a checked button's face by a
# tenth only, which on a dark face is no visible difference. ``palette()`` follows the
# scheme, so one sheet serves light and dark.
CHECKED_SHEET = """
QToolButton:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border: 1px solid palette(highlight);
    border-radius: 2px;
}
"""
# Fusion draws the arrow of a button whose menu opens at a click in the button's corner,
# over the end of its text ("Status: 4 chosen"): room on the right keeps them apart.
MENU_BUTTON_SHEET = "QToolButton { padding-right: 12px; }"
# Fusion outlines a check box with its Window colour darkened: on a dark window that is
# black on black. A lighter Window for check boxes alone keeps the box visible.
CHECKBOX_WINDOW_DARK = "#8a8f96"


def style_toggles(widget: QWidget) -> None:
    """The checkable tool buttons under ``widget`` stand out when checked, in either
    scheme, and a menu button's arrow keeps clear of its text (after the first paint: a
    style sheet is parsed and polished). Set on the buttons alone, so the combo boxes
    beside them keep the style's own look and size."""
    from PySide6.QtWidgets import QToolButton

    for button in widget.findChildren(QToolButton):
        if button.isCheckable():
            button.setStyleSheet(CHECKED_SHEET)
        elif button.menu() is not None:
            button.setStyleSheet(MENU_BUTTON_SHEET)


def system_is_dark(app: QGuiApplication) -> bool:
    """The system's colour scheme; where Qt cannot tell, the platform's palette."""
    from PySide6.QtCore import Qt

    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return palette_is_dark(app)
    return bool(scheme == Qt.ColorScheme.Dark)


def palette_is_dark(app: QGuiApplication) -> bool:
    """Whether the application's palette has a dark window background. Before the
    first paint this stands in for the colour scheme: asking for that builds every
    ``Qt`` namespace enum (see ui/qt_values.py)."""
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def palette_from(table: dict[str, tuple[str, str]]) -> QPalette:
    pal = QPalette()
    roles, groups = QPalette.ColorRole, QPalette.ColorGroup
    for name, (normal, disabled) in table.items():
        role = getattr(roles, name)
        pal.setColor(groups.Active, role, QColor(normal))
        pal.setColor(groups.Inactive, role, QColor(normal))
        pal.setColor(groups.Disabled, role, QColor(disabled))
    return pal


def apply_theme(app: QApplication, theme: str, guess: bool = False) -> bool:
    """Apply ``theme`` (auto, light or dark); returns True when dark.

    With ``guess``, "auto" follows the palette the platform gave (before the first
    paint); the colour scheme is checked afterwards by calling again without it,
    which changes the palette only where the two disagree.
    """
    if theme == "auto":
        dark = palette_is_dark(app) if guess else system_is_dark(app)
    else:
        dark = theme == "dark"
    wanted = palette_from(DARK if dark else LIGHT)
    if app.palette() != wanted:
        app.setPalette(wanted)
        # Built afresh, not copied: PySide's QPalette(QPalette) overload check builds
        # every Qt namespace enum, which the first frame must not wait for.
        boxes = palette_from(DARK if dark else LIGHT)
        if dark:
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                boxes.setColor(group, QPalette.ColorRole.Window, QColor(CHECKBOX_WINDOW_DARK))
        app.setPalette(boxes, "QCheckBox")
    return dark

"""Walking a window with Tab as a keyboard user does, and naming what gets the focus."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

ROW = 8  # pixels: controls whose tops are this close sit on one line
DESTRUCTIVE = (
    "Archive",
    "Delete",
    "Remove",
    "Restore",
    "Prune",
    "Stop",
    "Clear",
    "Forget",
    "Unlink",
)


def show(qtbot: Any, dialog: QWidget) -> Any:
    """``dialog`` shown and active, as a user sees it on opening."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def name(widget: QWidget) -> str:
    """What a user reads on or beside ``widget``: its accessible name, its text, the
    label of its form row, its placeholder, else its kind."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&", "")
    parent = widget.parentWidget()
    form = parent.layout() if parent is not None else None
    for layout in [form, *(form.findChildren(QFormLayout) if form is not None else [])]:
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel) and label.text():
                return label.text().replace("&", "").rstrip(":")
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    return type(widget).__name__


def focus_walk(qtbot: Any, dialog: QWidget, start: Any, steps: int) -> list[str]:
    """Press Tab from ``start`` and name each widget that gets the focus."""
    return [name(w) for w in tab_walk(qtbot, start, steps)]


def tab_walk(qtbot: Any, start: QWidget, steps: int) -> list[QWidget]:
    """Press Tab ``steps`` times from ``start``; the widgets that got the focus."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    found = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        found.append(QApplication.focusWidget())
    return found


def tab_round(qtbot: Any, start: QWidget, limit: int = 60) -> list[QWidget]:
    """Press Tab from ``start`` until the focus is back on it: one round, ``start`` first.
    Fails if Tab stays on a widget (a trap) or the round never closes."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    found = [start]
    for _ in range(limit):
        here = QApplication.focusWidget()
        qtbot.keyClick(here, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not here, f"Tab stays on {name(here)}"
        if after is start:
            return found
        found.append(after)
    raise AssertionError(f"Tab never comes back to {name(start)}: {[name(w) for w in found]}")


def takes_tab(root: QWidget) -> list[QWidget]:
    """Every control under ``root`` that a user can reach: visible, enabled, Tab focus."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.objectName() != "qt_spinbox_lineedit"
    ]


def destructive(dialog: QWidget) -> list[QPushButton]:
    """The push buttons whose text says they remove, archive or replace something."""
    return [
        b
        for b in dialog.findChildren(QPushButton)
        if b.text().replace("&", "").startswith(DESTRUCTIVE)
    ]


def reading_order_breaks(window: QWidget, walk: list[QWidget]) -> list[str]:
    """Each step of ``walk`` that goes back up the window, or left along a line. Going
    up is reading order only into a column to the right (a list beside its form)."""
    breaks = []
    for here, there in pairwise(walk):
        start, end = here.mapTo(window, QPoint(0, 0)), there.mapTo(window, QPoint(0, 0))
        new_column = end.x() >= start.x() + here.width()
        same_line = abs(end.y() - start.y()) <= ROW
        if (end.y() < start.y() - ROW and not new_column) or (same_line and end.x() < start.x()):
            breaks.append(f"{name(here)} -> {name(there)}")
    return breaks


def check_round(qtbot: Any, window: QWidget, start: QWidget, expected: list[str]) -> None:
    """Tab from ``start`` (the first control) goes round ``window`` in ``expected`` order,
    which is reading order (top to bottom, left to right); it reaches every control, never
    stays in a table or a multi-line field, and Enter never presses a destructive button."""
    walk = tab_round(qtbot, start)
    names = [name(w) for w in walk]
    assert names == expected, names
    breaks = reading_order_breaks(window, walk)
    assert not breaks, f"Tab goes back against reading order: {breaks}"
    missed = [name(w) for w in takes_tab(window) if w not in walk]
    assert not missed, f"never reached with Tab: {missed}"
    for field in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit):
        assert field.tabChangesFocus(), f"Tab types into {name(field)}"
    for view in window.findChildren(QAbstractItemView):
        if view.window() is not window:  # a combo box's popup list
            continue
        assert not view.tabKeyNavigation(), f"Tab moves between the cells of {name(view)}"
    armed = [b.text() for b in destructive(window) if b.isDefault() or b.autoDefault()]
    assert not armed, f"Enter may press {armed}"

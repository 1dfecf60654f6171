"""The main window's Tab order, as a person reads the window: top to bottom, left to right.

Qt's default order is the order widgets were created in, which here is: search, the
first filter row, the table, the tabs, the second filter row, then the profile picker
(the toolbar is built last). Set once the window is complete (after the first paint).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QWidget


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets that take Tab under ``layout``, in the order the layout shows them."""
    found: list[QWidget] = []
    for n in range(layout.count()):
        item = layout.itemAt(n)
        child, widget = item.layout(), item.widget()
        if child is not None:
            found += layout_widgets(child)
        elif widget is not None:
            inner = widget.layout()
            if _takes_tab(widget):
                found.append(widget)
            elif inner is not None:
                found += layout_widgets(inner)
    return found


def apply(window: Any) -> list[QWidget]:
    """Profile picker → search → filter rows → table → tabs; returns the chain set.

    ``window`` is the main window (its ``switcher``, ``filter_bar``, ``table``, ``tabs``),
    named by what it has, as this module is imported by it."""
    switcher = window.switcher.layout()
    bar = window.filter_bar.layout()
    chain = layout_widgets(switcher) if switcher is not None else []
    filters = layout_widgets(bar) if bar is not None else []
    search = window.filter_bar.search
    if search in filters:  # the search first, then the rows (the views row included)
        filters.remove(search)
        filters.insert(0, search)
    chain += filters
    chain += [window.table, window.tabs]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    return chain


def first_control(container: QWidget) -> QWidget | None:
    """The control a shortcut to ``container`` should focus: the one it names itself
    (``first_control()``), else the first visible, enabled one that takes Tab."""
    named = getattr(container, "first_control", None)
    chosen = named() if callable(named) else None
    if isinstance(chosen, QWidget):
        return chosen
    widget = container.nextInFocusChain()
    while widget is not container and container.isAncestorOf(widget):
        if widget.isVisible() and widget.isEnabled() and _takes_tab(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None

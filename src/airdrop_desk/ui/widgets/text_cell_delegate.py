"""Paints the project table's text cells from laid-out text kept between repaints.

Qt's own delegate asks the model for seven roles per cell (seven Python calls)
and lays each text out again on every repaint; with the table repainted after
every keystroke in search, that was most of the time a filter took. This one
reads the cell's text straight from the model, keeps each text's layout as a
``QStaticText`` and draws it with the style's own item background, selection
and focus frame. Tooltips and accessibility still come from ``data()``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

Laid = tuple[QStaticText, float, float]  # a text's layout, its width and height
MARGIN = 3  # Fusion's text margin inside an item view cell, each side
CACHE_LIMIT = 4096  # laid-out texts kept; dropped all at once when full

_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_GROUPS = {  # (enabled, active) -> colour group
    (True, True): QPalette.ColorGroup.Active, (True, False): QPalette.ColorGroup.Inactive,
    (False, True): QPalette.ColorGroup.Disabled, (False, False): QPalette.ColorGroup.Disabled,
}


class TextCellDelegate(QStyledItemDelegate):
    """Draws ``text_at(row, column)``, right-aligned in ``right_aligned`` columns and
    elided with "…" when it does not fit."""

    def __init__(self, text_at: Callable[[int, int], str], right_aligned: frozenset[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text_at = text_at
        self._right = right_aligned
        self._laid_out: dict[tuple[str, int], Laid] = {}
        self._style: QStyle | None = None  # the view's, looked up once

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        widget = option.widget
        if self._style is None:
            self._style = widget.style() if widget is not None else None
        style = self._style
        if style is None:
            super().paint(painter, option, index)
            return
        state = option.state.value
        selected = bool(state & _SELECTED)
        if selected:  # the item panel paints nothing else here: no cell has a background
            style.drawPrimitive(_PANEL, option, painter, widget)
        group = _GROUPS[(bool(state & _ENABLED), bool(state & _ACTIVE))]
        rect = option.rect
        column = index.column()
        static, width, height = self.layout(self._text_at(index.row(), column),
                                            rect.width() - 2 * MARGIN, option)
        x = rect.right() + 1 - MARGIN - width if column in self._right else rect.x() + MARGIN
        # The view's painter already has the view's font; only the pen changes per cell.
        painter.setPen(option.palette.color(group, _HIGHLIGHTED_TEXT if selected else _TEXT))
        painter.drawStaticText(QPointF(x, rect.y() + (rect.height() - height) // 2), static)
        if state & _FOCUS:
            self._focus_frame(style, painter, option, group, selected)

    def layout(self, text: str, width: int, option: QStyleOptionViewItem) -> Laid:
        """``text`` laid out once, elided to ``width`` when wider: (layout, width, height)."""
        found = self._laid_out.get((text, 0))
        if found is None:
            found = self._keep((text, 0), text, option)
        if found[1] <= width:
            return found
        elided = self._laid_out.get((text, width))
        if elided is None:
            short = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            elided = self._keep((text, width), short, option)
        return elided

    def _keep(self, key: tuple[str, int], text: str, option: QStyleOptionViewItem) -> Laid:
        if len(self._laid_out) >= CACHE_LIMIT:
            self._laid_out.clear()
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=option.font)
        size = static.size()
        laid = self._laid_out[key] = (static, size.width(), size.height())
        return laid

    @staticmethod
    def _focus_frame(style: QStyle, painter: QPainter, option: QStyleOptionViewItem,
                     group: QPalette.ColorGroup, selected: bool) -> None:
        frame = QStyleOptionFocusRect()
        frame.rect = option.rect
        frame.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange | \
            QStyle.StateFlag.State_Item
        frame.palette = option.palette
        frame.backgroundColor = option.palette.color(
            group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Window)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter,
                            option.widget)

"""Paints the project table's visible cells in one Python call per repaint.

``QTableView`` paints cell by cell, and for a model written in Python each cell
costs several calls into Python: ``rowCount``/``columnCount`` (to make the index),
the delegate's ``paint``, and that delegate's ``data()`` calls. With the table
repainted after every keystroke in search, those round trips were most of what a
filter cost. ``RowPainter`` does what ``QTableView.paintEvent`` does for this
table — alternating rows, selection, text, grid, focus frame — in one pass, and
keeps each text's layout between repaints as a ``QStaticText``. Columns it does
not own (the Progress bars) still go through their delegate. A test renders the
table both ways and requires the same pixels.

A cell may also have a hint (why a project matched the search), painted after its
text in the muted placeholder colour, where there is room.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QStaticText
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QTableView

Laid = tuple[QStaticText, float, float]  # a text's layout, its width and height
MARGIN = 3  # Fusion's text margin inside an item view cell, each side
HINT_GAP = 8  # between a cell's text and its hint
HINT_MIN = 24  # a hint gets at least this much room, or is left out
CACHE_LIMIT = 4096  # laid-out texts kept; dropped all at once when full

_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_ITEM_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUS = QStyle.StateFlag.State_HasFocus
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_ELIDE = Qt.TextElideMode.ElideRight
_PLAIN = Qt.TextFormat.PlainText


def color_group(state: QStyle.StateFlag) -> QPalette.ColorGroup:
    """The palette group Qt's item views paint with for a view in ``state``."""
    if not state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    if not state & QStyle.StateFlag.State_Active:
        return QPalette.ColorGroup.Inactive
    return QPalette.ColorGroup.Active


class _Pass(NamedTuple):
    """What one repaint needs, looked up once for all its cells."""

    option: QStyleOptionViewItem  # the view's item option, palette group set as Qt does
    style: QStyle
    group: QPalette.ColorGroup
    pens: tuple[QColor, QColor]  # text colour: normal, selected
    muted: tuple[QColor, QColor]  # hint colour: normal, selected
    shade: QBrush  # alternate rows
    focus: tuple[int, int] | None  # the current cell while the view has focus
    columns: list[tuple[int, int, int]]  # visible columns: logical index, x, width


class RowPainter:
    """Paints ``view``: ``text_at(row, column)`` in the ``owned`` columns (right-aligned
    in ``right_aligned``, elided with "…" when too wide), followed by a muted
    ``hint_at(row, column)`` in left-aligned ones; other columns through their
    delegates."""

    def __init__(
        self,
        view: QTableView,
        text_at: Callable[[int, int], str],
        owned: frozenset[int],
        right_aligned: frozenset[int],
        hint_at: Callable[[int, int], str] | None = None,
    ) -> None:
        self._view = view
        self._text_at = text_at
        self._hint_at = hint_at
        self._owned = owned
        self._right = right_aligned
        self._laid_out: dict[tuple[str, int], Laid] = {}
        self._font = QFont()
        self._pen: QColor | None = None  # the painter's pen within one repaint

    def can_paint(self) -> bool:
        """False where Qt's own painting is needed (right-to-left, hidden rows)."""
        view = self._view
        return not view.isRightToLeft() and not view.verticalHeader().sectionsHidden()

    def paint(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(view.viewport())
        try:
            if view.verticalHeader().count() and view.horizontalHeader().count():
                self._paint(painter, event.rect())
        finally:
            painter.end()

    def _paint(self, painter: QPainter, area: QRect) -> None:
        view = self._view
        rows, columns = view.verticalHeader(), view.horizontalHeader()
        grid = 1 if view.showGrid() else 0
        area.setBottom(min(area.bottom(), rows.length() - rows.offset() - 1))
        area.setRight(min(area.right(), columns.length() - columns.offset() - 1))
        top, bottom = rows.visualIndexAt(area.top()), rows.visualIndexAt(area.bottom())
        if bottom == -1:
            bottom = rows.count() - 1
        if not area.isValid() or top == -1 or top > bottom:
            return
        this = self._pass(area, grid)
        selection, root = view.selectionModel(), view.rootIndex()
        lines: list[QLineF] = []
        self._pen = None
        for visual_row in range(top, bottom + 1):
            row = rows.logicalIndex(visual_row)
            y, height = view.rowViewportPosition(row), view.rowHeight(row) - grid
            self._paint_row(
                painter,
                this,
                row,
                y,
                height,
                selection.isRowSelected(row, root),
                view.alternatingRowColors() and bool(visual_row & 1),
            )
            lines.append(
                QLineF(area.left() + 0.5, y + height + 0.5, area.right() + 0.5, y + height + 0.5)
            )
        if grid:
            for _column, x, width in this.columns:
                lines.append(
                    QLineF(x + width + 0.5, area.top() + 0.5, x + width + 0.5, area.bottom() + 0.5)
                )
            hint = this.style.styleHint(QStyle.StyleHint.SH_Table_GridLineColor, this.option, view)
            painter.setPen(QPen(QColor.fromRgba(hint & 0xFFFFFFFF), 1, view.gridStyle()))
            painter.drawLines(lines)

    def _pass(self, area: QRect, grid: int) -> _Pass:
        view = self._view
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        if option.state & QStyle.StateFlag.State_Enabled:  # as QTableView does per cell
            palette = QPalette(option.palette)
            palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
            option.palette = palette
        if option.font != self._font:
            self._laid_out.clear()
            self._font = QFont(option.font)
        header = view.horizontalHeader()
        left, right = header.visualIndexAt(area.left()), header.visualIndexAt(area.right())
        logical = map(
            header.logicalIndex,
            range(max(left, 0), (header.count() - 1 if right == -1 else right) + 1),
        )
        columns = [
            (column, view.columnViewportPosition(column), view.columnWidth(column) - grid)
            for column in logical
            if not header.isSectionHidden(column)
        ]
        current = view.currentIndex()
        focused = current.isValid() and (view.hasFocus() or view.viewport().hasFocus())
        palette, group = option.palette, color_group(option.state)
        return _Pass(
            option,
            view.style(),
            group,
            (
                palette.color(group, QPalette.ColorRole.Text),
                palette.color(group, QPalette.ColorRole.HighlightedText),
            ),
            (
                palette.color(group, QPalette.ColorRole.PlaceholderText),
                palette.color(group, QPalette.ColorRole.HighlightedText),
            ),
            palette.brush(group, QPalette.ColorRole.AlternateBase),
            (current.row(), current.column()) if focused else None,
            columns,
        )

    def _paint_row(
        self,
        painter: QPainter,
        this: _Pass,
        row: int,
        y: int,
        height: int,
        selected: bool,
        shaded: bool,
    ) -> None:
        owned, style = self._owned, this.style
        for column, x, width in this.columns:
            focused = this.focus == (row, column)
            if not (selected or focused or column not in owned):  # the common cell
                if shaded:
                    painter.fillRect(x, y, width, height, this.shade)
                self._text(painter, this, row, column, x, y, width, height, selected)
                continue
            cell = _cell_option(this.option, QRect(x, y, width, height), selected, focused, shaded)
            style.drawPrimitive(_ROW_PANEL, cell, painter, self._view)
            if column not in owned:
                index = self._view.model().index(row, column, self._view.rootIndex())
                self._view.itemDelegateForIndex(index).paint(painter, cell, index)
                self._pen = None  # the delegate may have left another pen
                continue
            if selected:
                style.drawPrimitive(_ITEM_PANEL, cell, painter, self._view)
            self._text(painter, this, row, column, x, y, width, height, selected)
            if focused:
                self._focus_frame(painter, cell, this.group, selected)

    def _text(
        self,
        painter: QPainter,
        this: _Pass,
        row: int,
        column: int,
        x: int,
        y: int,
        width: int,
        height: int,
        selected: bool,
    ) -> None:
        static, text_width, text_height = self.layout(
            self._text_at(row, column), width - 2 * MARGIN, this.option
        )
        colour = this.pens[selected]
        if colour != self._pen:
            painter.setPen(colour)
            self._pen = colour
        right = column in self._right
        text_x = x + width - MARGIN - text_width if right else x + MARGIN
        painter.drawStaticText(QPointF(text_x, y + (height - text_height) // 2), static)
        if self._hint_at is None or right:
            return
        hint = self._hint_at(row, column)
        room = width - 2 * MARGIN - text_width - HINT_GAP
        if hint and room >= HINT_MIN:
            static, _hint_width, hint_height = self.layout(hint, int(room), this.option)
            painter.setPen(this.muted[selected])
            self._pen = None
            hint_x = text_x + text_width + HINT_GAP
            painter.drawStaticText(QPointF(hint_x, y + (height - hint_height) // 2), static)

    def layout(self, text: str, width: int, option: QStyleOptionViewItem) -> Laid:
        """``text`` laid out once, elided to ``width`` when wider: (layout, width, height)."""
        found = self._laid_out.get((text, 0))
        if found is None:
            found = self._keep((text, 0), text, option)
        if found[1] <= width:
            return found
        elided = self._laid_out.get((text, width))
        if elided is None:
            short = option.fontMetrics.elidedText(text, _ELIDE, width)
            elided = self._keep((text, width), short, option)
        return elided

    def _keep(self, key: tuple[str, int], text: str, option: QStyleOptionViewItem) -> Laid:
        if len(self._laid_out) >= CACHE_LIMIT:
            self._laid_out.clear()
        static = QStaticText(text)
        static.setTextFormat(_PLAIN)
        static.prepare(font=option.font)
        size = static.size()
        laid = self._laid_out[key] = (static, size.width(), size.height())
        return laid

    def _focus_frame(
        self,
        painter: QPainter,
        cell: QStyleOptionViewItem,
        group: QPalette.ColorGroup,
        selected: bool,
    ) -> None:
        view = self._view
        frame = QStyleOptionFocusRect()
        frame.rect = cell.rect
        frame.state = (
            cell.state | QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_Item
        )
        frame.palette = cell.palette
        frame.backgroundColor = cell.palette.color(
            group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Window
        )
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, view)
        self._pen = None


def _cell_option(
    option: QStyleOptionViewItem, rect: QRect, selected: bool, focused: bool, shaded: bool
) -> QStyleOptionViewItem:
    """``option`` for one cell, with the states QTableView gives it."""
    cell = QStyleOptionViewItem(option)
    cell.rect = rect
    if selected:
        cell.state |= _SELECTED
    if focused:
        cell.state |= _FOCUS
    if shaded:
        cell.features |= _ALTERNATE
    return cell

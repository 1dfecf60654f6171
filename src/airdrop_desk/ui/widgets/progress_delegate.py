"""Paints the table's Progress cells: "3/5" with a thin bar beside it, green when done."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

DONE = QColor("#2e9d57")
CLAIMED = QColor("#8a63d2")


class ProgressDelegate(QStyledItemDelegate):
    """Draws ``ProgressRole`` data; cells of untracked projects stay empty."""

    def __init__(self, role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        progress = index.data(self._role)
        # The background, selection and focus as any cell; the text is ours.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if getattr(progress, "total", None) is None:  # an untracked project
            return
        rect: QRect = option.rect.adjusted(6, 3, -6, -3)  # type: ignore[attr-defined]
        pal: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        if progress.status == "claimed":  # the tasks no longer matter: say so, no bar
            painter.setPen(pal.color(text_role) if selected else CLAIMED)
            text = painter.fontMetrics().elidedText(
                "claimed", Qt.TextElideMode.ElideRight, rect.width()
            )
            painter.drawText(rect, align, text)
            painter.restore()
            return
        share = progress.done / progress.total if progress.total else 0.0
        fill = DONE if progress.status == "done" else pal.color(QPalette.ColorRole.Highlight)
        label = f"{progress.done}/{progress.total}"
        text_width = painter.fontMetrics().horizontalAdvance(label) + 6
        painter.setPen(pal.color(text_role))
        painter.drawText(QRect(rect.left(), rect.top(), text_width, rect.height()), align, label)
        bar = QRect(
            rect.left() + text_width, rect.center().y() - 3, max(rect.width() - text_width, 10), 6
        )
        track = pal.color(QPalette.ColorRole.Mid)
        track.setAlpha(110)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, 3, 3)
        if share > 0:
            done = QRect(bar)
            done.setWidth(max(int(bar.width() * share), 6))
            painter.setBrush(fill if not selected else pal.color(text_role))
            painter.drawRoundedRect(done, 3, 3)
        painter.restore()

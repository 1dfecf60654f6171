"""A small line chart of a points balance, its trend and a target, drawn with QPainter."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from airdrop_desk.core.points import ChartData, format_points

TREND = QColor("#e08a1e")
TARGET = QColor("#2e9d57")


class PointsChart(QWidget):
    """Shows ``ChartData``: the history as a line with dots, the trend dashed, the
    target as a horizontal line with the day the trend reaches it marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointsChart")
        self.setAccessibleName("Points chart")
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.data: ChartData | None = None
        self.y_step, self.y_steps = 1.0, 4

    @property
    def y_top(self) -> float:
        """The value at the top of the y-axis."""
        return self.y_step * self.y_steps

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self.y_step, self.y_steps = axis(data.top if data else 0.0)
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        data = self.data
        if data is None or not data.snapshots:
            return "No snapshots yet"
        last = data.snapshots[-1]
        return f"{len(data.snapshots)} snapshots, latest {format_points(last.points)}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        data = self.data
        if data is None or not data.snapshots or data.first_day is None:
            painter.setPen(muted)
            painter.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                "Record a balance below to start the chart.",
            )
            return
        step, steps = self.y_step, self.y_steps
        top = self.y_top
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance(format_points(top)) + 12
        plot = QRectF(left, 10, self.width() - left - 14, self.height() - 34)
        first, last = data.first_day, data.last_day or data.first_day
        span = max((last - first).days, 1)

        def x(day: dt.date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * max(value, 0.0) / top

        grid = QColor(pal.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(grid, 1))
        for n in range(steps + 1):
            value = step * n
            yy = y(value)
            painter.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, yy - 8, left - 6, 16),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_points(value),
            )
            painter.setPen(QPen(grid, 1))
        painter.setPen(muted)
        bottom = QRectF(plot.left(), plot.bottom() + 4, plot.width(), 18)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft), first.isoformat())
        if last != first:
            painter.drawText(bottom, int(Qt.AlignmentFlag.AlignRight), last.isoformat())

        if data.target is not None:
            painter.setPen(QPen(TARGET, 1.5, Qt.PenStyle.DashLine))
            ty = y(data.target)
            painter.drawLine(QPointF(plot.left(), ty), QPointF(plot.right(), ty))
            painter.drawText(
                QRectF(plot.left() + 4, ty - 18, plot.width() - 8, 16),
                int(Qt.AlignmentFlag.AlignLeft),
                f"target {format_points(data.target)}",
            )
        if data.trend is not None:
            painter.setPen(QPen(TREND, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(
                QPointF(x(first), y(data.trend.at(first))), QPointF(x(last), y(data.trend.at(last)))
            )
        if data.reach is not None and data.reach <= last and data.target is not None:
            point = QPointF(x(data.reach), y(data.target))
            painter.setPen(QPen(TARGET, 2))
            painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawEllipse(point, 5, 5)

        accent = pal.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(accent, 2))
        points = [QPointF(x(s.day), y(s.points)) for s in data.snapshots]
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(accent)
        for point in points:
            painter.drawEllipse(point, 3, 3)
        painter.setPen(text)
        painter.end()


def axis(top: float) -> tuple[float, int]:
    """A round grid step (1, 2, 2.5 or 5 times a power of ten) and how many of them (3 to
    6) reach just above ``top``: the axis fits the data and the target, with at most
    about a fifth to spare, instead of doubling the height for a round number."""
    if top <= 0:
        return 1.0, 4
    power = 10 ** math.floor(math.log10(top / 6))
    for factor in (1, 2, 2.5, 5, 10):
        step = float(factor * power)
        if step * 6 >= top:
            return step, max(3, math.ceil(top / step - 1e-9))
    return float(10 * power), 6

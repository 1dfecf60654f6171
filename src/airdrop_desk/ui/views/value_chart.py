"""The portfolio's value over time: one line drawn with QPainter, with a hover read-out.

Points are turned into floats once when set (years of daily points stay cheap to
paint); days on which some asset had no price are marked under the line.
"""

from __future__ import annotations

import bisect
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from airdrop_desk.core.portfolio import ValuePoint, chart_xy, usd_text

UNPRICED = QColor("#c58a1b")


def nice_top(value: float) -> float:
    """A round upper bound (1, 2, 2.5 or 5 x 10^k) at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= value:
            return float(factor * power)
    return float(10 * power)


def short_usd(value: float) -> str:
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"${value / limit:g}{suffix}"
    return f"${value:g}"


class ValueChart(QWidget):
    """Shows a list of ``ValuePoint``; ``points`` and ``xy`` are kept for tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioValueChart")
        self.setAccessibleName("Portfolio value over time")
        self.setMinimumHeight(160)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.points: list[ValuePoint] = []
        self.xy: list[tuple[float, float]] = []
        self._top = 1.0

    def sizeHint(self) -> QSize:
        return QSize(560, 260)

    def set_points(self, points: list[ValuePoint]) -> None:
        self.points = points
        self.xy = chart_xy(points)
        self._top = nice_top(max((v for _, v in self.xy), default=0.0))
        if points:
            self.setAccessibleDescription(
                f"{len(points)} days from {points[0].day} to {points[-1].day}; latest "
                f"{usd_text(points[-1].value)}"
            )
        else:
            self.setAccessibleDescription("No history yet")
        self.update()

    def _plot(self) -> QRectF:
        metrics = QFontMetrics(self.font())
        left = max(metrics.horizontalAdvance(short_usd(self._top * n / 4)) for n in range(5)) + 14
        return QRectF(left, 12, max(self.width() - left - 16, 10), max(self.height() - 40, 10))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        if not self.xy:
            painter.setPen(muted)
            painter.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                "No history yet: each sync adds today's value.",
            )
            painter.end()
            return
        plot = self._plot()
        span = max(self.xy[-1][0], 1.0)
        grid = pal.color(QPalette.ColorRole.Mid)
        align_right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for n in range(5):
            value = self._top * n / 4
            y = plot.bottom() - plot.height() * n / 4
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - 8, plot.left() - 6, 16), align_right, short_usd(value))
        bottom = QRectF(plot.left(), plot.bottom() + 6, plot.width(), 18)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft), self.points[0].day.isoformat())
        if len(self.points) > 1:
            painter.drawText(
                bottom, int(Qt.AlignmentFlag.AlignRight), self.points[-1].day.isoformat()
            )
        scale_x, scale_y = plot.width() / span, plot.height() / self._top
        line = QPolygonF(
            [QPointF(plot.left() + x * scale_x, plot.bottom() - y * scale_y) for x, y in self.xy]
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
        if len(self.xy) == 1:
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawEllipse(line[0], 4, 4)
        else:
            painter.drawPolyline(line)
        painter.setPen(QPen(UNPRICED, 2))
        for point, at in zip(self.points, line, strict=True):
            if point.unpriced:  # a tick under days when part of the portfolio had no price
                painter.drawLine(QPointF(at.x(), plot.bottom()), QPointF(at.x(), plot.bottom() - 4))
        painter.end()

    def point_at(self, x: float) -> ValuePoint | None:
        """The point nearest to horizontal position ``x`` (widget coordinates)."""
        if not self.xy:
            return None
        plot = self._plot()
        days = (x - plot.left()) / plot.width() * max(self.xy[-1][0], 1.0)
        xs = [p[0] for p in self.xy]
        i = bisect.bisect_left(xs, days)
        candidates = [j for j in (i - 1, i) if 0 <= j < len(xs)]
        return self.points[min(candidates, key=lambda j: abs(xs[j] - days))]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.point_at(event.position().x())
        if point is not None:
            note = f" ({point.unpriced} unpriced)" if point.unpriced else ""
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{point.day.isoformat()}: {usd_text(point.value)}{note}",
                self,
            )
        super().mouseMoveEvent(event)

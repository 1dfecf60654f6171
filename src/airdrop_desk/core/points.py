"""Points program history: parsing one-line entries, the trend and when it meets a target.

The trend is an ordinary least-squares line through (day, points); the target
date is where that line crosses the target. Everything here is plain data, so
the chart widget only draws what ``chart_data`` computed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PointsSnapshot:
    """The balance of one points program on one day."""

    day: dt.date
    points: float
    rank: int | None = None


@dataclass(frozen=True)
class Trend:
    """points = intercept + slope * (day - origin), in days."""

    origin: dt.date
    slope: float  # points per day
    intercept: float

    def at(self, day: dt.date) -> float:
        return self.intercept + self.slope * (day - self.origin).days


@dataclass(frozen=True)
class ChartData:
    """What the chart draws: the history, the trend line's ends, the target."""

    snapshots: tuple[PointsSnapshot, ...]
    trend: Trend | None
    target: float | None
    reach: dt.date | None  # when the trend meets the target
    first_day: dt.date | None
    last_day: dt.date | None  # the right edge: last snapshot or the reach date
    top: float  # the highest value drawn (history, trend end or target)


def parse_points(text: str) -> float:
    """A points balance from a form field; raises ValueError with the message to show."""
    from airdrop_desk.core.numbers import MAX_POINTS, parse_number

    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    if not cleaned:
        raise ValueError("Enter the points balance.")
    return float(parse_number(cleaned, "Points", limit=MAX_POINTS))


def parse_rank(text: str) -> int | None:
    """An optional leaderboard rank (1 up to ``core.numbers.MAX_RANK``); empty means none."""
    from airdrop_desk.core.numbers import parse_whole

    cleaned = text.strip().lstrip("#").replace(",", "")
    if not cleaned:
        return None
    return parse_whole(cleaned, "A rank")


def trend(snapshots: Sequence[PointsSnapshot]) -> Trend | None:
    """The least-squares line through the snapshots; None with fewer than two days."""
    if len({s.day for s in snapshots}) < 2:
        return None
    origin = min(s.day for s in snapshots)
    xs = [(s.day - origin).days for s in snapshots]
    ys = [s.points for s in snapshots]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return Trend(origin, slope, mean_y - slope * mean_x)


def reach_date(line: Trend, target: float, after: dt.date) -> dt.date | None:
    """The first day from ``after`` on when the trend is at or above ``target``.

    None when the trend is flat or falling and has not reached it yet.
    """
    if line.at(after) >= target:
        return after
    if line.slope <= 0:
        return None
    days = math.ceil((target - line.intercept) / line.slope)
    try:
        return line.origin + dt.timedelta(days=days)
    except OverflowError:
        return None


def chart_data(snapshots: Sequence[PointsSnapshot], target: float | None) -> ChartData:
    ordered = tuple(sorted(snapshots, key=lambda s: s.day))
    line = trend(ordered)
    first = ordered[0].day if ordered else None
    last = ordered[-1].day if ordered else None
    reach = None
    if line is not None and target is not None and last is not None:
        reach = reach_date(line, target, last)
    right = last
    if first and last and reach and reach > last:
        # Show the way to the target unless it is so far off that the history would
        # shrink to a sliver; the date is still given in words.
        span = max((last - first).days, 1)
        if (reach - last).days <= max(60, 3 * span):
            right = reach
    tops = [s.points for s in ordered]
    if line is not None and right is not None:
        tops.append(line.at(right))
    if target is not None:
        tops.append(target)
    return ChartData(ordered, line, target, reach, first, right, max(tops, default=0.0))


def format_points(value: float) -> str:
    """12,345 or 12,345.5: thousands separated, no needless decimals."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def trend_summary(chart: ChartData) -> str:
    """One sentence under the chart: points a day and the day the target is met."""
    if not chart.snapshots:
        return "No balance recorded yet: enter today's points above."
    if chart.trend is None:
        return "Record a second day to see the trend."
    text = f"Trend: {chart.trend.slope:+,.0f} points a day."
    if chart.target is not None:
        if chart.reach is not None:
            text += (
                f" The trend reaches {format_points(chart.target)} on "
                f"<b>{chart.reach.isoformat()}</b>."
            )
        else:
            text += f" At this trend {format_points(chart.target)} is not reached."
    return text

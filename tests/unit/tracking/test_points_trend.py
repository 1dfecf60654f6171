"""Points history: the least-squares trend, the day it meets a target, input checks."""

from __future__ import annotations

import datetime as dt

import pytest

from airdrop_desk.core.points import (
    PointsSnapshot,
    chart_data,
    format_points,
    parse_points,
    parse_rank,
    reach_date,
    trend,
    trend_summary,
)

D0 = dt.date(2025, 1, 1)


def snaps(*values: tuple[int, float]) -> list[PointsSnapshot]:
    return [PointsSnapshot(D0 + dt.timedelta(days=d), p) for d, p in values]


def test_an_exact_line_is_found_and_extended_to_the_target() -> None:
    history = snaps((0, 1000), (10, 2000), (20, 3000))
    line = trend(history)
    assert line is not None
    assert line.slope == pytest.approx(100)
    assert line.at(D0) == pytest.approx(1000)
    assert reach_date(line, 5000, D0 + dt.timedelta(days=20)) == D0 + dt.timedelta(days=40)


def test_least_squares_through_noisy_points() -> None:
    # worked by hand: mean x 1.5, mean y 4, Sxx 5, Sxy 8 -> slope 1.6, intercept 1.6
    history = snaps((0, 2), (1, 2), (2, 6), (3, 6))
    line = trend(history)
    assert line is not None
    assert line.slope == pytest.approx(1.6)
    assert line.intercept == pytest.approx(1.6)


def test_flat_or_falling_trend_never_reaches_a_higher_target() -> None:
    line = trend(snaps((0, 500), (7, 400)))
    assert line is not None and line.slope < 0
    assert reach_date(line, 1000, D0 + dt.timedelta(days=7)) is None


def test_already_at_target_reaches_it_on_the_last_day() -> None:
    line = trend(snaps((0, 100), (5, 900)))
    assert line is not None
    assert reach_date(line, 800, D0 + dt.timedelta(days=5)) == D0 + dt.timedelta(days=5)


def test_chart_data_for_the_widget() -> None:
    data = chart_data(list(reversed(snaps((0, 1000), (10, 2000), (20, 3000)))), 4000)
    assert [s.points for s in data.snapshots] == [1000, 2000, 3000]  # sorted by day
    assert data.reach == D0 + dt.timedelta(days=30)
    assert data.first_day == D0 and data.last_day == data.reach  # the way to the target shows
    assert data.top == pytest.approx(4000)
    # decades away: the date is given, the chart keeps the history readable
    far = chart_data(snaps((0, 0), (10, 1)), 1000)
    assert far.reach == D0 + dt.timedelta(days=10_000)
    assert far.last_day == D0 + dt.timedelta(days=10)
    # beyond any calendar: no date rather than a crash
    assert chart_data(snaps((0, 0), (10, 1)), 1e12).reach is None


def test_one_snapshot_has_no_trend_and_none_is_empty() -> None:
    one = chart_data(snaps((0, 10)), 20)
    assert one.trend is None and one.reach is None and one.top == 20
    empty = chart_data([], None)
    assert empty.snapshots == () and empty.first_day is None and empty.top == 0


@pytest.mark.parametrize(
    ("text", "value"), [("1200", 1200), ("1,250.5", 1250.5), (" 0 ", 0), ("12_000", 12000)]
)
def test_points_input(text: str, value: float) -> None:
    assert parse_points(text) == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-5", "negative"),
        ("abc", "not a number"),
        ("", "Enter"),
        ("nan", "finite"),
        ("1e30", "too large"),
    ],
)
def test_bad_points_input_is_refused(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_points(text)


def test_rank_input_and_display() -> None:
    assert parse_rank("") is None
    assert parse_rank("#1,204") == 1204
    with pytest.raises(ValueError, match="from 1"):
        parse_rank("0")
    with pytest.raises(ValueError, match="whole number"):
        parse_rank("12.5")
    assert format_points(12345.0) == "12,345" and format_points(0.5) == "0.5"


def test_the_sentence_under_the_chart() -> None:
    assert "No balance" in trend_summary(chart_data([], None))
    assert "second day" in trend_summary(chart_data(snaps((0, 10)), None))
    rising = trend_summary(chart_data(snaps((0, 1000), (10, 2000)), 4000))
    assert rising == "Trend: +100 points a day. The trend reaches 4,000 on <b>2025-01-31</b>."
    falling = trend_summary(chart_data(snaps((0, 1000), (10, 500)), 4000))
    assert falling.endswith("At this trend 4,000 is not reached.")

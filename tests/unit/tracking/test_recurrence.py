"""Recurring tasks reset each period, computed from an injected clock; history stays."""

from __future__ import annotations

import datetime as dt

import pytest

from airdrop_desk.core.recurrence import (
    Recurrence,
    is_done,
    next_reset,
    parse_recurrence,
    period,
)

CET = dt.timezone(dt.timedelta(hours=1))


def at(text: str, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=tz)


ANCHOR = dt.date(2025, 1, 1)


def test_a_daily_tick_counts_until_midnight_then_resets() -> None:
    daily = Recurrence("daily")
    ticks = [at("2025-03-14T23:50")]
    assert is_done(daily, ticks, at("2025-03-14T23:59:59"), ANCHOR)
    assert not is_done(daily, ticks, at("2025-03-15T00:00"), ANCHOR)
    assert next_reset(daily, at("2025-03-14T10:00"), ANCHOR) == at("2025-03-15T00:00")


def test_periods_follow_the_clock_time_zone() -> None:
    daily = Recurrence("daily")
    tick = at("2025-03-14T23:30")  # UTC: already the 15th in CET
    assert not is_done(daily, [tick], at("2025-03-14T12:00", CET), ANCHOR)
    assert is_done(daily, [tick], at("2025-03-15T08:00", CET), ANCHOR)


def test_weekly_resets_on_monday() -> None:
    weekly = Recurrence("weekly")
    sunday_tick = [at("2025-03-16T20:00")]  # a Sunday
    assert is_done(weekly, sunday_tick, at("2025-03-10T00:00"), ANCHOR)  # that Monday
    assert not is_done(weekly, sunday_tick, at("2025-03-17T00:00"), ANCHOR)  # next Monday
    start, end = period(weekly, at("2025-03-12T09:00"), ANCHOR)
    assert (start.date(), end.date()) == (dt.date(2025, 3, 10), dt.date(2025, 3, 17))


def test_monthly_across_the_year_boundary_and_february() -> None:
    monthly = Recurrence("monthly")
    ticks = [at("2024-12-31T12:00")]
    assert is_done(monthly, ticks, at("2024-12-01T00:00"), ANCHOR)
    assert not is_done(monthly, ticks, at("2025-01-01T00:00"), ANCHOR)
    start, end = period(monthly, at("2024-02-29T12:00"), ANCHOR)
    assert (start.date(), end.date()) == (dt.date(2024, 2, 1), dt.date(2024, 3, 1))


def test_every_n_days_counts_from_the_day_the_task_was_made() -> None:
    every3 = Recurrence("every_n_days", 3)
    anchor = dt.date(2025, 3, 1)  # periods: 1-3, 4-6, 7-9 March
    ticks = [at("2025-03-03T10:00")]
    assert is_done(every3, ticks, at("2025-03-01T00:00"), anchor)
    assert not is_done(every3, ticks, at("2025-03-04T00:00"), anchor)
    assert next_reset(every3, at("2025-03-05T00:00"), anchor) == at("2025-03-07T00:00")
    # a moment before the anchor still lands in a whole period
    start, _end = period(every3, at("2025-02-27T00:00"), anchor)
    assert start.date() == dt.date(2025, 2, 26)


def test_history_stays_and_only_the_current_period_decides() -> None:
    daily = Recurrence("daily")
    history = [at(f"2025-03-{d:02d}T09:00") for d in range(1, 11)]
    assert not is_done(daily, history, at("2025-03-11T08:00"), ANCHOR)
    assert is_done(daily, [*history, at("2025-03-11T07:00")], at("2025-03-11T08:00"), ANCHOR)


def test_a_task_that_never_repeats_stays_done() -> None:
    once = Recurrence()
    assert is_done(once, [at("2023-01-01T00:00")], at("2030-01-01T00:00"), ANCHOR)
    assert next_reset(once, at("2030-01-01T00:00"), ANCHOR) is None
    assert once.label() == "Once" and not once.repeats


def test_form_input_is_checked() -> None:
    assert parse_recurrence("every_n_days", "7") == Recurrence("every_n_days", 7)
    assert parse_recurrence("weekly") == Recurrence("weekly")
    assert Recurrence("every_n_days", 1).label() == "Every day"
    with pytest.raises(ValueError, match="whole number"):
        parse_recurrence("every_n_days", "three")
    with pytest.raises(ValueError, match="1 to 365"):
        parse_recurrence("every_n_days", "0")
    with pytest.raises(ValueError, match="unknown"):
        Recurrence("hourly")

"""The clock: aware local time, and the two stored time formats read back alike."""

import datetime as dt

from airdrop_desk.core import clock

MOMENT = dt.datetime(2024, 7, 22, 8, 0, 2, 120_345, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_now_is_aware_and_today_is_its_date() -> None:
    before = dt.datetime.now(dt.UTC)
    current = clock.now()
    assert current.tzinfo is not None
    assert before - dt.timedelta(seconds=5) <= current <= dt.datetime.now(dt.UTC)
    assert clock.today() in {before.astimezone().date(), clock.now().date()}


def test_times_are_stored_in_utc_in_either_format() -> None:
    assert clock.iso(MOMENT) == "2024-07-22T06:00:02.120345+00:00"
    assert clock.iso(MOMENT, "ms") == "2024-07-22T06:00:02.120Z"


def test_stored_times_read_back_as_the_same_moment() -> None:
    assert clock.parse_iso(clock.iso(MOMENT)) == MOMENT
    assert clock.parse_iso(clock.iso(MOMENT, "ms")) == MOMENT.replace(microsecond=120_000)
    assert clock.parse_iso(None) is None


def test_utc_now_is_in_utc() -> None:
    assert clock.utc_now().utcoffset() == dt.timedelta(0)

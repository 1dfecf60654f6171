"""The one clock: what time it is, today's date, and times as the database stores them.

Code that needs the time takes a ``Clock`` (``now`` by default) so tests can pass their own.
Stored times are UTC ISO-8601 text. Each table keeps the format its rows were first written
in, so that SQL comparing them as text stays in time order: the profile and tracking tables
use microseconds and ``+00:00``; the key, audit and portfolio tables milliseconds and ``Z``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

Clock = Callable[[], dt.datetime]


def now() -> dt.datetime:
    """The current time, aware, in the computer's time zone."""
    return dt.datetime.now().astimezone()


def utc_now() -> dt.datetime:
    """``now(dt.UTC)``: the default ``Clock`` of code that keeps its times in UTC."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date where the user is."""
    return now().date()


def iso(value: dt.datetime, precision: Literal["us", "ms", "s"] = "us") -> str:
    """``value`` in UTC: ``2024-07-22T06:00:02.120000+00:00``; ``...02.120Z`` with "ms";
    ``...02+00:00`` with "s" (catalog versions and export files)."""
    utc = value.astimezone(dt.UTC)
    if precision == "ms":
        return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return utc.isoformat(timespec="microseconds" if precision == "us" else "seconds")


def parse_iso(text: str | None) -> dt.datetime | None:
    """A stored time back as an aware datetime (either format); ``None`` stays ``None``."""
    return None if text is None else dt.datetime.fromisoformat(text.replace("Z", "+00:00"))

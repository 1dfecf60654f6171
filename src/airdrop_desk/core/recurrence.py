"""Repeating tasks: which period a moment falls in, and whether a task is done now.

A recurring task is done when it has a tick inside the current period; nothing is
reset in storage — every tick stays as history and "done" is computed on read
from the clock the caller passes in. Periods follow the local calendar of the
clock's time zone: a daily task ticked at 23:50 is due again at midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

KINDS: dict[str, str] = {
    "none": "Once",
    "daily": "Daily",
    "weekly": "Weekly",
    "monthly": "Monthly",
    "every_n_days": "Every N days",
}
MAX_EVERY_DAYS = 365


@dataclass(frozen=True)
class Recurrence:
    """How often a task repeats; ``every_days`` only for ``every_n_days``."""

    kind: str = "none"
    every_days: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown recurrence '{self.kind}'")
        if self.kind == "every_n_days":
            if self.every_days is None or not 1 <= self.every_days <= MAX_EVERY_DAYS:
                raise ValueError(f"repeat every 1 to {MAX_EVERY_DAYS} days")
        elif self.every_days is not None:
            raise ValueError("every_days applies to 'every N days' only")

    @property
    def repeats(self) -> bool:
        return self.kind != "none"

    def label(self) -> str:
        if self.kind == "every_n_days":
            return "Every day" if self.every_days == 1 else f"Every {self.every_days} days"
        return KINDS[self.kind]


def period(rec: Recurrence, at: dt.datetime, anchor: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The [start, end) of the period holding ``at``, in ``at``'s time zone.

    ``anchor`` (the day the task was created) fixes where every-N-days periods
    begin. A task that never repeats has one period covering all time.
    """
    tz = at.tzinfo
    day = at.date()
    if rec.kind == "none":
        return dt.datetime.min.replace(tzinfo=tz), dt.datetime.max.replace(tzinfo=tz)
    if rec.kind == "daily":
        start, end = day, day + dt.timedelta(days=1)
    elif rec.kind == "weekly":  # ISO weeks: Monday to Sunday
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=7)
    elif rec.kind == "monthly":
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
    else:
        n = rec.every_days or 1
        offset = (day - anchor).days // n  # floor: days before the anchor still work
        start = anchor + dt.timedelta(days=offset * n)
        end = start + dt.timedelta(days=n)
    return _midnight(start, tz), _midnight(end, tz)


def _midnight(day: dt.date, tz: dt.tzinfo | None) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=tz)


def is_done(
    rec: Recurrence, ticks: Iterable[dt.datetime], now: dt.datetime, anchor: dt.date
) -> bool:
    """True when one of ``ticks`` falls in the period holding ``now``."""
    now = _aware(now)
    start, end = period(rec, now, anchor)
    return any(start <= t.astimezone(now.tzinfo) < end for t in ticks)


def next_reset(rec: Recurrence, now: dt.datetime, anchor: dt.date) -> dt.datetime | None:
    """When the current period ends (the task is due again); None if it never repeats."""
    if not rec.repeats:
        return None
    return period(rec, _aware(now), anchor)[1]


def _aware(moment: dt.datetime) -> dt.datetime:
    """A naive time is taken as local time, the way a person reads a clock."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def parse_recurrence(kind: str, every_days: str | int | None = None) -> Recurrence:
    """A Recurrence from form input; raises ValueError with a message to show."""
    if kind != "every_n_days":
        return Recurrence(kind)
    try:
        n = int(str(every_days).strip())
    except ValueError:
        raise ValueError("Enter the number of days as a whole number, e.g. 3.") from None
    if not 1 <= n <= MAX_EVERY_DAYS:
        raise ValueError(f"Repeat every 1 to {MAX_EVERY_DAYS} days.")
    return Recurrence(kind, n)


_EVERY_WORDS = ("daily", "weekly", "monthly")


def parse_every(text: str) -> Recurrence:
    """``daily``, ``weekly``, ``monthly`` or ``Nd`` (every N days), as the command line's
    ``--every`` takes them; raises ValueError with the message to show."""
    word = text.strip().casefold()
    if word in _EVERY_WORDS:
        return Recurrence(word)
    if word.endswith("d") and word[:-1].isdigit():
        n = int(word[:-1])
        if not 1 <= n <= MAX_EVERY_DAYS:
            raise ValueError(f"Repeat every 1 to {MAX_EVERY_DAYS} days.")
        return Recurrence("every_n_days", n)
    raise ValueError(
        f"'{text.strip()}' is not a repeat; use daily, weekly, monthly or Nd (e.g. 3d)."
    )


def every_text(rec: Recurrence) -> str | None:
    """The ``parse_every`` form of ``rec`` (``3d`` for every 3 days); None if it never repeats."""
    if not rec.repeats:
        return None
    return f"{rec.every_days}d" if rec.kind == "every_n_days" else rec.kind

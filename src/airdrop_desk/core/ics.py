"""Deadlines as an iCalendar file (RFC 5545) for any calendar app.

Whole-day dates become all-day events (DTSTART;VALUE=DATE); dates with a time
become timed events in UTC. UIDs are stable, so importing a newer export updates
the events instead of duplicating them. A repeating task is one event with an RRULE
(daily, weekly, monthly, or daily with an INTERVAL for every N days); its alarm comes
the reminder's days ahead, but never before the period it reminds of has begun (a
daily task's alarm rings on its day). ``icalendar`` is imported only here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from airdrop_desk.core.deadlines import EVENT_LABELS, Deadline
from airdrop_desk.core.recurrence import Recurrence

# A repeating task's RRULE frequency; every N days is DAILY with INTERVAL=N.
_FREQ = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "every_n_days": "DAILY"}
# The shortest period of each kind, in days: an alarm further ahead than this would ring
# in the period before.
_PERIOD_DAYS = {"daily": 1, "weekly": 7, "monthly": 28}

PRODID = "-//Airdrop Desk//Deadlines//EN"
UID_DOMAIN = "airdrop-desk.local"


def deadlines_to_ics(
    deadlines: Iterable[Deadline], stamp: dt.datetime, remind_days: int | None = None
) -> bytes:
    """The calendar file's bytes; ``remind_days`` adds an alarm that many days before."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Airdrop deadlines")
    for item in deadlines:
        event = Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("summary", f"{item.project_name}: {EVENT_LABELS[item.kind]} — {item.title}")
        if item.at is not None:
            event.add("dtstart", item.at.astimezone(dt.UTC))
            event.add("dtend", item.at.astimezone(dt.UTC) + dt.timedelta(hours=1))
        else:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("categories", [EVENT_LABELS[item.kind]])
        lines = [f"Project: {item.project_name}", f"Kind: {EVENT_LABELS[item.kind]}"]
        if item.precision != "day":
            lines.append(f"The source gives only the {item.precision}: {item.when()}.")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        rec = item.recurrence
        if rec is not None and rec.repeats:
            rule: dict[str, object] = {"freq": _FREQ[rec.kind]}
            if rec.kind == "every_n_days" and (rec.every_days or 1) > 1:
                rule["interval"] = rec.every_days
            event.add("rrule", rule)
            if remind_days is not None:
                ahead = min(remind_days, _period_days(rec) - 1)
                event.add_component(_alarm(str(event["summary"]), ahead))
        elif remind_days is not None and item.actionable and not item.done:
            event.add_component(_alarm(str(event["summary"]), remind_days))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _alarm(summary: str, days_ahead: int) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(days=-days_ahead))
    return alarm


def _period_days(rec: Recurrence) -> int:
    if rec.kind == "every_n_days":
        return rec.every_days or 1
    return _PERIOD_DAYS[rec.kind]

"""Deadlines as an iCalendar file (RFC 5545) for any calendar app.

Whole-day dates become all-day events (DTSTART;VALUE=DATE); dates with a time
become timed events in UTC. UIDs are stable, so importing a newer export updates
the events instead of duplicating them. ``icalendar`` is imported only here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from airdrop_desk.core.deadlines import EVENT_LABELS, Deadline

PRODID = "-//Airdrop Desk//Deadlines//EN"
UID_DOMAIN = "airdrop-desk.local"


def deadlines_to_ics(
    deadlines: Iterable[Deadline], stamp: dt.datetime, remind_days: int | None = None
) -> bytes:
    """The calendar file's bytes; ``remind_days`` adds an alarm that many days before."""
    from icalendar import Alarm, Calendar, Event

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
        if remind_days is not None and item.actionable and not item.done:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event["summary"])
            alarm.add("trigger", dt.timedelta(days=-remind_days))
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())

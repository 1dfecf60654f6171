"""Deadlines become an RFC 5545 calendar that a real iCalendar parser reads back."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from airdrop_desk.catalog.load import parse_catalog
from airdrop_desk.core.deadlines import Deadline, due_within, project_deadlines, upcoming
from airdrop_desk.core.ics import deadlines_to_ics
from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Checklist, Claim, Task, TaskState
from airdrop_desk.resources import bundled_catalog_path

STAMP = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def starknet():  # type: ignore[no-untyped-def]
    catalog = parse_catalog(bundled_catalog_path().read_bytes(), "catalog.json")
    return next(p for p in catalog.projects if p.id == "starknet")


def checklist(
    claim: Claim | None = None, due: dt.date | None = None, done: bool = False
) -> Checklist:
    task = Task(
        7,
        1,
        "Bridge before the snapshot",
        0,
        dt.date(2026, 11, 1),
        recurrence=Recurrence(),
        due=due,
    )
    return Checklist(1, "starknet", (TaskState(task, done, None, 0, None),), claim)


def test_catalog_events_and_task_due_dates_round_trip(starknet) -> None:  # type: ignore[no-untyped-def]
    items = project_deadlines(starknet, checklist(due=dt.date(2026, 12, 1)))
    data = deadlines_to_ics(items, STAMP, remind_days=2)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    assert "Airdrop Desk" in str(calendar["prodid"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4  # snapshot, claim opens, claim closes, the task
    by_summary = {str(e["summary"]): e for e in events}
    snapshot = by_summary["Starknet: Snapshot — Provisions snapshot"]
    assert snapshot.decoded("dtstart") == dt.date(2023, 11, 15)  # all-day
    assert snapshot.decoded("dtend") == dt.date(2023, 11, 16)
    opens = next(e for s, e in by_summary.items() if "Claim opens" in s)
    assert opens.decoded("dtstart") == dt.datetime(2024, 2, 20, 12, 0, tzinfo=dt.UTC)
    task = next(e for s, e in by_summary.items() if "Task due" in s)
    assert task.decoded("dtstart") == dt.date(2026, 12, 1)
    alarms = list(task.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == dt.timedelta(days=-2)
    assert not list(snapshot.walk("VALARM"))  # only things to act on get a reminder
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 4 and all(u.endswith("@airdrop-desk.local") for u in uids)
    assert all(e.decoded("dtstamp") == STAMP for e in events)


def test_uids_are_stable_between_exports(starknet) -> None:  # type: ignore[no-untyped-def]
    first = deadlines_to_ics(project_deadlines(starknet, None), STAMP)
    later = deadlines_to_ics(project_deadlines(starknet, None), STAMP + dt.timedelta(days=3))
    uid = [str(e["uid"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert uid == [str(e["uid"]) for e in icalendar.Calendar.from_ical(later).walk("VEVENT")]


def test_partial_dates_are_whole_months_and_say_so() -> None:
    item = Deadline(
        "x-1", dt.date(2025, 7, 1), "tge", "Token launch", "eclipse", "Eclipse", precision="month"
    )
    event = next(iter(icalendar.Calendar.from_ical(deadlines_to_ics([item], STAMP)).walk("VEVENT")))
    assert "only the month" in str(event["description"])
    assert not item.past(dt.date(2025, 7, 31)) and item.past(dt.date(2025, 8, 1))


def test_overdue_upcoming_and_reminders(starknet) -> None:  # type: ignore[no-untyped-def]
    today = dt.date(2024, 6, 25)  # after the claim window closed
    items = project_deadlines(starknet, checklist(due=dt.date(2024, 6, 28)))
    close = next(d for d in items if d.kind == "claim_close")
    assert close.overdue(today)
    shown = upcoming(items, today)
    assert [d.kind for d in shown] == ["claim_close", "task"]  # past facts left out
    assert len(upcoming(items, today, include_past=True)) == 4
    assert [d.kind for d in due_within(items, today, 3)] == ["task"]
    assert due_within(items, today, 2) == []
    settled = project_deadlines(
        starknet, checklist(Claim("claimed"), dt.date(2024, 6, 28), done=True)
    )
    assert not any(d.overdue(today) for d in settled)
    assert due_within(settled, today, 5) == []


def _repeating(kind: str, every: int | None = None, task_id: int = 9) -> TaskState:
    task = Task(
        task_id,
        1,
        f"Swap ({kind})",
        task_id,
        dt.date(2026, 11, 3),
        recurrence=Recurrence(kind, every),
    )
    return TaskState(task, False, None, 0, None)


def test_repeating_tasks_are_exported_as_rrules_with_an_alarm_ahead(starknet) -> None:  # type: ignore[no-untyped-def]
    kinds = [("daily", None), ("weekly", None), ("monthly", None), ("every_n_days", 3)]
    states = tuple(_repeating(kind, every, 10 + n) for n, (kind, every) in enumerate(kinds))
    today = dt.date(2026, 11, 27)  # a Friday
    items = project_deadlines(starknet, Checklist(1, "starknet", states, None), today)
    repeating = [d for d in items if d.recurrence is not None]
    assert len(repeating) == 4 and not any(d.dated for d in repeating)
    # Not dates to list or to remind of: the Upcoming view and the notifier leave them out.
    assert not any(d.recurrence for d in upcoming(items, today, include_past=True))
    assert not any(d.recurrence for d in due_within(items, today, 60))
    calendar = icalendar.Calendar.from_ical(deadlines_to_ics(repeating, STAMP, remind_days=3))
    events = {str(e["summary"]).rsplit("— ", 1)[1]: e for e in calendar.walk("VEVENT")}
    rules = {title: e["rrule"] for title, e in events.items()}
    assert rules["Swap (daily)"] == {"FREQ": ["DAILY"]}
    assert rules["Swap (weekly)"] == {"FREQ": ["WEEKLY"]}
    assert rules["Swap (monthly)"] == {"FREQ": ["MONTHLY"]}
    assert rules["Swap (every_n_days)"] == {"FREQ": ["DAILY"], "INTERVAL": [3]}
    starts = {title: e.decoded("dtstart") for title, e in events.items()}
    assert starts["Swap (weekly)"] == dt.date(2026, 11, 23)  # this week's Monday
    assert starts["Swap (monthly)"] == dt.date(2026, 11, 1)
    assert starts["Swap (every_n_days)"] == dt.date(2026, 11, 27)  # 3, 6, ... 24, 27 Nov
    triggers = {
        title: [a.decoded("trigger") for a in e.walk("VALARM")] for title, e in events.items()
    }
    assert triggers["Swap (weekly)"] == triggers["Swap (monthly)"] == [dt.timedelta(days=-3)]
    # Never before its own period starts: on the day for a daily task, 2 days of 3 ahead.
    assert triggers["Swap (daily)"] == [dt.timedelta(0)]
    assert triggers["Swap (every_n_days)"] == [dt.timedelta(days=-2)]
    quiet = icalendar.Calendar.from_ical(deadlines_to_ics(repeating, STAMP))
    assert not list(quiet.walk("VALARM"))  # no reminder setting: no alarm

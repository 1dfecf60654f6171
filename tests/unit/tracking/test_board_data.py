"""The farm board's counts and the Today list, read from a real SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from airdrop_desk.catalog.load import parse_catalog
from airdrop_desk.core import tracking_ops as ops
from airdrop_desk.core.board import (
    DONE,
    EMPTY,
    IN_PROGRESS,
    OVERDUE,
    Cell,
    build_board,
    due_words,
    snapshot_items,
    today_list,
)
from airdrop_desk.core.domain import Project
from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Claim
from airdrop_desk.storage.board_repo import read_board, read_today
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo

# A Friday; the week (Monday to Sunday) ends on the 16th, the month on the 31st.
NOW = dt.datetime(2025, 3, 14, 12, 0).astimezone()
TODAY = NOW.date()


@pytest.fixture(scope="module")
def projects() -> dict[str, Project]:
    from airdrop_desk.resources import bundled_catalog_path

    catalog = parse_catalog(bundled_catalog_path().read_bytes(), "catalog.json")
    return {p.id: p for p in catalog.projects}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    yield database
    database.close()


class Clock:
    def __init__(self) -> None:
        self.now = NOW - dt.timedelta(days=20)  # tasks are made well before today

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repo(db: Database, clock: Clock) -> TrackingRepo:
    return TrackingRepo(db, clock)


def _task(repo: TrackingRepo, tracked: int, title: str, **kw: object) -> int:
    return repo.add_task(tracked, title, **kw).id  # type: ignore[arg-type]


def _name(project_id: str) -> str:
    return project_id.title()


def test_counts_match_the_checklists_for_every_kind_of_period(
    repo: TrackingRepo, db: Database, clock: Clock, projects: dict[str, Project]
) -> None:
    main, alt = repo.create_profile("Main"), repo.create_profile("alt")
    tracked = ops.track(repo, main.id, projects["starknet"]).value
    ops.track(repo, alt.id, projects["scroll"])
    ops.track(repo, alt.id, projects["starknet"])
    daily = _task(repo, tracked, "Swap", recurrence=Recurrence("daily"))
    weekly = _task(repo, tracked, "Bridge", recurrence=Recurrence("weekly"))
    monthly = _task(repo, tracked, "Vote", recurrence=Recurrence("monthly"))
    every3 = _task(repo, tracked, "Stake", recurrence=Recurrence("every_n_days", 3))
    _task(repo, tracked, "Register", due=TODAY - dt.timedelta(days=2))
    clock.now = NOW
    repo.add_tick(daily, NOW - dt.timedelta(days=1))  # yesterday: due again today
    repo.add_tick(weekly, NOW - dt.timedelta(days=2))  # Wednesday: done this week
    repo.add_tick(monthly, NOW - dt.timedelta(days=20))  # last month: due again
    repo.add_tick(every3, NOW - dt.timedelta(hours=1))
    data = read_board(db, NOW)
    for profile in (main, alt):
        progress = repo.progress(profile.id, NOW)
        for count in (c for c in data.cells if c.profile_id == profile.id):
            assert (count.done, count.total) == (
                progress[count.project_id].done,
                progress[count.project_id].total,
            )
    board = build_board(data, _name)
    assert [p.name for p in board.profiles] == ["alt", "Main"]  # by name, any case
    assert [name for _id, name in board.projects] == ["Scroll", "Starknet"]
    cell = board.cell("starknet", main.id)
    assert cell is not None and cell.state == OVERDUE and cell.overdue == 1
    assert cell.text == f"! {cell.done}/{cell.total}" and "1 overdue" in cell.words()
    assert board.cell("scroll", main.id) is None  # not tracked
    items = today_list(data, _name)
    mine = {i.title: i for i in items if i.profile == "Main"}
    assert set(mine) == {"Swap", "Vote", "Register"}  # Bridge and Stake are done
    assert mine["Swap"].due == TODAY and not mine["Swap"].overdue
    assert mine["Vote"].due == dt.date(2025, 3, 31)
    assert mine["Register"].overdue and due_words(mine["Register"], TODAY) == "2 days overdue"
    assert [i.due for i in items] == sorted(i.due for i in items)  # soonest deadline first
    assert items[0].title == "Register"
    assert mine["Vote"].record() == {
        "task_id": monthly,
        "profile": "Main",
        "project": "Starknet",
        "title": "Vote",
        "due": "2025-03-31",
        "recurrence": "monthly",
        "overdue": False,
    }


def test_a_tick_counts_in_its_period_to_the_microsecond(
    repo: TrackingRepo, db: Database, clock: Clock, projects: dict[str, Project]
) -> None:
    main = repo.create_profile("Main")
    tracked = ops.track(repo, main.id, projects["starknet"]).value
    tz, tick = NOW.tzinfo, dt.timedelta(microseconds=1)
    midnight = dt.datetime.combine(TODAY, dt.time(), tz)
    monday = midnight - dt.timedelta(days=TODAY.weekday())
    first = dt.datetime.combine(TODAY.replace(day=1), dt.time(), tz)
    cases = {  # title: how it repeats, its one tick, done in the current period
        "Daily from midnight": ("daily", midnight, True),
        "Daily a microsecond before": ("daily", midnight - tick, False),
        "Weekly from Monday": ("weekly", monday, True),
        "Weekly on Sunday night": ("weekly", monday - tick, False),
        "Monthly from the first": ("monthly", first, True),
        "Monthly the month before": ("monthly", first - tick, False),
        "Once, long ago": ("none", NOW - dt.timedelta(days=400), True),
    }
    ids = {
        title: _task(repo, tracked, title, recurrence=Recurrence(kind), due=TODAY)
        for title, (kind, _at, _done) in cases.items()
    }
    clock.now = NOW
    for title, (_kind, at, _done) in cases.items():
        repo.add_tick(ids[title], at)
    open_now = {t.title for t in read_today(db, NOW).tasks if t.title in cases}
    assert open_now == {title for title, (_k, _a, done) in cases.items() if not done}
    board = read_board(db, NOW)
    [count] = board.cells
    progress = repo.progress(main.id, NOW)["starknet"]
    assert (count.done, count.total) == (progress.done, progress.total)
    ticked_today = {t.title for t in board.tasks if t.done and t.ticked_today}
    assert ticked_today == {"Daily from midnight"}  # NOW is a Friday: Monday is past


def test_done_today_stays_in_the_window_list_and_a_claim_finishes_a_cell(
    repo: TrackingRepo, db: Database, clock: Clock, projects: dict[str, Project]
) -> None:
    main = repo.create_profile("Main")
    tracked = ops.track(repo, main.id, projects["linea"]).value
    daily = _task(repo, tracked, "Swap", recurrence=Recurrence("daily"))
    clock.now = NOW
    repo.add_tick(daily, NOW - dt.timedelta(hours=2))
    data = read_board(db, NOW)
    assert "Swap" not in [i.title for i in today_list(data, _name)]
    only_due = read_today(db, NOW)  # what the command line reads: no counts, nothing done
    assert [t.title for t in only_due.tasks] == [] and only_due.projects == ("linea",)
    ticked = [i for i in today_list(data, _name, include_done=True) if i.title == "Swap"]
    assert len(ticked) == 1 and ticked[0].done
    assert build_board(data, _name).cell("linea", main.id).state == IN_PROGRESS  # type: ignore[union-attr]
    repo.claims.set_claim(main.id, "linea", Claim("claimed", 10.0, "LINEA"))
    assert build_board(read_board(db, NOW), _name).cell("linea", main.id).state == DONE  # type: ignore[union-attr]


def test_archived_and_deleted_profiles_and_untracked_projects_are_left_out(
    repo: TrackingRepo, db: Database, projects: dict[str, Project]
) -> None:
    kept, archived, gone = (repo.create_profile(n) for n in ("Kept", "Old", "Gone"))
    for profile in (kept, archived, gone):
        ops.track(repo, profile.id, projects["starknet"])
    dropped = ops.track(repo, kept.id, projects["scroll"]).value
    ops.untrack(repo, dropped)
    repo.set_archived(archived.id, True)
    repo.delete_profile(gone.id)
    board = build_board(read_board(db, NOW), _name)
    assert [p.name for p in board.profiles] == ["Kept"]
    assert [pid for pid, _name in board.projects] == ["starknet"]


def test_cell_states_and_texts_say_it_in_more_than_colour() -> None:
    assert (Cell(5, 5).state, Cell(5, 5).text) == (DONE, "✓ 5/5")
    assert (Cell(3, 5).state, Cell(3, 5).text) == (IN_PROGRESS, "3/5")
    assert (Cell(3, 5, overdue=1).state, Cell(3, 5, overdue=1).text) == (OVERDUE, "! 3/5")
    assert (Cell(0, 0).state, Cell(0, 0).text) == (EMPTY, "0/0")
    assert Cell(1, 5, claimed=True).state == DONE


def test_snapshots_of_tracked_projects_in_the_coming_week_join_the_list(
    projects: dict[str, Project],
) -> None:
    import msgspec

    from airdrop_desk.core.domain import Event

    project = msgspec.structs.replace(
        projects["starknet"],
        events=[
            Event("snapshot", "2025-03-16", "Season 2 snapshot", []),
            Event("snapshot", "2025-03-10", "Past: history, not overdue", []),
            Event("snapshot", "2025-03", "Month only: no day to act on", []),
            Event("snapshot", "2025-04-30", "Weeks away", []),
        ],
    )
    found = snapshot_items([project], TODAY)
    assert [(i.title, i.due, i.overdue, i.task_id) for i in found] == [
        ("Snapshot: Season 2 snapshot", dt.date(2025, 3, 16), False, None)
    ]
    assert found[0].record()["profile"] is None

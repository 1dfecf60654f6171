"""Profiles, tasks, ticks, points and claims in a real SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from airdrop_desk.catalog.load import parse_catalog
from airdrop_desk.core.domain import Project
from airdrop_desk.core.points import PointsSnapshot
from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Claim, FieldErrors, TickDetails
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo

NOW = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def projects() -> dict[str, Project]:
    from airdrop_desk.resources import bundled_catalog_path

    catalog = parse_catalog(bundled_catalog_path().read_bytes(), "catalog.json")
    return {p.id: p for p in catalog.projects}


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "airdrop-desk.sqlite3"


@pytest.fixture
def db(db_file: Path) -> Iterator[Database]:
    database = open_database(db_file, db_file.parent / "backups")
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repo(db: Database, clock: Clock) -> TrackingRepo:
    return TrackingRepo(db, clock)


def test_tables_are_strict_with_foreign_keys(db: Database) -> None:
    tables = {
        "profiles",
        "wallet_addresses",
        "tracked_projects",
        "tasks",
        "ticks",
        "points_snapshots",
        "points_targets",
        "claims",
    }
    for table in tables:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "STRICT" in sql, table
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO ticks (task_id, at) VALUES (999, 'x')")


def test_profiles_names_are_unique_and_checked(repo: TrackingRepo) -> None:
    main = repo.create_profile("  Main   wallet ", "farming")
    assert main.name == "Main wallet"
    with pytest.raises(FieldErrors) as exc:
        repo.create_profile("main WALLET")
    assert "already a profile" in exc.value.errors["name"]
    with pytest.raises(FieldErrors, match="cannot be empty"):
        repo.create_profile("   ")
    alt = repo.create_profile("Alt")
    repo.update_profile(alt.id, "Alt 2", "sybil-safe")
    repo.set_archived(alt.id, True)
    assert [(p.name, p.archived) for p in repo.profiles()] == [
        ("Main wallet", False),
        ("Alt 2", True),
    ]
    assert [p.name for p in repo.profiles(include_archived=False)] == ["Main wallet"]


def test_deleting_a_profile_can_be_undone_and_frees_its_name(repo: TrackingRepo) -> None:
    main = repo.create_profile("Main")
    repo.delete_profile(main.id)
    assert repo.profiles() == []
    again = repo.create_profile("Main")  # the name is free while the old one is deleted
    repo.delete_profile(again.id)
    repo.restore_profile(main.id)
    assert [p.id for p in repo.profiles()] == [main.id]


def test_addresses_are_validated_before_anything_is_written(repo: TrackingRepo) -> None:
    main = repo.create_profile("Main")
    usdc = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
    saved = repo.add_address(main.id, "evm", usdc.lower(), "hot")
    assert saved.address == usdc  # stored checksummed
    with pytest.raises(FieldErrors) as exc:
        repo.add_address(main.id, "evm", "0xa0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48")
    assert "EIP-55" in exc.value.errors["address"]
    with pytest.raises(FieldErrors, match="already has"):
        repo.add_address(main.id, "evm", usdc)
    repo.add_address(main.id, "solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    assert [a.chain for a in repo.addresses(main.id)] == ["evm", "solana"]
    repo.remove_address(saved.id)
    repo.restore_address(saved)
    assert len(repo.addresses(main.id)) == 2


def test_tracking_makes_a_checklist_from_the_catalog_templates(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    main = repo.create_profile("Main")
    repo.track(main.id, projects["starknet"])
    checklist = repo.checklist(main.id, "starknet")
    assert checklist is not None
    assert [s.task.template_id for s in checklist.tasks] == [
        "five-transactions",
        "three-active-months",
        "volume-100-usd",
        "hold-eth-at-snapshot",
    ]
    assert (checklist.done, checklist.total, checklist.status) == (0, 4, "in_progress")
    assert repo.checklist(main.id, "scroll") is None


def test_ticks_progress_and_untrack_retrack(
    repo: TrackingRepo, clock: Clock, projects: dict[str, Project]
) -> None:
    main = repo.create_profile("Main")
    tracked = repo.track(main.id, projects["starknet"])
    tasks = [s.task for s in repo.checklist(main.id, "starknet").tasks]  # type: ignore[union-attr]
    tick = repo.add_tick(
        tasks[0].id, details=TickDetails("swap", "0x" + "ab" * 32, 0.0004, "ETH", 1.25)
    )
    repo.add_tick(tasks[1].id)
    assert repo.progress(main.id)["starknet"].done == 2
    [gone] = repo.remove_ticks([tick])
    assert (gone.note, gone.cost_native, gone.cost_token, gone.cost_usd) == (
        "swap",
        0.0004,
        "ETH",
        1.25,
    )
    assert repo.progress(main.id)["starknet"].done == 1
    repo.restore_ticks([gone])
    assert repo.ticks(tasks[0].id)[0].id == tick  # the same tick is back
    repo.untrack(tracked)
    assert repo.progress(main.id) == {} and repo.checklist(main.id, "starknet") is None
    assert repo.track(main.id, projects["starknet"]) == tracked  # history comes back
    assert repo.progress(main.id)["starknet"].done == 2


def test_a_recurring_custom_task_resets_on_read(
    repo: TrackingRepo, clock: Clock, projects: dict[str, Project]
) -> None:
    main = repo.create_profile("Main")
    tracked = repo.track(main.id, projects["starknet"])
    daily = repo.add_task(tracked, "Daily check-in", recurrence=Recurrence("daily"))
    clock.now = dt.datetime(2025, 3, 14, 22, 0, tzinfo=dt.UTC)
    repo.add_tick(daily.id)
    assert repo.progress(main.id)["starknet"].done == 1
    clock.now = dt.datetime(2025, 3, 15, 0, 1, tzinfo=dt.UTC)
    assert repo.progress(main.id)["starknet"].done == 0
    state = repo.checklist(main.id, "starknet").tasks[-1]  # type: ignore[union-attr]
    assert not state.done and state.tick_count == 1  # history kept
    assert repo.period_tick_ids(daily.id) == []
    repo.add_tick(daily.id)
    assert len(repo.period_tick_ids(daily.id)) == 1 and len(repo.ticks(daily.id)) == 2


def test_tasks_edit_reorder_delete(repo: TrackingRepo, projects: dict[str, Project]) -> None:
    main = repo.create_profile("Main")
    tracked = repo.track(main.id, projects["starknet"])
    mine = repo.add_task(
        tracked, "Bridge", link="https://starknet.io/bridge", due=dt.date(2025, 4, 1)
    )
    ids = [s.task.id for s in repo.checklist(main.id, "starknet").tasks]  # type: ignore[union-attr]
    repo.set_order([mine.id, *ids[:-1]])
    first = repo.checklist(main.id, "starknet").tasks[0].task  # type: ignore[union-attr]
    assert first.title == "Bridge" and first.due == dt.date(2025, 4, 1)
    from dataclasses import replace

    repo.update_task(replace(first, title="Bridge ETH", recurrence=Recurrence("every_n_days", 3)))
    assert repo.task(mine.id).recurrence.label() == "Every 3 days"
    repo.set_task_deleted(mine.id, True)
    assert repo.checklist(main.id, "starknet").total == 4  # type: ignore[union-attr]
    repo.set_task_deleted(mine.id, False)
    assert repo.checklist(main.id, "starknet").total == 5  # type: ignore[union-attr]


def test_claims_and_my_status(repo: TrackingRepo, projects: dict[str, Project]) -> None:
    main = repo.create_profile("Main")
    repo.track(main.id, projects["scroll"])
    for state in repo.checklist(main.id, "scroll").tasks:  # type: ignore[union-attr]
        repo.add_tick(state.task.id)
    assert repo.progress(main.id)["scroll"].status == "done"
    repo.claims.set_claim(main.id, "scroll", Claim("claimed", 412.5, "SCR", dt.date(2024, 10, 22)))
    assert repo.progress(main.id)["scroll"].status == "claimed"
    assert repo.claims.claim(main.id, "scroll") == Claim(
        "claimed", 412.5, "SCR", dt.date(2024, 10, 22)
    )
    repo.claims.set_claim(main.id, "scroll", None)
    assert repo.claims.claims(main.id) == {}


def test_points_snapshots_replace_per_day_and_targets(repo: TrackingRepo) -> None:
    main = repo.create_profile("Main")
    points = repo.points
    day = dt.date(2025, 3, 1)
    assert points.record(main.id, "linea", "LXP", PointsSnapshot(day, 100)) is None
    replaced = points.record(main.id, "linea", "LXP", PointsSnapshot(day, 150, 9))
    assert replaced == PointsSnapshot(day, 100)
    points.record(main.id, "linea", "LXP", PointsSnapshot(day + dt.timedelta(days=1), 180))
    assert [s.points for s in points.snapshots(main.id, "linea", "LXP")] == [150, 180]
    points.set_target(main.id, "linea", "LXP", 1000)
    assert points.target(main.id, "linea", "LXP") == 1000
    assert points.programs(main.id, "linea") == ["LXP"]
    with pytest.raises(sqlite3.IntegrityError):  # the schema refuses what the form refuses
        points.record(main.id, "linea", "LXP", PointsSnapshot(day, -1))
    points.remove(main.id, "linea", "LXP", day)
    assert len(points.snapshots(main.id, "linea", "LXP")) == 1


def test_a_tick_is_on_disk_when_add_tick_returns(
    db_file: Path, repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    main = repo.create_profile("Main")
    repo.track(main.id, projects["starknet"])
    task = repo.checklist(main.id, "starknet").tasks[0].task  # type: ignore[union-attr]
    repo.add_tick(task.id)
    other = sqlite3.connect(db_file)  # a second connection sees the committed row
    try:
        assert other.execute("SELECT count(*) FROM ticks").fetchone()[0] == 1
    finally:
        other.close()

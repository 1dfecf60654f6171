"""The tracking operations on a real SQLite file: each change, what it reports, its undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from airdrop_desk.catalog.load import parse_catalog
from airdrop_desk.core import tracking_ops as ops
from airdrop_desk.core.domain import Project
from airdrop_desk.core.points import PointsSnapshot
from airdrop_desk.core.recurrence import Recurrence
from airdrop_desk.core.tracking import Claim, FieldErrors, Task, TickDetails
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo

NOW = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)
VALID_EVM = "0x52908400098527886E0F7030069857D2E4169EE7"


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


@pytest.fixture
def repo(db: Database) -> TrackingRepo:
    return TrackingRepo(db, lambda: NOW)


def _tracked(repo: TrackingRepo, project: Project) -> tuple[int, int, list[int]]:
    profile = repo.create_profile("Main")
    done = ops.track(repo, profile.id, project)
    checklist = repo.checklist(profile.id, project.id)
    assert checklist is not None
    return profile.id, done.value, [s.task.id for s in checklist.tasks]


def _done(repo: TrackingRepo, profile_id: int, project_id: str) -> list[bool]:
    checklist = repo.checklist(profile_id, project_id)
    return [s.done for s in checklist.tasks] if checklist else []


def test_a_tick_says_which_row_changed_and_its_undo_and_redo_keep_the_same_tick(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    pid, _tracked_id, tasks = _tracked(repo, projects["starknet"])
    done = ops.tick(repo, tasks[1], details=TickDetails(note="bridged"))
    assert done.changes == ops.Changes(
        pid, "starknet", frozenset({ops.PROGRESS, ops.CHECKLIST}), tasks[1]
    )
    assert _done(repo, pid, "starknet") == [False, True, False, False]
    undone = done.undo(repo)
    assert undone.changes == done.changes
    assert _done(repo, pid, "starknet") == [False, False, False, False]
    undone.undo(repo)  # redo: the very same tick, note and id
    [back] = repo.ticks(tasks[1])
    assert (back.id, back.note, back.at) == (done.value, "bridged", NOW)


def test_untick_takes_back_this_period_only_and_refuses_a_task_not_done(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    _pid, tracked_id, _ = _tracked(repo, projects["zetachain"])
    daily = ops.add_task(
        repo, tracked_id, Task(0, 0, "Swap", 0, NOW.date(), None, "", "", Recurrence("daily"))
    )
    ops.tick(repo, daily.value, at=NOW - dt.timedelta(days=1))
    with pytest.raises(ops.Refused, match="not done"):
        ops.untick(repo, daily.value, NOW)
    ops.tick(repo, daily.value, at=NOW)
    gone = ops.untick(repo, daily.value, NOW)
    assert [t.at for t in gone.value] == [NOW]
    assert len(repo.ticks(daily.value)) == 1  # yesterday's stays in the history
    gone.undo(repo)
    assert len(repo.ticks(daily.value)) == 2


def test_track_and_untrack_undo_each_other(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    pid, tracked_id, _ = _tracked(repo, projects["starknet"])
    stop = ops.untrack(repo, tracked_id)
    assert stop.changes.kinds == {ops.PROGRESS, ops.CHECKLIST}
    assert stop.changes.task_id is None  # the whole checklist
    assert repo.tracked(pid) == {}
    again = stop.undo(repo)
    assert repo.tracked(pid) == {"starknet": tracked_id}
    again.undo(repo)
    assert repo.tracked(pid) == {}


def test_task_edits_reorder_and_delete_come_back_on_undo(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    pid, _tracked_id, tasks = _tracked(repo, projects["starknet"])
    old = repo.task(tasks[0])
    new = Task(old.id, old.tracked_id, "Renamed", old.position, old.created, due=NOW.date())
    edit = ops.edit_task(repo, old, new)
    assert edit.changes.task_id == old.id
    assert repo.task(old.id).title == "Renamed"
    edit.undo(repo)
    assert repo.task(old.id) == old
    moved = ops.reorder(repo, tasks, list(reversed(tasks)))
    assert [s.task.id for s in repo.checklist(pid, "starknet").tasks] == tasks[::-1]  # type: ignore[union-attr]
    moved.undo(repo)
    assert [s.task.id for s in repo.checklist(pid, "starknet").tasks] == tasks  # type: ignore[union-attr]
    gone = ops.delete_task(repo, tasks[2])
    assert gone.changes.task_id is None
    assert len(repo.checklist(pid, "starknet").tasks) == 3  # type: ignore[union-attr]
    gone.undo(repo)
    assert len(repo.checklist(pid, "starknet").tasks) == 4  # type: ignore[union-attr]


def test_points_targets_and_claims_undo_to_what_was_there(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    pid, _tracked_id, _ = _tracked(repo, projects["starknet"])
    first = PointsSnapshot(NOW.date(), 100.0)
    ops.record_points(repo, pid, "starknet", "S1", first)
    replaced = ops.record_points(repo, pid, "starknet", "S1", PointsSnapshot(NOW.date(), 250.0))
    assert replaced.changes.kinds == {ops.POINTS}
    replaced.undo(repo)
    assert repo.points.snapshots(pid, "starknet", "S1") == [first]
    target = ops.set_target(repo, pid, "starknet", "S1", 1000.0)
    target.undo(repo)
    assert repo.points.target(pid, "starknet", "S1") is None
    claim = ops.set_claim(repo, pid, "starknet", Claim("claimed", 40.0, "STRK"))
    assert claim.changes.kinds == {ops.CLAIMS, ops.PROGRESS}
    assert repo.progress(pid, NOW, "starknet")["starknet"].status == "claimed"
    claim.undo(repo)
    assert repo.claims.claim(pid, "starknet") is None


def test_a_profile_with_one_bad_address_is_not_saved(repo: TrackingRepo) -> None:
    with pytest.raises(FieldErrors) as caught:
        ops.add_profile(repo, "Alt", [("evm", VALID_EVM), ("solana", "0xnope")])
    assert list(caught.value.errors) == ["address 2"]
    with pytest.raises(FieldErrors, match="not a chain"):
        ops.add_profile(repo, "Alt", [("bitcoin", "bc1q")])
    assert repo.profiles() == []
    done = ops.add_profile(repo, "Alt", [("evm", VALID_EVM.lower())])
    assert [a.address for a in repo.addresses(done.value.id)] == [VALID_EVM]  # checksummed
    removed = done.undo(repo)
    assert repo.profiles() == []
    removed.undo(repo)
    assert [p.name for p in repo.profiles()] == ["Alt"]


def test_removing_an_address_comes_back_on_undo_as_it_was(repo: TrackingRepo) -> None:
    profile = ops.add_profile(repo, "Main", [("evm", VALID_EVM)]).value
    [item] = repo.addresses(profile.id)
    removed = ops.remove_address(repo, item)
    assert repo.addresses(profile.id) == []
    assert removed.changes == ops.Changes(None, None, frozenset({ops.PROFILES}))
    restored = removed.undo(repo)
    assert repo.addresses(profile.id) == [item]  # same id, chain, address and label
    restored.undo(repo)  # redo
    assert repo.addresses(profile.id) == []


def test_one_project_s_progress_and_one_task_s_state(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    pid, _tracked_id, tasks = _tracked(repo, projects["starknet"])
    ops.track(repo, pid, projects["linea"])
    ops.tick(repo, tasks[0])
    assert set(repo.progress(pid, NOW)) == {"starknet", "linea"}
    only = repo.progress(pid, NOW, "starknet")
    assert list(only) == ["starknet"]
    assert (only["starknet"].done, only["starknet"].total) == (1, 4)
    state = repo.task_state(tasks[0], NOW)
    assert state.done and state.tick_count == 1
    with pytest.raises(LookupError, match="no task 999"):
        ops.tick(repo, 999)


def test_ticking_the_same_task_of_several_profiles_is_one_change_with_one_undo(
    repo: TrackingRepo, projects: dict[str, Project]
) -> None:
    main, alt = repo.create_profile("Main"), repo.create_profile("Alt")
    ops.track(repo, main.id, projects["starknet"])
    ops.track(repo, alt.id, projects["starknet"])
    first = [repo.checklist(p.id, "starknet").tasks[0].task.id for p in (main, alt)]  # type: ignore[union-attr]
    done = ops.tick_many(repo, first, NOW)
    assert done.changes.profile_id is None  # two profiles: every view reads again
    assert ops.PROGRESS in done.changes.kinds
    assert [_done(repo, p.id, "starknet")[0] for p in (main, alt)] == [True, True]
    redo = done.undo(repo)  # one undo takes back both ticks
    assert [_done(repo, p.id, "starknet")[0] for p in (main, alt)] == [False, False]
    redo.undo(repo)
    assert [_done(repo, p.id, "starknet")[0] for p in (main, alt)] == [True, True]
    assert sorted(t.id for t in repo.ticks(first[0]) + repo.ticks(first[1])) == sorted(done.value)
    back = ops.untick_many(repo, first, NOW)
    assert [_done(repo, p.id, "starknet")[0] for p in (main, alt)] == [False, False]
    back.undo(repo)
    assert [_done(repo, p.id, "starknet")[0] for p in (main, alt)] == [True, True]
    one = ops.tick_many(repo, first[:1], NOW)
    assert one.changes.task_id == first[0]  # one task: its row only
    with pytest.raises(ops.Refused):
        ops.tick_many(repo, [], NOW)
    with pytest.raises(LookupError):  # an unknown task: nothing is written
        ops.tick_many(repo, [first[1], 999_999], NOW)
    assert len(repo.ticks(first[1])) == 1

"""Every change a person makes to their tracking data, as a Qt-free operation.

An operation is a function of the store (``TrackingStore``: what ``TrackingRepo``
offers) that writes one change and returns ``Done``: its value, the ``Changes`` it
made (which profile, which project, which kinds of data, which task row) and its
``undo``, itself an operation whose own ``undo`` is the redo. So undo belongs to
the operation: the window's undo stack only runs these pairs, and the command line
runs the same functions without a window.

The store is a Protocol, not the repository class, so this layer stays below
storage; the repository satisfies it structurally (mypy checks it where the two
meet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from airdrop_desk.core.tracking import (
    Claim,
    FieldErrors,
    Profile,
    Task,
    Tick,
    TickDetails,
    WalletAddress,
)

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.points import PointsSnapshot
    from airdrop_desk.core.recurrence import Recurrence

T = TypeVar("T")

# What a change touched; a view refreshes only what it shows of these.
PROGRESS = "progress"  # done/total and "my status" of the project
CHECKLIST = "checklist"  # the project's task list (or, with ``task_id``, one task row)
POINTS = "points"
CLAIMS = "claims"
PROFILES = "profiles"  # the list of profiles or their addresses


class Refused(ValueError):
    """An operation that cannot be done as asked; ``str()`` says why, in one line."""


@dataclass(frozen=True)
class Changes:
    """What an operation changed: for whom, where, and which kinds of data.

    ``task_id`` set: only that task's row of the checklist changed (a tick); None with
    ``CHECKLIST`` in ``kinds``: the list itself changed (a task added, moved, deleted).
    """

    profile_id: int | None
    project_id: str | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)
    task_id: int | None = None


class ClaimStore(Protocol):
    def claim(self, profile_id: int, project_id: str) -> Claim | None: ...
    def set_claim(self, profile_id: int, project_id: str, claim: Claim | None) -> None: ...


class PointsStore(Protocol):
    def record(
        self, profile_id: int, project_id: str, program: str, snapshot: PointsSnapshot
    ) -> PointsSnapshot | None: ...
    def remove(self, profile_id: int, project_id: str, program: str, day: dt.date) -> None: ...
    def target(self, profile_id: int, project_id: str, program: str) -> float | None: ...
    def set_target(
        self, profile_id: int, project_id: str, program: str, target: float | None
    ) -> None: ...


class TrackingStore(Protocol):
    """The writes and reads the operations need (``storage.tracking_repo.TrackingRepo``)."""

    @property
    def claims(self) -> ClaimStore: ...
    @property
    def points(self) -> PointsStore: ...
    def task_owner(self, task_id: int) -> tuple[int, str]: ...
    def tracked_owner(self, tracked_id: int) -> tuple[int, str]: ...
    def track(self, profile_id: int, project: Project) -> int: ...
    def untrack(self, tracked_id: int) -> None: ...
    def retrack(self, tracked_id: int) -> None: ...
    def add_task(
        self,
        tracked_id: int,
        title: str,
        detail: str = "",
        link: str = "",
        recurrence: Recurrence | None = None,
        due: dt.date | None = None,
    ) -> Task: ...
    def update_task(self, task: Task) -> None: ...
    def set_task_deleted(self, task_id: int, deleted: bool) -> None: ...
    def set_order(self, task_ids: list[int]) -> None: ...
    def add_tick(
        self,
        task_id: int,
        at: dt.datetime | None = None,
        details: TickDetails | None = None,
        tick_id: int | None = None,
    ) -> int: ...
    def remove_ticks(self, tick_ids: list[int]) -> list[Tick]: ...
    def restore_ticks(self, ticks: list[Tick]) -> None: ...
    def period_tick_ids(self, task_id: int, now: dt.datetime | None = None) -> list[int]: ...
    def create_profile(self, name: str, notes: str = "") -> Profile: ...
    def delete_profile(self, profile_id: int) -> None: ...
    def restore_profile(self, profile_id: int) -> None: ...
    def add_address(self, profile_id: int, chain: str, address: str, label: str = "") -> Any: ...
    def remove_address(self, address_id: int) -> None: ...
    def restore_address(self, item: WalletAddress) -> None: ...


Operation = Callable[[TrackingStore], "Done[Any]"]


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result: ``value``, what it changed, and how to take it back."""

    value: T
    changes: Changes
    undo: Operation


def _row(store: TrackingStore, task_id: int) -> Changes:
    profile_id, project_id = store.task_owner(task_id)
    return Changes(profile_id, project_id, frozenset({PROGRESS, CHECKLIST}), task_id)


def _list(profile_id: int, project_id: str) -> Changes:
    return Changes(profile_id, project_id, frozenset({PROGRESS, CHECKLIST}))


# -- ticks ---------------------------------------------------------------------------


def tick(
    store: TrackingStore,
    task_id: int,
    at: dt.datetime | None = None,
    details: TickDetails | None = None,
) -> Done[int]:
    """Record that the task was done (``at``, default now); the value is the tick's id."""
    changes = _row(store, task_id)
    tick_id = store.add_tick(task_id, at, details)
    return Done(tick_id, changes, lambda s: _remove_ticks(s, [tick_id], changes))


def untick(store: TrackingStore, task_id: int, now: dt.datetime | None = None) -> Done[list[Tick]]:
    """Take back the ticks that make the task done in the current period."""
    changes = _row(store, task_id)
    ids = store.period_tick_ids(task_id, now)
    if not ids:
        raise Refused(f"Task {task_id} is not done in the current period.")
    return _remove_ticks(store, ids, changes)


def _remove_ticks(store: TrackingStore, ids: list[int], changes: Changes) -> Done[list[Tick]]:
    gone = store.remove_ticks(ids)
    return Done(gone, changes, lambda s: _restore_ticks(s, gone, changes))


def _restore_ticks(store: TrackingStore, ticks: list[Tick], changes: Changes) -> Done[None]:
    store.restore_ticks(ticks)
    ids = [t.id for t in ticks]
    return Done(None, changes, lambda s: _remove_ticks(s, ids, changes))


def tick_many(
    store: TrackingStore, task_ids: Sequence[int], at: dt.datetime | None = None
) -> Done[list[int]]:
    """Tick several tasks (the same task of several profiles, say) as ONE change: the
    value is the new ticks' ids, and the undo takes all of them back."""
    if not task_ids:
        raise Refused("There is no task to tick.")
    changes = _many(store, task_ids)
    tick_ids = [store.add_tick(task_id, at) for task_id in task_ids]
    return Done(tick_ids, changes, lambda s: _remove_ticks(s, tick_ids, changes))


def untick_many(
    store: TrackingStore, task_ids: Sequence[int], now: dt.datetime | None = None
) -> Done[list[Tick]]:
    """Take back the current period's ticks of several tasks as one change; a task that is
    not done is left as it is."""
    ids = [tick_id for task_id in task_ids for tick_id in store.period_tick_ids(task_id, now)]
    if not ids:
        raise Refused("None of these tasks is done in its current period.")
    return _remove_ticks(store, ids, _many(store, task_ids))


def _many(store: TrackingStore, task_ids: Sequence[int]) -> Changes:
    """One task's row, one project's list, or (across projects or profiles) no one place:
    then every view reads again what it shows."""
    owners = {store.task_owner(task_id) for task_id in task_ids}
    if len(task_ids) == 1:
        return _row(store, task_ids[0])
    if len(owners) == 1:
        return _list(*owners.pop())
    return Changes(None, None, frozenset({PROGRESS, CHECKLIST}))


# -- tracking a project --------------------------------------------------------------


def track(store: TrackingStore, profile_id: int, project: Project) -> Done[int]:
    """Track the project (again, with its old checklist); the value is the tracked id."""
    tracked_id = store.track(profile_id, project)
    changes = _list(profile_id, project.id)
    return Done(tracked_id, changes, lambda s: untrack(s, tracked_id))


def untrack(store: TrackingStore, tracked_id: int) -> Done[None]:
    changes = _list(*store.tracked_owner(tracked_id))
    store.untrack(tracked_id)
    return Done(None, changes, lambda s: _retrack(s, tracked_id))


def _retrack(store: TrackingStore, tracked_id: int) -> Done[None]:
    changes = _list(*store.tracked_owner(tracked_id))
    store.retrack(tracked_id)
    return Done(None, changes, lambda s: untrack(s, tracked_id))


# -- tasks ---------------------------------------------------------------------------


def add_task(store: TrackingStore, tracked_id: int, task: Task) -> Done[int]:
    """Add ``task``'s title, detail, link, recurrence and due date; the value is its id."""
    changes = _list(*store.tracked_owner(tracked_id))
    new = store.add_task(tracked_id, task.title, task.detail, task.link, task.recurrence, task.due)
    return Done(new.id, changes, lambda s: _set_deleted(s, new.id, True, changes))


def delete_task(store: TrackingStore, task_id: int) -> Done[int]:
    """Delete a task (only marked, so the undo brings it back with its history)."""
    return _set_deleted(store, task_id, True, _list(*store.task_owner(task_id)))


def _set_deleted(store: TrackingStore, task_id: int, deleted: bool, changes: Changes) -> Done[int]:
    store.set_task_deleted(task_id, deleted)
    return Done(task_id, changes, lambda s: _set_deleted(s, task_id, not deleted, changes))


def edit_task(store: TrackingStore, old: Task, new: Task) -> Done[None]:
    """Write ``new``'s editable fields; the undo writes ``old``'s back."""
    changes = _row(store, new.id)
    # A new title, recurrence or due date can move the task's done state or its row only.
    store.update_task(new)
    return Done(None, changes, lambda s: edit_task(s, new, old))


def reorder(store: TrackingStore, old: Sequence[int], new: Sequence[int]) -> Done[None]:
    """Put the project's tasks in the order ``new`` (ids); the undo restores ``old``."""
    if not new:
        raise Refused("There are no tasks to order.")
    profile_id, project_id = store.task_owner(new[0])
    store.set_order(list(new))
    return Done(None, _list(profile_id, project_id), lambda s: reorder(s, new, old))


# -- points and claims ---------------------------------------------------------------


def record_points(
    store: TrackingStore, profile_id: int, project_id: str, program: str, snapshot: PointsSnapshot
) -> Done[None]:
    """Save a day's balance; the undo removes it or puts back the one it replaced."""
    before = store.points.record(profile_id, project_id, program, snapshot)
    changes = Changes(profile_id, project_id, frozenset({POINTS}))

    def undo(s: TrackingStore) -> Done[None]:
        if before is None:
            return remove_points(s, profile_id, project_id, program, snapshot)
        return record_points(s, profile_id, project_id, program, before)

    return Done(None, changes, undo)


def remove_points(
    store: TrackingStore, profile_id: int, project_id: str, program: str, snapshot: PointsSnapshot
) -> Done[None]:
    store.points.remove(profile_id, project_id, program, snapshot.day)
    changes = Changes(profile_id, project_id, frozenset({POINTS}))
    return Done(
        None, changes, lambda s: record_points(s, profile_id, project_id, program, snapshot)
    )


def set_target(
    store: TrackingStore, profile_id: int, project_id: str, program: str, target: float | None
) -> Done[None]:
    old = store.points.target(profile_id, project_id, program)
    store.points.set_target(profile_id, project_id, program, target)
    changes = Changes(profile_id, project_id, frozenset({POINTS}))
    return Done(None, changes, lambda s: set_target(s, profile_id, project_id, program, old))


def set_claim(
    store: TrackingStore, profile_id: int, project_id: str, claim: Claim | None
) -> Done[None]:
    """Save (None: clear) the claim record; "claimed" also moves the project's status."""
    old = store.claims.claim(profile_id, project_id)
    store.claims.set_claim(profile_id, project_id, claim)
    changes = Changes(profile_id, project_id, frozenset({CLAIMS, PROGRESS}))
    return Done(None, changes, lambda s: set_claim(s, profile_id, project_id, old))


# -- profiles ------------------------------------------------------------------------


def add_profile(
    store: TrackingStore, name: str, addresses: Sequence[tuple[str, str]] = ()
) -> Done[Profile]:
    """A new profile with its wallet addresses (chain, address), each checked for its chain
    first: one bad address and nothing is saved (FieldErrors names it)."""
    from airdrop_desk.core.addresses import CHAINS, AddressError, validate_address

    errors: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for n, (chain, address) in enumerate(addresses):
        key = f"address {n + 1}"
        if chain not in CHAINS:
            errors[key] = f"'{chain}' is not a chain; use {', '.join(CHAINS)}."
            continue
        try:
            canonical = (chain, validate_address(chain, address))
        except AddressError as exc:
            errors[key] = f"{address}: {exc}"
            continue
        if canonical in seen:
            errors[key] = f"{address} is given twice."
        seen.add(canonical)
    if errors:
        raise FieldErrors(errors)
    profile = store.create_profile(name)
    for chain, address in addresses:
        store.add_address(profile.id, chain, address)
    changes = Changes(profile.id, None, frozenset({PROFILES}))
    return Done(profile, changes, lambda s: remove_profile(s, profile.id))


def remove_profile(store: TrackingStore, profile_id: int) -> Done[None]:
    """Delete a profile (marked only: the undo brings it back with everything it had)."""
    store.delete_profile(profile_id)
    changes = Changes(profile_id, None, frozenset({PROFILES}))
    return Done(None, changes, lambda s: _restore_profile(s, profile_id))


def _restore_profile(store: TrackingStore, profile_id: int) -> Done[None]:
    store.restore_profile(profile_id)
    changes = Changes(profile_id, None, frozenset({PROFILES}))
    return Done(None, changes, lambda s: remove_profile(s, profile_id))


# An address list is edited in the profiles dialog, not on the profile's screens: undoing
# such a change keeps the profile that is on screen.
_ADDRESSES = Changes(None, None, frozenset({PROFILES}))


def remove_address(store: TrackingStore, item: WalletAddress) -> Done[None]:
    """Remove a wallet address from its profile; the undo puts it back as it was."""
    store.remove_address(item.id)
    return Done(None, _ADDRESSES, lambda s: _restore_address(s, item))


def _restore_address(store: TrackingStore, item: WalletAddress) -> Done[None]:
    store.restore_address(item)
    return Done(None, _ADDRESSES, lambda s: remove_address(s, item))

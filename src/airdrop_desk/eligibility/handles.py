"""A profile's other identities (GitHub, X, Discord handles) as tracking operations.

The Profiles dialog adds, changes and removes them through these, so each is a step on
the undo stack; ``profiles add --identity`` stores them with the same check
(``core.allocations.parse_handle``). Handles never leave this computer: allocation
lists are matched against them here (``matching``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airdrop_desk.core.allocations import Identity, parse_handle

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.core.tracking_ops import Changes, Done, Operation


def check(kind: str, text: str, existing: list[Identity], skip: int | None = None) -> str:
    """The handle as stored; ValueError when it is not one or the profile has it already
    (``skip``: the identity being changed)."""
    handle = parse_handle(kind, text)
    for item in existing:
        if item.id != skip and item.kind == kind and item.handle.casefold() == handle.casefold():
            raise ValueError(f"This profile already has the {kind} handle {item.handle}.")
    return handle


def identities(db: Database, profile_id: int) -> list[Identity]:
    from airdrop_desk.storage.alloc_repo import AllocRepo

    return AllocRepo(db).identities(profile_id)


def _changes(profile_id: int) -> Changes:
    from airdrop_desk.core.tracking_ops import PROFILES, Changes

    return Changes(profile_id, None, frozenset({PROFILES}))


def _repo(store: Any) -> Any:
    from airdrop_desk.storage.alloc_repo import AllocRepo

    return AllocRepo(store.db)


def add_identity(profile_id: int, kind: str, handle: str) -> Operation:
    """Add a handle to a profile; the undo removes it."""
    from airdrop_desk.core.tracking_ops import Done

    def run(store: Any) -> Done[Any]:
        item = _repo(store).add_identity(profile_id, kind, handle)
        return Done(item, _changes(profile_id), remove_identity(item))

    return run


def change_identity(item: Identity, kind: str, handle: str) -> Operation:
    """Give an identity another kind or handle; the undo puts the old one back."""
    from airdrop_desk.core.tracking_ops import Done

    def run(store: Any) -> Done[Any]:
        changed = _repo(store).change_identity(item, kind, handle)
        return Done(changed, _changes(item.profile_id),
                    change_identity(changed, item.kind, item.handle))  # fmt: skip

    return run


def remove_identity(item: Identity) -> Operation:
    """Remove an identity from its profile; the undo restores it as it was."""
    from airdrop_desk.core.tracking_ops import Done

    def run(store: Any) -> Done[Any]:
        _repo(store).remove_identity(item.id)
        return Done(None, _changes(item.profile_id), _restore(item))

    return run


def _restore(item: Identity) -> Operation:
    from airdrop_desk.core.tracking_ops import Done

    def run(store: Any) -> Done[Any]:
        _repo(store).restore_identity(item)
        return Done(item, _changes(item.profile_id), remove_identity(item))

    return run

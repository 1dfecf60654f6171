"""Every address and handle of every profile, looked up in every stored list.

A holder's normal form (``identity.normalise``) gives its key; all keys go to storage
in one query over the rows' (key, list) primary key, and a hit counts only when its
check matches too. 250 addresses against 50 lists of 5,000,000 rows in all take a few
milliseconds: one index probe per address, whatever the number of lists.

``pre_fill`` writes what an eligible match means into the profile's claim record
(status eligible, amount, token) through the tracking operations, so the window can
undo it and the Claims form shows it; a claim the person recorded is never touched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.allocations import Match, ProjectEligibility, eligibility_status
from airdrop_desk.eligibility.identity import display, handle_form, key_of, normalise

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.core.tracking import Claim
    from airdrop_desk.core.tracking_ops import Done, Operation, TrackingStore


@dataclass(frozen=True)
class Holder:
    """An address or handle to look up, and whose it is."""

    profile_id: int | None
    profile: str
    shown: str  # as the person reads it
    normal: str


def profile_holders(db: Database, profile_id: int | None = None) -> list[Holder]:
    """The addresses and handles of every visible profile (or of one)."""
    from airdrop_desk.storage.alloc_repo import AllocRepo

    found = []
    for pid, name, chain, text in AllocRepo(db).holders():
        if profile_id is not None and pid != profile_id:
            continue
        if chain.startswith("id:"):
            found.append(Holder(pid, name, f"{chain[3:]}:{text}", handle_form(text)))
            continue
        normal = normalise(text)
        if normal is not None:
            found.append(Holder(pid, name, display(chain, text), normal))
    return found


def address_holder(text: str) -> Holder:
    """An address asked for directly; raises ValueError when it is none."""
    normal = normalise(text)
    if normal is None:
        raise ValueError(f"'{text.strip()}' is not an EVM, Starknet, Solana or Cosmos address.")
    shown = display("", text.strip()) if len(text.strip()) == 42 else text.strip()
    return Holder(None, "", shown, normal)


def identity_holder(text: str) -> Holder:
    handle = text.strip().removeprefix("@")
    if not handle:
        raise ValueError("Name a handle, e.g. --identity octocat.")
    return Holder(None, "", handle, handle_form(handle))


def find(db: Database, holders: Sequence[Holder]) -> list[Match]:
    """Every (holder, list) hit, the lists in id order."""
    from airdrop_desk.storage.alloc_repo import AllocRepo

    repo = AllocRepo(db)
    by_key: dict[int, list[tuple[int, Holder]]] = defaultdict(list)
    for holder in holders:
        key, chk = key_of(holder.normal)
        by_key[key].append((chk, holder))
    if not by_key:
        return []
    hits = repo.lookup(by_key)
    if not hits:
        return []
    lists = {item.id: item for item in repo.lists()}
    found = []
    for key, list_id, amount, chk in hits:
        item = lists.get(list_id)
        if item is None:
            continue
        for want, holder in by_key[key]:
            if want == chk:
                found.append(Match(holder.profile_id, holder.profile, holder.shown, item, amount))
    found.sort(key=lambda m: (m.profile.casefold(), m.list.id, m.address))
    return found


def outcomes(db: Database, matches: Sequence[Match], now: dt.datetime) -> list[str]:
    """``Match.outcome`` of each match, with its profile's claim for the list's project."""
    from airdrop_desk.storage.points_repo import ClaimsRepo

    repo = ClaimsRepo(db, lambda: now)
    claims: dict[int, dict[str, Claim]] = {}
    found = []
    for m in matches:
        status = None
        if m.profile_id is not None and m.list.project_id:
            if m.profile_id not in claims:
                claims[m.profile_id] = repo.claims(m.profile_id)
            claim = claims[m.profile_id].get(m.list.project_id)
            status = claim.status if claim else None
        found.append(m.outcome(status, now))
    return found


def by_project(
    matches: Iterable[Match],
    listed: set[str],
    project_ids: Iterable[str],
    claims: dict[str, Claim],
    now: dt.datetime,
) -> dict[str, ProjectEligibility]:
    """One profile's eligibility per project id (those with a list; the rest: no list)."""
    grouped: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        if m.list.project_id:
            grouped[m.list.project_id].append(m)
    result = {}
    for pid in project_ids:
        if pid not in listed:
            continue
        found = tuple(grouped.get(pid, ()))
        deadlines = [m.list.deadline for m in found if m.list.deadline]
        claim = claims.get(pid)
        status = eligibility_status(
            bool(found), True, max(deadlines) if len(deadlines) == len(found) and deadlines
            else None, claim.status if claim else None, now,
        )  # fmt: skip
        result[pid] = ProjectEligibility(status, found)
    return result


def profile_eligibility(
    db: Database, profile_id: int, project_ids: Iterable[str], now: dt.datetime
) -> dict[str, ProjectEligibility]:
    """``by_project`` for a stored profile, with its recorded claims."""
    from airdrop_desk.storage.alloc_repo import AllocRepo
    from airdrop_desk.storage.points_repo import ClaimsRepo

    matches = find(db, profile_holders(db, profile_id))
    listed = AllocRepo(db).list_project_ids()
    claims = ClaimsRepo(db, lambda: now).claims(profile_id)
    return by_project(matches, listed, project_ids, claims, now)


def pre_fill(store: TrackingStore, matches: Iterable[Match], now: dt.datetime) -> list[Done[Any]]:
    """Claims to record for eligible matches of profiles without a claim for the project:
    status eligible, the amount summed over the profile's addresses, the token. Each is a
    tracking operation (undoable); returns what was done."""
    from airdrop_desk.core.tracking import Claim
    from airdrop_desk.core.tracking_ops import set_claim

    totals: dict[tuple[int, str], list[Match]] = defaultdict(list)
    for m in matches:
        if m.profile_id is not None and m.list.project_id and m.status(now) == "eligible":
            totals[(m.profile_id, m.list.project_id)].append(m)
    done = []
    for (profile_id, project_id), found in sorted(totals.items()):
        if store.claims.claim(profile_id, project_id) is not None:
            continue
        amount = sum(m.whole for m in found)
        token = next((m.list.token for m in found if m.list.token), "")
        claim = Claim("eligible", float(amount), token)
        done.append(set_claim(store, profile_id, project_id, claim))
    return done


def pre_fill_operation(matches: Sequence[Match], now: dt.datetime) -> Operation:
    """``pre_fill`` as one undoable operation (its value: the (profile, project) pairs
    filled); the window's undo stack and the command line run the same one."""
    from airdrop_desk.core.tracking_ops import CLAIMS, PROGRESS, Changes, Done

    changes = Changes(None, None, frozenset({CLAIMS, PROGRESS}))

    def grouped(steps: list[Done[Any]], pairs: list[tuple[int, str]]) -> Done[Any]:
        def undo(store: TrackingStore) -> Done[Any]:
            return grouped([step.undo(store) for step in reversed(steps)][::-1], pairs)

        return Done(pairs, changes, undo)

    def run(store: TrackingStore) -> Done[Any]:
        steps = pre_fill(store, matches, now)
        pairs = [(s.changes.profile_id or 0, s.changes.project_id or "") for s in steps]
        return grouped(steps, pairs)

    return run

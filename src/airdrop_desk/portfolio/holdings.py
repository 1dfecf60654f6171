"""Manual holdings as operations: add, edit and delete, each with its undo.

The same functions serve ``airdrop-desk portfolio holdings`` and the Portfolio window
(whose undo stack runs the ``undo`` each one returns), so both refuse the same input
with the same words (``core.portfolio.parse_holding``). Every change records the day's
value again, so the value chart follows it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from airdrop_desk.core import clock
from airdrop_desk.core.portfolio import HoldingInput
from airdrop_desk.core.tracking_ops import Changes, Done, Refused
from airdrop_desk.storage.portfolio_repo import ManualHolding, PortfolioRepo

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

HOLDINGS = "holdings"
_CHANGES = Changes(None, None, frozenset({HOLDINGS}))


def add(repo: PortfolioRepo, item: HoldingInput, at: dt.datetime | None = None) -> Done[int]:
    """Add a holding; the value is its number."""
    new = repo.add_holding(
        item.asset, item.amount, item.place, item.profile_id, at or clock.utc_now()
    )
    return Done(new, _CHANGES, _undo(lambda r: delete(r, new)))


def edit(repo: PortfolioRepo, holding_id: int, item: HoldingInput) -> Done[None]:
    """Write ``item`` over holding ``holding_id``; the undo writes the old one back."""
    old = _existing(repo, holding_id)
    repo.update_holding(holding_id, item.asset, item.amount, item.place, item.profile_id)
    before = HoldingInput(old.asset, old.amount, old.place, old.profile_id)
    return Done(None, _CHANGES, _undo(lambda r: edit(r, holding_id, before)))


def delete(repo: PortfolioRepo, holding_id: int) -> Done[ManualHolding]:
    """Delete a holding; the undo puts it back under its own number."""
    old = _existing(repo, holding_id)
    repo.remove_holding(holding_id)
    return Done(old, _CHANGES, _undo(lambda r: _restore(r, old)))


def _restore(repo: PortfolioRepo, old: ManualHolding) -> Done[None]:
    repo.restore_holding(old)
    return Done(None, _CHANGES, _undo(lambda r: delete(r, old.id)))


def _undo(operation: Callable[[PortfolioRepo], Done[Any]]) -> Any:
    # ``Done.undo`` is typed for the tracking store; these run on the portfolio's.
    return operation


def _existing(repo: PortfolioRepo, holding_id: int) -> ManualHolding:
    found = repo.holding(holding_id)
    if found is None:
        raise Refused(f"No manual holding has the number {holding_id}.")
    return found


def run(db: Database, operation: Callable[[PortfolioRepo], Done[Any]]) -> Done[Any]:
    """Run a holding operation on ``db`` and record the day's value after it."""
    from airdrop_desk.portfolio.service import record_values

    result = operation(PortfolioRepo(db))
    record_values(db)
    return result

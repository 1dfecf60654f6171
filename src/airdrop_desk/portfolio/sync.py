"""Sync balances from every linked read-only key, a few keys at a time.

Each key is read through the vault, which re-verifies it first: a key that fails is
recorded as failed and never used, and its last good snapshot stays (shown as stale).
A key already locked (its rights grew) is skipped without a request. Keys are read on a
thread pool, each worker with a database connection of its own (the vault writes the
audit log there); snapshots are stored on the calling thread as results come in.
Setting ``cancel`` stops keys not yet started; prices are then not refreshed.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Unpack

from airdrop_desk.core import clock
from airdrop_desk.keys.store import SecretStore
from airdrop_desk.portfolio import service
from airdrop_desk.portfolio.service import PriceOutcome, PriceSource
from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo
from airdrop_desk.storage.portfolio_repo import PortfolioRepo

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.exchanges.base import ClientOptions
    from airdrop_desk.exchanges.model import Balance

Progress = Callable[[int, int, str], None]
MAX_WORKERS = 8
LOCKED_ADVICE = (
    "its rights grew beyond reading; switch them off on the exchange, then "
    "re-check the key in Exchange keys"
)


@dataclass(frozen=True)
class KeyOutcome:
    """What happened to one key: ``ok`` (a new snapshot), ``failed``, ``skipped``, ``cancelled``."""

    label: str
    exchange: str
    outcome: Literal["ok", "failed", "skipped", "cancelled"]
    message: str
    assets: int = 0


if TYPE_CHECKING:
    Read = list[Balance] | KeyOutcome  # a key's balances, or why they were not read


@dataclass(frozen=True)
class SyncReport:
    """Every key's outcome, the price refresh (None when not run) and whether it was cancelled."""

    keys: list[KeyOutcome]
    prices: PriceOutcome | None
    cancelled: bool

    @property
    def ok(self) -> bool:
        return (
            not self.cancelled
            and all(k.outcome == "ok" for k in self.keys)
            and (self.prices is None or self.prices.ok)
        )

    def lines(self) -> list[str]:
        out = [
            f"{k.label} ({k.exchange}): "
            + (f"{k.assets} asset(s) synced" if k.outcome == "ok" else f"{k.outcome}: {k.message}")
            for k in self.keys
        ]
        if self.prices is not None:
            out.append(self.prices.message)
        if self.cancelled:
            out.append("Sync cancelled; keys not yet read keep their last snapshot.")
        return out


class SerialStore:
    """A SecretStore used by many threads one call at a time (keyring backends may not be
    thread-safe)."""

    def __init__(self, store: SecretStore) -> None:
        self._store = store
        self._lock = threading.Lock()

    @property
    def backend_name(self) -> str:
        return self._store.backend_name

    def ensure_usable(self) -> None:
        with self._lock:
            self._store.ensure_usable()

    def get(self, entry: str) -> str | None:
        with self._lock:
            return self._store.get(entry)

    def set(self, entry: str, value: str) -> None:
        with self._lock:
            self._store.set(entry, value)

    def delete(self, entry: str) -> None:
        with self._lock:
            self._store.delete(entry)


def _read_key(
    record: KeyRecord,
    open_db: Callable[[], Database],
    store: SecretStore,
    cancel: threading.Event,
    options: ClientOptions,
) -> Read:
    """The key's balances (a list) or the reason they were not read (a KeyOutcome)."""
    from airdrop_desk.keys.vault import KeyVault, VaultError
    from airdrop_desk.storage.errors import StorageError

    if cancel.is_set():
        return KeyOutcome(record.label, record.exchange, "cancelled", "not started")
    db = None
    try:
        db = open_db()
        return KeyVault(db, store, **options).balances(record.label)
    except (VaultError, StorageError) as exc:
        return KeyOutcome(record.label, record.exchange, "failed", str(exc))
    except Exception as exc:  # one key's surprise must not stop the others
        return KeyOutcome(
            record.label, record.exchange, "failed", f"Something went wrong ({type(exc).__name__})."
        )
    finally:
        if db is not None:
            db.close()


def sync_portfolio(
    db: Database,
    open_db: Callable[[], Database],
    store: SecretStore,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    prices: PriceSource | None = None,
    refresh_prices: bool = True,
    now: Callable[[], dt.datetime] = clock.utc_now,
    max_workers: int = MAX_WORKERS,
    **client_options: Unpack[ClientOptions],
) -> SyncReport:
    """Sync every linked key, then prices, then today's value; ``db`` is this thread's."""
    cancel = cancel or threading.Event()
    report = progress or (lambda _done, _total, _text: None)
    repo = PortfolioRepo(db)
    records = KeysRepo(db).all()
    outcomes: list[KeyOutcome] = []
    todo = []
    for record in records:
        if record.status == "locked":
            repo.mark(record.id, "skipped", f"locked: {LOCKED_ADVICE}", now())
            outcomes.append(
                KeyOutcome(
                    record.label, record.exchange, "skipped", f"locked, not used: {LOCKED_ADVICE}"
                )
            )
        else:
            todo.append(record)
    total = len(todo)
    report(0, total, f"Reading {total} key(s)…" if total else "No keys to read.")
    serial = SerialStore(store)
    workers = max(1, min(max_workers, total))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="portfolio-sync")
    pending: dict[Future[Read], KeyRecord] = {}

    def top_up() -> None:
        # Keys are handed out only as workers free up, so a cancel stops every key
        # not yet started.
        while todo and len(pending) < workers and not cancel.is_set():
            record = todo.pop(0)
            pending[pool.submit(_read_key, record, open_db, serial, cancel, client_options)] = (
                record
            )

    try:
        top_up()
        done = 0
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                record = pending.pop(future)
                outcome = _settle(repo, record, future.result(), now())
                outcomes.append(outcome)
                done += 1
                report(
                    done,
                    total,
                    f"{record.label}: "
                    + ("synced" if outcome.outcome == "ok" else outcome.outcome),
                )
            top_up()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    outcomes += [KeyOutcome(r.label, r.exchange, "cancelled", "not started") for r in todo]
    cancelled = cancel.is_set()
    price_outcome = None
    if refresh_prices and not cancelled:
        report(total, total, "Refreshing prices…")
        price_outcome = service.refresh_prices(db, prices, now())
    service.record_values(db, now())
    order = {r.label: i for i, r in enumerate(records)}
    outcomes.sort(key=lambda o: order.get(o.label, len(order)))
    return SyncReport(outcomes, price_outcome, cancelled)


def _settle(repo: PortfolioRepo, record: KeyRecord, result: Read, at: dt.datetime) -> KeyOutcome:
    """Store a key's snapshot, or record why there is none (the old one stays)."""
    if isinstance(result, KeyOutcome):
        if result.outcome == "failed":
            repo.mark(record.id, "failed", result.message, at)
        return result
    repo.store_snapshot(
        record.id,
        record.label,
        record.exchange,
        [(b.asset.upper(), b.wallet, b.amount) for b in result],
        at,
    )
    return KeyOutcome(record.label, record.exchange, "ok", "", len({b.asset for b in result}))

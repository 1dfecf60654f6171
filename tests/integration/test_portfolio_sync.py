"""Portfolio sync end to end: real keyring, fake exchanges, a fake price server, real SQLite."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fakes.all import FAST
from fakes.prices import FakePrices
from fakes.secret_service import SecretService
from fakes.server import Account, FakeExchanges

from airdrop_desk.core import portfolio as pf
from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.keys.store import KeyringStore
from airdrop_desk.keys.vault import KeyVault
from airdrop_desk.portfolio import tables
from airdrop_desk.portfolio.service import load
from airdrop_desk.portfolio.sync import SyncReport, sync_portfolio
from airdrop_desk.prices.coingecko import CoinGecko
from airdrop_desk.storage.db import open_database

# Every exchange fake's BTC: Binance 0.75, Coinbase 0.15, Kraken 1.2435, Bybit 0.0002,
# KuCoin 0.3 + 1.5.
ALL_BTC = Decimal("3.9437")


@pytest.fixture(scope="module")
def prices() -> Iterator[FakePrices]:
    fake = FakePrices()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIRDROP_DESK_PRICES_URL", fake.url)
        try:
            yield fake
        finally:
            fake.close()


class Desk:
    """One data folder: its database, vault and a sync that works like the app's."""

    def __init__(self, folder: Path, store: KeyringStore) -> None:
        self.path, self.backups = folder / "airdrop-desk.sqlite3", folder / "backups"
        self.db = open_database(self.path, self.backups)
        self.store = store
        self.vault = KeyVault(self.db, store, **FAST)
        self.progress: list[tuple[int, int, str]] = []

    def open_db(self) -> Any:
        return open_database(self.path, self.backups)

    def link(
        self, fakes: FakeExchanges, exchange: str, label: str, scenario: str = "read_only"
    ) -> Account:
        account = fakes.add(exchange, "read_only")
        self.vault.link(exchange, label, Credentials.of(**account.credentials()))
        account.scenario = scenario
        return account

    def sync(self, **options: Any) -> SyncReport:
        return sync_portfolio(
            self.db,
            self.open_db,
            self.store,
            progress=lambda *a: self.progress.append(a),
            prices=CoinGecko(backoff=0.01),
            **{**FAST, **options},
        )


@pytest.fixture
def desk(
    tmp_path: Path, secret_service: SecretService, fakes: FakeExchanges, prices: FakePrices
) -> Iterator[Desk]:
    made = Desk(tmp_path / "data", KeyringStore(secret_service.backend()))
    try:
        yield made
    finally:
        for record in made.vault.linked_keys():
            made.vault.remove(record.label)
        made.db.close()


def line(lines: list[pf.Line], key: str) -> pf.Line:
    return next(ln for ln in lines if ln.key == key)


def test_sync_reads_every_exchange_and_values_it(
    desk: Desk, fakes: FakeExchanges, prices: FakePrices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(prices.prices, "polkadot")  # Kraken's staked DOT: no price
    for name in registry.NAMES:
        desk.link(fakes, name, f"{name} main")
    at = dt.datetime.now(dt.UTC)
    report = desk.sync(now=lambda: at)
    assert [k.outcome for k in report.keys] == ["ok"] * len(registry.NAMES)
    assert report.prices is not None and report.prices.unpriced == ("DOT",)
    assert report.ok and "Unpriced: DOT." in report.lines()[-1]  # said, not a failure
    assert [p[0] for p in desk.progress[: len(registry.NAMES) + 1]] == list(
        range(len(registry.NAMES) + 1)
    )

    data = load(desk.db)
    assets = pf.by_asset(data.holdings, data.quotes)
    btc = line(assets, "BTC")
    assert btc.amount == ALL_BTC
    assert btc.value == ALL_BTC * Decimal("67187.34")  # exact: Decimal from the JSON text
    assert line(assets, "USD").value == Decimal("25435.21")  # Kraken's dollars, no request
    dot = line(assets, "DOT")
    assert dot.value is None and dot.unpriced == ("DOT",)
    places = {ln.key for ln in pf.by_place(data.holdings, data.quotes)}
    assert {
        "Binance · binance main · spot",
        "Binance · binance main · funding",
        "OKX · okx main · funding",
        "Kraken · kraken main · earn",
    } <= places
    total = pf.total(data.holdings, data.quotes)
    assert total.unpriced == ("DOT",) and total.value is not None and total.value > 0

    table = tables.asset_table(data)
    shown = {row[0]: row for row in table.rows}
    assert shown["DOT"][2] == "unpriced" and shown["DOT"][4] == "unpriced"
    assert shown["Total"][-1] == "unpriced: DOT"
    exported = list(csv.DictReader(io.StringIO(_csv(table))))
    dot_row = next(r for r in exported if r["asset"] == "DOT")
    assert dot_row["value_usd"] == "" and dot_row["status"] == "unpriced"
    assert next(r for r in exported if r["asset"] == "BTC")["value_usd"] == str(
        (ALL_BTC * Decimal("67187.34")).quantize(Decimal("0.01"))
    )
    [point] = data.points["*"]
    assert point.day == at.date() and point.unpriced == 1
    assert point.value == total.value
    assert {e.label for e in desk.vault.audit()} >= {f"{n} main" for n in registry.NAMES}


def _csv(table: tables.Table) -> str:
    out = io.StringIO()
    table.write_csv(out)
    return out.getvalue()


def test_failed_key_keeps_its_last_snapshot_marked_stale(desk: Desk, fakes: FakeExchanges) -> None:
    account = desk.link(fakes, "binance", "main")
    desk.link(fakes, "gate", "gate")
    assert desk.sync().ok

    account.scenario = "server_error"
    report = desk.sync()
    failed = next(k for k in report.keys if k.label == "main")
    assert failed.outcome == "failed" and "Binance had a server error" in failed.message
    data = load(desk.db)
    kept = [h for h in data.holdings if h.where.startswith("Binance")]
    assert {h.asset for h in kept} == {"BTC", "USDT"}
    assert all("last sync failed" in h.stale for h in kept)
    assert not any(h.stale for h in data.holdings if h.where.startswith("Gate"))
    sources = {row[1]: row for row in tables.source_table(data).rows}
    status = sources["Binance · main · spot"][-1]
    assert status.startswith("stale (last sync failed: ") and "server error" in status

    account.scenario = "withdraw"  # its rights grew: verified, refused, locked, unused
    report = desk.sync()
    assert "was not used" in next(k for k in report.keys if k.label == "main").message
    assert desk.vault.get("main").status == "locked"
    hits = account.hits
    report = desk.sync()
    skipped = next(k for k in report.keys if k.label == "main")
    assert skipped.outcome == "skipped" and "locked" in skipped.message
    assert account.hits == hits  # a locked key is not even asked
    data = load(desk.db)
    assert all(
        h.stale.startswith("skipped: locked")
        for h in data.holdings
        if h.where.startswith("Binance")
    )

    account.scenario = "read_only"
    assert desk.vault.check("main")[0].ok
    assert desk.sync().ok
    assert not any(h.stale for h in load(desk.db).holdings)


def test_cancel_leaves_keys_not_started(
    desk: Desk, fakes: FakeExchanges, prices: FakePrices
) -> None:
    fakes.slow_seconds = 0.2
    try:
        for n in range(4):
            desk.link(fakes, "okx", f"okx {n}", scenario="slow")
        cancel = threading.Event()
        asked = len(prices.requests)

        def progress(done: int, total: int, text: str) -> None:
            if done == 1:
                cancel.set()

        report = sync_portfolio(
            desk.db,
            desk.open_db,
            desk.store,
            progress=progress,
            cancel=cancel,
            max_workers=1,
            prices=CoinGecko(),
            **FAST,
        )
    finally:
        fakes.slow_seconds = 1.5
    outcomes = [k.outcome for k in report.keys]
    assert outcomes.count("ok") == 1 and outcomes.count("cancelled") == 3
    assert report.cancelled and report.prices is None and len(prices.requests) == asked
    assert "Sync cancelled" in report.lines()[-1]
    assert len(load(desk.db).keys) == 1


def test_sync_writes_snapshots_from_eight_keys_at_once(desk: Desk, fakes: FakeExchanges) -> None:
    for n in range(8):
        desk.link(fakes, ["kraken", "kucoin"][n % 2], f"key {n}")
    started = threading.Event()
    names: set[str] = set()
    original: Callable[[], Any] = desk.open_db

    def opener() -> Any:
        names.add(threading.current_thread().name)
        started.set()
        return original()

    desk.open_db = opener  # type: ignore[method-assign]
    assert desk.sync().ok
    assert len(names) > 1  # keys were read side by side, each on its own connection
    data = load(desk.db)
    assert len(data.keys) == 8
    assert line(pf.by_asset(data.holdings, data.quotes), "BTC").amount == 4 * Decimal(
        "1.2435"
    ) + 4 * Decimal("1.8")

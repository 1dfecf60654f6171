"""Prices from a fake CoinGecko on 127.0.0.1: exact values, retries, errors, offline use."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fakes.prices import UPDATED_AT, FakePrices

from airdrop_desk.portfolio import tables
from airdrop_desk.portfolio.service import load, refresh_prices
from airdrop_desk.prices.coingecko import CoinGecko, PriceError
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.portfolio_repo import PortfolioRepo

NOW = dt.datetime(2024, 3, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePrices]:
    server = FakePrices()
    monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", server.url)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Any]:
    database = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    try:
        yield database
    finally:
        database.close()


def quick(**options: Any) -> CoinGecko:
    return CoinGecko(**{"backoff": 0.01, "timeout": 0.5, **options})


def test_prices_are_exact_and_unknowns_are_named(fake: FakePrices) -> None:
    fetched = quick().fetch(["btc", "ETH", "USD", "STRK", "WAT", "ZK", "USDT"], NOW)
    assert fetched.quotes["BTC"].usd == Decimal("67187.34")
    assert fetched.quotes["USDT"].usd == Decimal("1.0002")
    assert fetched.quotes["BTC"].at == dt.datetime.fromtimestamp(UPDATED_AT, dt.UTC)
    assert fetched.quotes["USD"].usd == 1 and fetched.quotes["USD"].source == "fixed"
    assert fetched.unknown == ["WAT"]  # no id: never guessed from the symbol
    assert fetched.no_price == []
    assert sorted(fake.requests[-1]) == ["bitcoin", "ethereum", "starknet", "tether", "zksync"]

    del fake.prices["zksync"]
    assert quick().fetch(["ZK"], NOW).no_price == ["ZK"]


def test_many_assets_are_asked_in_batches(fake: FakePrices) -> None:
    ids = {f"T{n}": f"token-{n}" for n in range(150)}
    fake.prices.update({f"token-{n}": f"{n}.5" for n in range(150)})
    fetched = quick(ids=ids).fetch(list(ids), NOW)
    assert len(fetched.quotes) == 150 and fetched.quotes["T149"].usd == Decimal("149.5")
    assert [len(r) for r in fake.requests] == [100, 50]


def test_rate_limits_and_server_errors_are_retried(fake: FakePrices) -> None:
    fake.fail_next = [429, 503]
    assert quick().fetch(["BTC"], NOW).quotes["BTC"].usd == Decimal("67187.34")
    fake.fail_next = [500, 500, 500]
    with pytest.raises(PriceError, match=r"CoinGecko had a server error \(HTTP 500\) 3 times"):
        quick().fetch(["BTC"], NOW)
    fake.fail_next = [429] * 3
    with pytest.raises(PriceError, match="CoinGecko is limiting requests"):
        quick().fetch(["BTC"], NOW)


def test_bad_replies_and_slow_servers_are_explained(fake: FakePrices) -> None:
    fake.malformed = True
    with pytest.raises(PriceError, match="a reply this app cannot read"):
        quick().fetch(["BTC"], NOW)
    fake.malformed = False
    fake.delay = 1.0
    with pytest.raises(PriceError, match=r"did not answer within 0.3 s"):
        quick(timeout=0.3).fetch(["BTC"], NOW)


def test_a_huge_or_dripped_reply_is_cut_off(fake: FakePrices) -> None:
    fake.padding = 2 << 20
    with pytest.raises(PriceError, match=r"cannot read \(larger than 1024 KiB\)"):
        quick().fetch(["BTC"], NOW)
    fake.padding = 0
    fake.drip = 0.05  # about 3 s for the whole reply, every byte well within the timeout
    with pytest.raises(PriceError, match=r"did not finish its reply within 0.3 s"):
        quick(deadline=0.3).fetch(["BTC"], NOW)


def test_the_override_must_be_https_or_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", "http://prices.example.com/api/v3")
    with pytest.raises(PriceError, match="must be an https URL or a loopback http URL"):
        CoinGecko()
    monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", "https://prices.example.com/api/v3/")
    assert CoinGecko().base_url == "https://prices.example.com/api/v3"
    monkeypatch.delenv("AIRDROP_DESK_PRICES_URL")
    assert CoinGecko().base_url == "https://api.coingecko.com/api/v3"


def test_a_server_that_never_answers_is_given_up_on_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # connections are accepted; no reply ever comes
        port = listener.getsockname()[1]
        monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", f"http://127.0.0.1:{port}")
        # The read timeout (30 s) would wait far longer: the deadline is what ends it.
        with pytest.raises(PriceError, match=r"did not finish its reply within 0.3 s"):
            quick(timeout=30, deadline=0.3).fetch(["BTC"], NOW)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_offline_the_last_prices_stay_with_their_age(
    fake: FakePrices, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = PortfolioRepo(db)
    repo.add_holding("BTC", Decimal("0.5"), "Ledger", None, NOW)
    repo.add_holding("WAT", Decimal("7"), "", None, NOW)
    first = refresh_prices(db, quick(), NOW)
    assert first.ok and first.unpriced == ("WAT",)

    later = NOW + dt.timedelta(hours=5)
    monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", f"http://127.0.0.1:{closed_port()}/api/v3")
    outcome = refresh_prices(db, quick(), later)
    assert not outcome.ok
    assert outcome.message.startswith("Prices not refreshed: Could not reach CoinGecko")
    assert outcome.message.endswith("Showing the prices of 5 h ago.")
    data = load(db, later)
    assert tables.price_status(data).startswith(
        "Prices could not be refreshed (showing prices updated 5 h ago): Could not reach"
    )
    rows = {r[0]: r for r in tables.asset_table(data).rows}
    assert rows["BTC"][2:5] == ["$67,187.34", "5 h ago", "$33,593.67"]
    assert rows["WAT"][2] == "unpriced" and rows["WAT"][4] == "unpriced"

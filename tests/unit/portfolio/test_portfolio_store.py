"""Snapshots, holdings, quotes and daily values in a real database, read back as the app does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from portfolio_data import NOW, add_claim, add_key, add_profile, add_task_cost

from airdrop_desk.core import portfolio as pf
from airdrop_desk.core.portfolio import Quote
from airdrop_desk.portfolio.service import load, record_values
from airdrop_desk.storage.keys_repo import KeysRepo
from airdrop_desk.storage.migrations import KNOWN
from airdrop_desk.storage.portfolio_repo import PortfolioRepo

DAY = dt.timedelta(days=1)


def test_one_snapshot_per_key_and_day_and_only_linked_keys_show(db: Any) -> None:
    assert "0006_portfolio" in KNOWN
    repo = PortfolioRepo(db)
    main, old = add_key(db, "main"), add_key(db, "old", "okx")
    repo.store_snapshot(main, "main", "binance", [("BTC", "spot", Decimal("1"))], NOW - DAY)
    repo.store_snapshot(main, "main", "binance", [("BTC", "spot", Decimal("2"))], NOW)
    repo.store_snapshot(
        main,
        "main",
        "binance",
        [
            ("BTC", "spot", Decimal("0.5")),
            ("BTC", "spot", Decimal("0.25")),
            ("ETH", "funding", Decimal("3")),
        ],
        NOW + dt.timedelta(hours=2),
    )
    repo.store_snapshot(old, "old", "okx", [("USDT", "funding", Decimal("5"))], NOW)
    assert db.execute("SELECT COUNT(*) FROM portfolio_snapshots").fetchone()[0] == 3
    [latest, okx] = repo.latest_snapshots()
    assert latest.taken_at == NOW + dt.timedelta(hours=2)
    assert sorted(latest.balances) == [
        ("BTC", "spot", Decimal("0.75")),
        ("ETH", "funding", Decimal("3")),
    ]
    assert okx.label == "old"
    KeysRepo(db).delete(old)  # removed from the vault: gone from the portfolio
    assert [s.label for s in repo.latest_snapshots()] == ["main"]


def test_a_failed_sync_keeps_the_snapshot_and_marks_it_stale(db: Any) -> None:
    repo = PortfolioRepo(db)
    key = add_key(db, "main")
    repo.store_snapshot(key, "main", "binance", [("BTC", "spot", Decimal("1"))], NOW)
    repo.mark(key, "failed", "Binance did not answer within 10 s.", NOW + DAY / 2)
    [snapshot] = repo.latest_snapshots()
    assert snapshot.balances == [("BTC", "spot", Decimal("1"))]
    assert snapshot.state.outcome == "failed" and snapshot.state.last_success_at == NOW
    [holding] = load(db, NOW + DAY / 2).holdings
    assert holding.stale == "last sync failed: Binance did not answer within 10 s."
    repo.store_snapshot(key, "main", "binance", [("BTC", "spot", Decimal("1"))], NOW + DAY)
    assert load(db, NOW + DAY).holdings[0].stale == ""
    # No failure, but no sync for two days either: old data is marked too.
    assert load(db, NOW + 3 * DAY).holdings[0].stale == "last synced 2 days ago"


def test_holdings_keep_exact_amounts_and_profiles(db: Any) -> None:
    repo = PortfolioRepo(db)
    alice = add_profile(db, "Alice")
    tiny = Decimal("0.000000000000000001")
    first = repo.add_holding("ETH", tiny, "Ledger", alice, NOW)
    repo.add_holding("SOL", Decimal("12.50"), "", None, NOW)
    assert (
        db.execute("SELECT amount FROM manual_holdings WHERE id = ?", [first]).fetchone()[0]
        == "0.000000000000000001"
    )
    data = load(db, NOW)
    assert [(h.asset, h.amount, h.profile, h.where) for h in data.holdings] == [
        ("ETH", tiny, "Alice", "Ledger"),
        ("SOL", Decimal("12.5"), "", "Manual"),
    ]
    key = add_key(db, "main")
    repo.set_key_profile(key, alice)
    repo.store_snapshot(key, "main", "binance", [("BTC", "spot", Decimal("1"))], NOW)
    assert load(db, NOW).holdings[0].profile == "Alice"
    with db.atomic():  # a purged profile leaves its holdings without a profile
        db.execute("DELETE FROM profiles WHERE id = ?", [alice])
    assert {h.profile for h in load(db, NOW).holdings} == {""}
    assert repo.remove_holding(first) and not repo.remove_holding(first)


def test_quotes_latest_and_of_a_past_day(db: Any) -> None:
    repo = PortfolioRepo(db)
    repo.store_quotes(
        [
            Quote("ETH", Decimal("1600"), NOW - 30 * DAY, "coingecko"),
            Quote("ETH", Decimal("3000"), NOW, "coingecko"),
            Quote("ETH", Decimal("3001"), NOW, "coingecko"),
        ]
    )  # same moment: replaced
    assert repo.latest_quotes(["ETH", "WAT"]) == {
        "ETH": Quote("ETH", Decimal("3001"), NOW, "coingecko")
    }
    assert repo.quote_at("ETH", NOW - 30 * DAY + dt.timedelta(hours=20)).usd == 1600
    assert repo.quote_at("ETH", NOW - 29 * DAY + dt.timedelta(hours=1)) is None
    assert repo.quote_at("ETH", NOW - dt.timedelta(hours=3)).usd == 3001
    assert repo.quote_at("WAT", NOW) is None


def test_value_history_is_a_point_per_day_for_the_chart(db: Any) -> None:
    repo = PortfolioRepo(db)
    bob = add_profile(db, "Bob")
    repo.add_holding("ETH", Decimal("2"), "Ledger", bob, NOW)
    repo.add_holding("WAT", Decimal("9"), "", None, NOW)
    for days, price in ((0, "3000"), (1, "2900"), (1, "3100"), (3, "3200")):
        moment = NOW + days * DAY
        repo.store_quotes([Quote("ETH", Decimal(price), moment)])
        record_values(db, moment)
    total = repo.values()
    assert [(p.day.isoformat(), p.value, p.unpriced) for p in total] == [
        ("2025-05-01", Decimal("6000"), 1),
        ("2025-05-02", Decimal("6200"), 1),
        ("2025-05-04", Decimal("6400"), 1),
    ]
    assert [p.unpriced for p in repo.values(str(bob))] == [0, 0, 0]
    assert pf.chart_xy(total) == [(0.0, 6000.0), (1.0, 6200.0), (3.0, 6400.0)]
    assert load(db, NOW).points[str(bob)][-1].value == Decimal("6400")


def test_claims_and_tick_costs_feed_holdings_and_roi(db: Any) -> None:
    repo = PortfolioRepo(db)
    alice = add_profile(db, "Alice")
    gas_day = dt.datetime(2023, 9, 3, 15, tzinfo=dt.UTC)
    add_task_cost(db, alice, "starknet", gas_day, 0.002, "eth")  # fee in ETH
    add_task_cost(db, alice, "starknet", gas_day, 0.001, "ETH", 2.5)  # recorded: $2.50
    add_task_cost(db, alice, "starknet", gas_day, None, usd=10.0)  # a $10 fee
    add_claim(db, alice, "starknet", 1250.0, "strk", "2024-02-20")
    add_claim(db, alice, "layerzero", None, "", None, status="eligible")  # not received
    repo.store_quotes(
        [
            Quote("ETH", Decimal("1600"), gas_day + dt.timedelta(hours=2)),
            Quote("ETH", Decimal("3000"), NOW),
            Quote("STRK", Decimal("0.4"), NOW),
        ]
    )
    repo.set_claim_value(alice, "starknet", Decimal("2375"))
    data = load(db, NOW)
    [receipt] = data.holdings
    assert (receipt.asset, receipt.amount, receipt.source, receipt.where) == (
        "STRK",
        Decimal("1250.0"),
        "airdrop",
        "starknet airdrop",
    )  # no catalog stored here
    [row] = data.roi
    assert (row.at_claim, row.now) == (Decimal("2375"), Decimal("500.00"))
    assert row.costs == Decimal("15.7000")  # 0.002 ETH at 1600 + $2.50 + $10
    assert row.cost_basis == "dollars, price at the time, recorded value"
    assert row.net_now == Decimal("484.3000")
    assert [t.profile for t in data.roi_totals] == ["Alice"]

"""The tables the window and the CLI show, and the CSV files they export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from portfolio_data import NOW, add_claim, add_key, add_profile, add_task_cost

from airdrop_desk.core.portfolio import Quote
from airdrop_desk.portfolio import tables
from airdrop_desk.portfolio.service import load, record_values
from airdrop_desk.storage.portfolio_repo import PortfolioRepo


def exported(table: tables.Table) -> list[list[str]]:
    out = io.StringIO()
    table.write_csv(out)
    return list(csv.reader(io.StringIO(out.getvalue())))


def fill(db: Any) -> None:
    repo = PortfolioRepo(db)
    alice = add_profile(db, "Alice")
    key = add_key(db, "main")
    repo.set_key_profile(key, alice)
    repo.store_snapshot(
        key,
        "main",
        "binance",
        [("BTC", "spot", Decimal("0.75")), ("USDT", "funding", Decimal("1005"))],
        NOW,
    )
    repo.mark(key, "failed", "Binance did not answer within 10 s.", NOW)
    repo.add_holding("ETH", Decimal("1.5"), "Ledger", None, NOW)
    repo.add_holding("WAT", Decimal("7"), "", alice, NOW)
    add_claim(db, alice, "starknet", 1250.0, "STRK", "2024-02-20")
    add_task_cost(db, alice, "starknet", NOW - dt.timedelta(days=400), 0.002, "ETH")
    repo.store_quotes(
        [
            Quote("BTC", Decimal("60000.5"), NOW - dt.timedelta(hours=3)),
            Quote("USDT", Decimal("1.0002"), NOW),
            Quote("ETH", Decimal("3000"), NOW),
            Quote("STRK", Decimal("0.42"), NOW),
        ]
    )
    repo.set_price_refresh(NOW, True, "ok")
    record_values(db, NOW)


def test_asset_table_and_its_csv(db: Any) -> None:
    fill(db)
    data = load(db, NOW)
    table = tables.asset_table(data)
    assert table.rows[0] == [
        "BTC",
        "0.75",
        "$60,000.50",
        "3 h ago",
        "$45,000.38",
        "Exchange",
        "stale",
    ]
    assert table.rows[-2] == ["WAT", "7", "unpriced", "—", "unpriced", "Manual", "unpriced"]
    assert table.flags[-2] == {"unpriced"} and "total" in table.flags[-1]
    assert exported(table) == [
        ["asset", "amount", "price_usd", "price_at", "value_usd", "sources", "status"],
        ["BTC", "0.75", "60000.5", "2025-05-01T09:00:00.000Z", "45000.38", "Exchange", "stale"],
        ["ETH", "1.5", "3000", "2025-05-01T12:00:00.000Z", "4500.00", "Manual", ""],
        ["USDT", "1005", "1.0002", "2025-05-01T12:00:00.000Z", "1005.20", "Exchange", "stale"],
        ["STRK", "1250", "0.42", "2025-05-01T12:00:00.000Z", "525.00", "Airdrop", ""],
        ["WAT", "7", "", "", "", "Manual", "unpriced"],
        ["Total", "", "", "", "51030.58", "", "unpriced: WAT; stale"],
    ]
    only_alice = tables.asset_table(data, "Alice")
    assert [r[0] for r in only_alice.rows] == ["BTC", "USDT", "STRK", "WAT", "Total"]


def test_source_profile_and_history_csv(db: Any) -> None:
    fill(db)
    data = load(db, NOW)
    assert exported(tables.source_table(data)) == [
        ["source", "where", "profile", "assets", "value_usd", "status"],
        [
            "exchange",
            "Binance · main · spot",
            "Alice",
            "1",
            "45000.38",
            "stale (last sync failed: Binance did not answer within 10 s.)",
        ],
        [
            "exchange",
            "Binance · main · funding",
            "Alice",
            "1",
            "1005.20",
            "stale (last sync failed: Binance did not answer within 10 s.)",
        ],
        ["manual", "Ledger", "", "1", "4500.00", ""],
        ["manual", "Manual", "Alice", "1", "", "unpriced: WAT"],
        ["airdrop", "starknet airdrop", "Alice", "1", "525.00", ""],
        ["Total", "", "", "", "51030.58", "unpriced: WAT; stale"],
    ]
    shown = tables.source_table(data).rows
    assert shown[3][4] == "unpriced" and shown[-1][4] == "$51,030.58 + 1 unpriced"
    assert exported(tables.profile_table(data))[1:] == [
        ["Alice", "46530.58", "unpriced: WAT; stale"],
        ["", "4500.00", ""],
        ["Total", "51030.58", "unpriced: WAT; stale"],
    ]
    assert exported(tables.history_table(tables.points_for(data, None))) == [
        ["day", "value_usd", "unpriced_assets"],
        ["2025-05-01", "51030.58", "1"],
    ]
    assert tables.points_for(data, "Alice")[0].value == Decimal("46530.576")
    assert tables.points_for(data, "Nobody") == []
    assert tables.price_status(data) == "Prices from CoinGecko, updated just now."
    assert tables.key_lines(data) == [
        "main (binance): synced 2025-05-01 12:00 UTC — stale, last sync failed: Binance did "
        "not answer within 10 s."
    ]


def test_roi_csv_has_each_project_then_the_profile_total(db: Any) -> None:
    fill(db)
    table = tables.roi_table(load(db, NOW))
    rows = exported(table)
    assert rows[0] == [
        "profile",
        "project",
        "received",
        "value_at_claim_usd",
        "value_now_usd",
        "costs_usd",
        "cost_basis",
        "net_at_claim_usd",
        "net_now_usd",
        "notes",
    ]
    assert rows[1][:9] == [
        "Alice",
        "starknet",
        "1250 STRK",
        "",
        "525.00",
        "6.00",
        "today's price",
        "",
        "519.00",
    ]
    assert "STRK value at claim not recorded" in rows[1][9]
    assert rows[2][:9] == [
        "Alice",
        "Total",
        "1 project(s)",
        "",
        "525.00",
        "6.00",
        "today's price",
        "",
        "519.00",
    ]
    assert "value at claim leaves out starknet" in rows[2][9]
    assert table.rows[0][3] == "not recorded" and table.rows[1][3] == "not recorded"
    assert table.flags[1] == {"total"}


def test_exported_cells_never_run_as_spreadsheet_formulas(db: Any) -> None:
    # An asset symbol or a place comes from an exchange's reply or the user's typing.
    repo = PortfolioRepo(db)
    repo.add_holding(
        '=HYPERLINK("https://drainer.example","x")', Decimal("-2"), "@SUM(A1)", None, NOW
    )
    key = add_key(db, "main")
    repo.store_snapshot(key, "main", "binance", [("+cmd|' /C calc'!A0", "spot", Decimal("1"))], NOW)
    repo.mark(key, "failed", "-1+1 from the exchange", NOW)
    data = load(db, NOW)
    cells = [
        cell
        for table in (tables.asset_table(data), tables.source_table(data))
        for row in exported(table)
        for cell in row
    ]
    assert '\'=HYPERLINK("https://drainer.example","x")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(A1)" in cells
    assert "-2" in cells  # a negative amount stays a number
    risky = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert risky == []
    assert [c for c in cells if c.startswith("-") and not c[1:].replace(".", "").isdigit()] == []

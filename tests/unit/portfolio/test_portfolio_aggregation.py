"""Holdings grouped by asset, place, source and profile; unpriced assets never count as zero."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from airdrop_desk.core import portfolio as pf
from airdrop_desk.core.portfolio import Holding, Quote, ValuePoint

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
QUOTES = {"BTC": Quote("BTC", Decimal("60000"), NOW), "ETH": Quote("ETH", Decimal("3000.5"), NOW)}
HOLDINGS = [
    Holding("BTC", Decimal("0.5"), "exchange", "Binance · main · spot", "Alice"),
    Holding(
        "BTC",
        Decimal("0.25"),
        "exchange",
        "Binance · main · funding",
        "Alice",
        stale="last sync failed: timeout",
    ),
    Holding("ETH", Decimal("2"), "manual", "Ledger", "Bob"),
    Holding("STRK", Decimal("1250.5"), "airdrop", "Starknet airdrop", "Bob"),
    Holding("ETH", Decimal("0.1"), "manual", "Ledger", ""),
]


def test_by_asset_sums_amounts_and_leaves_unpriced_assets_without_value() -> None:
    lines = pf.by_asset(HOLDINGS, QUOTES)
    assert [ln.key for ln in lines] == ["BTC", "ETH", "STRK"]  # by value, unpriced last
    btc, eth, strk = lines
    assert btc.amount == Decimal("0.75") and btc.value == Decimal("45000.00")
    assert btc.stale == ("Binance · main · funding",) and btc.group == "Exchange"
    assert eth.amount == Decimal("2.1") and eth.value == Decimal("6301.05")
    assert strk.value is None and strk.unpriced == ("STRK",) and not strk.complete


def test_groups_keep_the_priced_part_and_name_what_is_left_out() -> None:
    sources = pf.by_source(HOLDINGS, QUOTES)
    assert [(s.key, s.value, s.unpriced) for s in sources] == [
        ("exchange", Decimal("45000.00"), ()),
        ("manual", Decimal("6301.05"), ()),
        ("airdrop", None, ("STRK",)),
    ]
    places = pf.by_place(HOLDINGS, QUOTES)
    assert [p.key for p in places] == [
        "Binance · main · spot",
        "Binance · main · funding",
        "Ledger",
        "Starknet airdrop",
    ]
    profiles = pf.by_profile(HOLDINGS, QUOTES)
    assert [(p.key, p.value, p.unpriced) for p in profiles] == [
        ("Alice", Decimal("45000.00"), ()),
        ("Bob", Decimal("6001.0"), ("STRK",)),
        ("", Decimal("300.05"), ()),
    ]
    total = pf.total(HOLDINGS, QUOTES)
    assert total.value == Decimal("51301.05") and total.unpriced == ("STRK",)
    assert total.stale == ("Binance · main · funding",)
    assert pf.total(pf.for_profile(HOLDINGS, "Bob"), QUOTES).value == Decimal("6001.0")


def test_nothing_priced_is_none_not_zero() -> None:
    line = pf.total([Holding("WAT", Decimal(5), "manual", "x")], {})
    assert line.value is None and line.unpriced == ("WAT",)
    assert pf.usd_text(line.value) == "unpriced"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.25", "1.25"),
        (" 1_000 ", "1000"),
        ("0.000000000000000001", "0.000000000000000001"),
        ("1e3", "1000"),
        ("1.50", "1.5"),
    ],
)
def test_amounts_are_exact(text: str, expected: str) -> None:
    assert pf.amount_text(pf.parse_amount(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The amount is empty."),
        ("1,5", "'1,5' is not a number"),
        ("nan", "'nan' is not a finite number."),
        ("inf", "not a finite number"),
        ("-1", "more than zero"),
        ("0", "more than zero"),
        ("1" * 41, "more than 40 digits"),
    ],
)
def test_malformed_amounts_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(pf.AmountError, match=message):
        pf.parse_amount(text)


def test_money_and_age_for_people() -> None:
    assert pf.usd_text(Decimal("1234567.891")) == "$1,234,567.89"
    assert pf.usd_text(Decimal("0.000012345")) == "$0.00001234"
    assert pf.usd_text(Decimal("-20")) == "-$20.00"
    assert pf.usd_text(None, unpriced="not recorded") == "not recorded"
    assert pf.age_text(NOW - dt.timedelta(seconds=30), NOW) == "just now"
    assert pf.age_text(NOW - dt.timedelta(minutes=7), NOW) == "7 min"
    assert pf.age_text(NOW - dt.timedelta(hours=30), NOW) == "30 h"
    assert pf.age_text(NOW - dt.timedelta(days=9), NOW) == "9 days"
    assert pf.age_text(None, NOW) == "never"


def test_value_series_and_chart_points() -> None:
    day = dt.date(2025, 1, 1)
    points = [ValuePoint(day + dt.timedelta(days=n), Decimal(100 + n)) for n in (3, 0, 1)]
    points.append(ValuePoint(day + dt.timedelta(days=1), Decimal(150), 2))  # later wins
    ordered = pf.series(points)
    assert [p.day.day for p in ordered] == [1, 2, 4]
    assert ordered[1].value == 150 and ordered[1].unpriced == 2
    assert pf.series(points, since=day + dt.timedelta(days=2)) == [ordered[2]]
    assert pf.chart_xy(ordered) == [(0.0, 100.0), (1.0, 150.0), (3.0, 103.0)]
    assert pf.chart_xy([]) == []

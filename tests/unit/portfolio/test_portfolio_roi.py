"""Airdrop ROI: value at claim and now, minus task costs, fees in native tokens converted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from airdrop_desk.core.portfolio import Quote
from airdrop_desk.core.roi import (
    AT_THE_TIME,
    DOLLARS,
    RECORDED,
    TODAY,
    Claim,
    Cost,
    cost_in_usd,
    profile_totals,
    roi_rows,
)

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
CLAIMED = dt.datetime(2024, 2, 20, 12, tzinfo=dt.UTC)
GAS_DAY = dt.datetime(2023, 9, 3, 15, tzinfo=dt.UTC)


class Prices:
    """Stored prices: today's, and a few from past days."""

    def __init__(self, today: dict[str, str], past: dict[tuple[str, dt.date], str]) -> None:
        self.today = {a: Quote(a, Decimal(v), NOW) for a, v in today.items()}
        self.past = past

    def now(self, asset: str) -> Quote | None:
        return self.today.get(asset)

    def at(self, asset: str, moment: dt.datetime) -> Quote | None:
        value = self.past.get((asset, moment.date()))
        return None if value is None else Quote(asset, Decimal(value), moment)


PRICES = Prices(
    {"STRK": "0.42", "ETH": "3000", "ZK": "0.15"},
    {("ETH", GAS_DAY.date()): "1600", ("STRK", CLAIMED.date()): "1.90"},
)


def test_fees_in_native_tokens_use_the_price_of_their_day_else_today() -> None:
    assert cost_in_usd(Cost("p", "A", Decimal("0.002"), "ETH", GAS_DAY), PRICES) == (
        Decimal("3.2000"),
        AT_THE_TIME,
    )
    later = GAS_DAY + dt.timedelta(days=40)  # no stored price that day
    assert cost_in_usd(Cost("p", "A", Decimal("0.002"), "ETH", later), PRICES) == (
        Decimal("6.000"),
        TODAY,
    )
    assert cost_in_usd(Cost("p", "A", Decimal("0.002"), "ETH", later, Decimal("3.10")), PRICES) == (
        Decimal("3.10"),
        RECORDED,
    )
    assert cost_in_usd(Cost("p", "A", Decimal("12.5")), PRICES) == (Decimal("12.5"), DOLLARS)
    assert cost_in_usd(Cost("p", "A", Decimal(1), "WAT", later), PRICES) == (
        None,
        "a cost in WAT has no price",
    )


def test_roi_per_project_and_profile() -> None:
    claims = [Claim("starknet", "Starknet", "Alice", "STRK", Decimal("1250"), CLAIMED)]
    costs = [
        Cost("starknet", "Alice", Decimal("0.002"), "ETH", GAS_DAY),  # $3.20 that day
        Cost(
            "starknet", "Alice", Decimal("0.001"), "ETH", GAS_DAY + dt.timedelta(days=40)
        ),  # $3.00 at today's price
        Cost("starknet", "Alice", Decimal("10")),  # a $10 bridge fee
        Cost("zksync", "Alice", Decimal("0.01"), "ETH", GAS_DAY, project="zkSync"),
    ]
    starknet, zksync = roi_rows(claims, costs, PRICES)
    assert starknet.received == "1250 STRK"
    assert starknet.at_claim == Decimal("2375.00")  # the stored STRK price of claim day
    assert starknet.now == Decimal("525.00")
    assert starknet.costs == Decimal("16.2000")
    assert starknet.net_at_claim == Decimal("2358.8000")
    assert starknet.net_now == Decimal("508.8000")
    assert starknet.cost_basis == "dollars, price at the time, today's price"
    assert any("converted at today's price" in n for n in starknet.notes)
    assert "STRK value at claim from the stored price of that day" in starknet.notes

    assert zksync.project == "zkSync" and zksync.received == "nothing yet"
    assert (zksync.at_claim, zksync.now, zksync.costs) == (0, 0, Decimal("16.00"))
    assert zksync.net_now == Decimal("-16.00")  # farmed, nothing received: a loss

    [total] = profile_totals([starknet, zksync])
    assert (total.project, total.profile, total.received) == ("Total", "Alice", "2 project(s)")
    assert total.now == Decimal("525.00") and total.costs == Decimal("32.2000")
    assert total.net_now == Decimal("492.8000") and total.notes == ()


def test_unknown_values_are_named_never_zero() -> None:
    claims = [
        Claim("x", "Project X", "Bob", "WAT", Decimal("10"), None),
        Claim("zksync", "zkSync", "Bob", "ZK", Decimal("900"), CLAIMED, Decimal("171")),
        Claim("y", "Project Y", "Bob", "", None),
    ]
    costs = [Cost("x", "Bob", Decimal("2"), "SOL", GAS_DAY)]
    x, y, zk = roi_rows(claims, costs, PRICES)
    assert (x.at_claim, x.now, x.costs, x.net_now) == (None, None, None, None)
    assert set(x.notes) == {
        "WAT value at claim not recorded",
        "WAT is unpriced",
        "a cost in SOL has no price",
    }
    assert y.received == "an amount not recorded"
    assert y.notes == ("Project Y: claim amount or token not recorded",)
    assert zk.at_claim == Decimal("171") and zk.now == Decimal("135.00")
    assert zk.cost_basis == "no costs" and zk.net_at_claim == Decimal("171")
    [total] = profile_totals([x, y, zk])
    assert total.now == Decimal("135.00")
    assert "value now leaves out Project X, Project Y" in total.notes
    assert "cost total leaves out Project X" in total.notes

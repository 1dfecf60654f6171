"""Did the farming pay? Airdrop value received, minus the costs recorded on its tasks.

Per project and profile: the claimed tokens' dollar value at claim and now, the task
costs in dollars, and both nets. A cost paid in a token (gas in ETH, fees in SOL) is
converted with the value recorded for it, else with a stored price from the day it was
paid, else with today's price, and each row says which of these it used. What cannot
be valued is None and named in the row's notes: never a silent zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from airdrop_desk.core.portfolio import Quote, amount_text

USD = "USD"
# How a cost in a token became dollars.
RECORDED = "recorded value"
AT_THE_TIME = "price at the time"
TODAY = "today's price"
DOLLARS = "dollars"


@dataclass(frozen=True)
class Claim:
    """Tokens received from an airdrop by one profile (a claim with status claimed)."""

    project_id: str
    project: str
    profile: str
    token: str
    amount: Decimal | None  # None when the claim was recorded without an amount
    claimed_at: dt.datetime | None = None
    value_at_claim: Decimal | None = None  # dollars, when the user recorded it


@dataclass(frozen=True)
class Cost:
    """A cost recorded on a task: ``amount`` of ``asset`` ("USD" for dollars)."""

    project_id: str
    profile: str
    amount: Decimal
    asset: str = USD
    spent_at: dt.datetime | None = None
    usd_at_time: Decimal | None = None  # dollars, when the user recorded them
    project: str = ""


class PriceHistory(Protocol):
    """Stored prices: the latest one, and the one in force at a past moment."""

    def now(self, asset: str) -> Quote | None: ...

    def at(self, asset: str, moment: dt.datetime) -> Quote | None: ...


@dataclass(frozen=True)
class RoiRow:
    """One project and profile (or a profile's total when ``project_id`` is "")."""

    project_id: str
    project: str
    profile: str
    received: str  # the tokens received, e.g. "1250 STRK"
    at_claim: Decimal | None
    now: Decimal | None
    costs: Decimal | None
    cost_basis: str
    notes: tuple[str, ...] = field(default=())

    @property
    def net_at_claim(self) -> Decimal | None:
        return None if self.at_claim is None or self.costs is None else self.at_claim - self.costs

    @property
    def net_now(self) -> Decimal | None:
        return None if self.now is None or self.costs is None else self.now - self.costs


def cost_in_usd(cost: Cost, prices: PriceHistory) -> tuple[Decimal | None, str]:
    """A cost in dollars and the basis of the conversion (None, reason when impossible)."""
    if cost.asset.upper() == USD:
        return cost.amount, DOLLARS
    if cost.usd_at_time is not None:
        return cost.usd_at_time, RECORDED
    if cost.spent_at is not None:
        quote = prices.at(cost.asset, cost.spent_at)
        if quote is not None:
            return cost.amount * quote.usd, AT_THE_TIME
    quote = prices.now(cost.asset)
    if quote is not None:
        return cost.amount * quote.usd, TODAY
    return None, f"a cost in {cost.asset} has no price"


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _received(claims: list[Claim]) -> str:
    amounts: dict[str, Decimal] = {}
    for c in claims:
        if c.amount is not None and c.token:
            amounts[c.token] = amounts.get(c.token, Decimal(0)) + c.amount
    text = ", ".join(f"{amount_text(a)} {t}" for t, a in amounts.items())
    if any(c.amount is None or not c.token for c in claims):
        text = ", ".join(filter(None, [text, "an amount not recorded"]))
    return text or "nothing yet"


def _claim_values(
    claim: Claim, prices: PriceHistory, notes: list[str]
) -> tuple[Decimal | None, Decimal | None]:
    if claim.amount is None or not claim.token:
        notes.append(f"{claim.project}: claim amount or token not recorded")
        return claim.value_at_claim, None
    at_claim = claim.value_at_claim
    if at_claim is None and claim.claimed_at is not None:
        quote = prices.at(claim.token, claim.claimed_at)
        if quote is not None:
            at_claim = claim.amount * quote.usd
            notes.append(f"{claim.token} value at claim from the stored price of that day")
    if at_claim is None:
        notes.append(f"{claim.token} value at claim not recorded")
    quote = prices.now(claim.token)
    if quote is None:
        notes.append(f"{claim.token} is unpriced")
    return at_claim, None if quote is None else claim.amount * quote.usd


def roi_rows(claims: Iterable[Claim], costs: Iterable[Cost], prices: PriceHistory) -> list[RoiRow]:
    """A row per (project, profile) with a claim or a cost, sorted by profile then project."""
    keys: dict[tuple[str, str], str] = {}
    claimed: dict[tuple[str, str], list[Claim]] = {}
    spent: dict[tuple[str, str], list[Cost]] = {}
    for c in claims:
        key = (c.profile, c.project_id)
        claimed.setdefault(key, []).append(c)
        keys[key] = c.project or keys.get(key, "") or c.project_id
    for k in costs:
        key = (k.profile, k.project_id)
        spent.setdefault(key, []).append(k)
        keys.setdefault(key, k.project or k.project_id)
    rows = []
    for key in sorted(keys, key=lambda k: (k[0].casefold(), keys[k].casefold())):
        notes: list[str] = []
        values = [_claim_values(c, prices, notes) for c in claimed.get(key, [])]
        converted = [cost_in_usd(c, prices) for c in spent.get(key, [])]
        bases = sorted({b for v, b in converted if v is not None})
        notes += sorted({b for v, b in converted if v is None})
        if TODAY in bases:
            notes.append(
                "a cost in a token has no stored price from the day it was paid; "
                "converted at today's price"
            )
        rows.append(
            RoiRow(
                project_id=key[1],
                project=keys[key],
                profile=key[0],
                received=_received(claimed.get(key, [])),
                at_claim=_sum(v[0] for v in values),
                now=_sum(v[1] for v in values),
                costs=_sum(v for v, _ in converted),
                cost_basis=", ".join(bases) or "no costs",
                notes=tuple(dict.fromkeys(notes)),
            )
        )
    return rows


def profile_totals(rows: Iterable[RoiRow]) -> list[RoiRow]:
    """One total per profile; a column sums the rows that know it, and says who is left out."""
    by_profile: dict[str, list[RoiRow]] = {}
    for row in rows:
        by_profile.setdefault(row.profile, []).append(row)
    totals = []
    for profile, items in by_profile.items():
        notes = []
        sums: list[Decimal | None] = []
        for column in ("at_claim", "now", "costs"):
            known = [getattr(r, column) for r in items if getattr(r, column) is not None]
            missing = [r.project for r in items if getattr(r, column) is None]
            sums.append(sum(known, Decimal(0)) if known else None)
            if missing:
                label = {"at_claim": "value at claim", "now": "value now", "costs": "cost total"}
                notes.append(f"{label[column]} leaves out {', '.join(missing)}")
        bases = sorted({b for r in items for b in r.cost_basis.split(", ") if b != "no costs"})
        totals.append(
            RoiRow(
                "",
                "Total",
                profile,
                f"{len(items)} project(s)",
                sums[0],
                sums[1],
                sums[2],
                ", ".join(bases) or "no costs",
                tuple(notes),
            )
        )
    return sorted(totals, key=lambda r: r.profile.casefold())

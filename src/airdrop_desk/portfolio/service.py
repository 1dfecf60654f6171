"""The portfolio as the app shows it: read everything in one go, refresh prices, record values.

Functions take the database of the calling thread; none of them touches Qt, so the CLI
and the window's storage lane share them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from airdrop_desk.core import clock
from airdrop_desk.core import portfolio as pf
from airdrop_desk.core.portfolio import Holding, Quote, ValuePoint
from airdrop_desk.core.roi import Claim, Cost, RoiRow, profile_totals, roi_rows
from airdrop_desk.exchanges import registry
from airdrop_desk.portfolio.airdrops import claims_and_costs, profile_names, project_names
from airdrop_desk.portfolio.unclaimed import Unclaimed, unclaimed
from airdrop_desk.storage.portfolio_repo import (
    TOTAL_SCOPE,
    KeyBalances,
    ManualHolding,
    PortfolioRepo,
    PriceRefresh,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.prices.coingecko import PriceFetch

STALE_AFTER = dt.timedelta(days=1)


class PriceSource(Protocol):
    """Something that turns symbols into quotes (``prices.coingecko.CoinGecko``)."""

    title: str

    def fetch(self, symbols: list[str], now: dt.datetime | None = None) -> PriceFetch: ...


@dataclass(frozen=True)
class KeyLine:
    """A linked key as the portfolio sees it: its last snapshot and how the last sync went."""

    key_id: str
    label: str
    exchange: str
    profile: str
    synced_at: dt.datetime | None
    stale: str


@dataclass
class PortfolioData:
    """Everything the portfolio views show, read at ``now``."""

    now: dt.datetime
    holdings: list[Holding]
    quotes: dict[str, Quote]
    prices: PriceRefresh
    keys: list[KeyLine]
    manual: list[ManualHolding]
    profiles: dict[int, str]
    points: dict[str, list[ValuePoint]]
    assets: set[str] = field(default_factory=set)  # held, claimed or paid: worth a price
    roi: list[RoiRow] = field(default_factory=list)
    roi_totals: list[RoiRow] = field(default_factory=list)
    unclaimed: list[Unclaimed] = field(default_factory=list)  # on an allocation list, not claimed

    def profile_id(self, name: str) -> int | None:
        return next((i for i, n in self.profiles.items() if n.casefold() == name.casefold()), None)


class StoredPrices:
    """``core.roi.PriceHistory`` over the stored quotes."""

    def __init__(self, repo: PortfolioRepo, latest: dict[str, Quote]) -> None:
        self._repo = repo
        self._latest = latest

    def now(self, asset: str) -> Quote | None:
        return self._latest.get(asset)

    def at(self, asset: str, moment: dt.datetime) -> Quote | None:
        return self._repo.quote_at(asset, moment)


def _stale(snapshot: KeyBalances, now: dt.datetime) -> str:
    state = snapshot.state
    if state.outcome in ("failed", "skipped"):
        return (
            f"last sync failed: {state.message}"
            if state.outcome == "failed"
            else f"skipped: {state.message}"
        )
    if now - snapshot.taken_at > STALE_AFTER:
        return f"last synced {pf.age_text(snapshot.taken_at, now)} ago"
    return ""


def exchange_holdings(
    snapshots: list[KeyBalances], profiles: dict[int, str], now: dt.datetime
) -> list[Holding]:
    out = []
    for s in snapshots:
        title = registry.title(s.exchange)
        profile = profiles.get(s.state.profile_id or -1, pf.NO_PROFILE)
        stale = _stale(s, now)
        out += [
            Holding(
                asset,
                amount,
                "exchange",
                f"{title} · {s.label} · {wallet}",
                profile,
                s.taken_at,
                stale,
            )
            for asset, wallet, amount in s.balances
        ]
    return out


def claim_holdings(claims: list[Claim]) -> list[Holding]:
    return [
        Holding(c.token, c.amount, "airdrop", f"{c.project} airdrop", c.profile, c.claimed_at)
        for c in claims
        if c.amount and c.token
    ]


def inputs(db: Database) -> tuple[dict[int, str], list[Claim], list[Cost]]:
    """Profiles, claims and costs from the checklists."""
    profiles = profile_names(db)
    claims, costs = claims_and_costs(
        db, profiles, project_names(db), PortfolioRepo(db).claim_values()
    )
    return profiles, claims, costs


def load(db: Database, now: dt.datetime | None = None, *, with_roi: bool = True) -> PortfolioData:
    """Read the whole portfolio (current holdings, cached prices, history, ROI)."""
    now = now or clock.utc_now()
    repo = PortfolioRepo(db)
    profiles, claims, costs = inputs(db)
    snapshots = repo.latest_snapshots()
    manual = repo.holdings()
    holdings = exchange_holdings(snapshots, profiles, now)
    holdings += [
        Holding(
            m.asset,
            m.amount,
            "manual",
            m.place or "Manual",
            profiles.get(m.profile_id or -1, pf.NO_PROFILE),
            m.added_at,
        )
        for m in manual
    ]
    holdings += claim_holdings(claims)
    open_claims = unclaimed(db, profiles, project_names(db), now)
    wanted = (
        {h.asset for h in holdings}
        | {c.token for c in claims if c.token}
        | {c.asset for c in costs if c.asset.isalnum()}
        | {u.token for u in open_claims if u.token}
    )
    quotes = repo.latest_quotes(wanted)
    keys = [
        KeyLine(
            s.key_id,
            s.label,
            s.exchange,
            profiles.get(s.state.profile_id or -1, pf.NO_PROFILE),
            s.taken_at,
            _stale(s, now),
        )
        for s in snapshots
    ]
    points = {TOTAL_SCOPE: repo.values(TOTAL_SCOPE)}
    for pid in profiles:
        points[str(pid)] = repo.values(str(pid))
    data = PortfolioData(
        now, holdings, quotes, repo.price_refresh(), keys, manual, profiles, points, wanted
    )
    data.unclaimed = open_claims
    if with_roi:
        data.roi = roi_rows(claims, costs, StoredPrices(repo, quotes))
        data.roi_totals = profile_totals(data.roi)
    return data


@dataclass(frozen=True)
class PriceOutcome:
    """How a price refresh went, in words for the user."""

    ok: bool
    message: str
    unpriced: tuple[str, ...] = ()


def refresh_prices(
    db: Database, source: PriceSource | None = None, now: dt.datetime | None = None
) -> PriceOutcome:
    """Fetch prices of every asset held, claimed or paid; on failure keep the stored ones."""
    from airdrop_desk.prices.coingecko import CoinGecko, PriceError

    now = now or clock.utc_now()
    repo = PortfolioRepo(db)
    wanted = sorted(load(db, now, with_roi=False).assets)
    if not wanted:
        return PriceOutcome(True, "Nothing to price yet.")
    try:
        source = source or CoinGecko()
        fetched = source.fetch(wanted, now)
    except PriceError as exc:
        repo.set_price_refresh(now, False, str(exc))
        last = repo.price_refresh().succeeded_at
        kept = (
            f" Showing the prices of {pf.age_text(last, now)} ago."
            if last
            else " No prices have been fetched yet."
        )
        return PriceOutcome(False, f"Prices not refreshed: {exc}{kept}")
    repo.store_quotes(fetched.quotes.values())
    unpriced = tuple(sorted(set(fetched.unknown) | set(fetched.no_price)))
    message = f"Prices refreshed for {len(fetched.quotes)} asset(s)."
    if unpriced:
        message += f" Unpriced: {', '.join(unpriced)}."
    repo.set_price_refresh(now, True, message)
    return PriceOutcome(True, message, unpriced)


def record_values(db: Database, now: dt.datetime | None = None) -> None:
    """Store today's priced value, in total and per profile, for the value chart."""
    now = now or clock.utc_now()
    data = load(db, now, with_roi=False)
    values: dict[str, tuple[Decimal, int]] = {}
    scopes: list[tuple[str, str | None]] = [(TOTAL_SCOPE, None)]
    scopes += [(str(pid), name) for pid, name in data.profiles.items()]
    for scope, name in scopes:
        line = pf.total(pf.for_profile(data.holdings, name), data.quotes)
        if line.value is not None:  # nothing priced: no point rather than a zero
            values[scope] = (line.value, len(line.unpriced))
    if values:
        PortfolioRepo(db).record_values(now.astimezone(dt.UTC).date(), values, now)

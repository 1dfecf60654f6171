"""The portfolio's tables, once for people (text) and once for files (CSV and JSON values).

The window and the CLI show the same tables and export the same files. In exports,
amounts and prices are exact decimal text, dollar values are rounded to cents, and a
missing value is empty (CSV) or null (JSON) with the row's ``status`` saying why:
"unpriced" never becomes 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import IO

from airdrop_desk.core import portfolio as pf
from airdrop_desk.core.allocations import ELIGIBLE
from airdrop_desk.core.clock import iso
from airdrop_desk.core.portfolio import Line, ValuePoint
from airdrop_desk.core.roi import RoiRow
from airdrop_desk.portfolio.service import PortfolioData
from airdrop_desk.portfolio.unclaimed import Unclaimed
from airdrop_desk.storage.csvtext import write_csv
from airdrop_desk.storage.portfolio_repo import TOTAL_SCOPE

CENT = Decimal("0.01")


class RecordError(ValueError):
    """A stored record that cannot be shown; ``str()`` names it and says why."""


@contextmanager
def _record(what: str) -> Iterator[None]:
    """Name ``what`` when its numbers cannot be turned into text (a value beyond any
    bound, stored before input was bounded): the person can find and fix that record."""
    try:
        yield
    except ArithmeticError:
        raise RecordError(f"{what}: a number too large to show.") from None


@dataclass
class Table:
    """Display rows, export rows and per-row flags ("unpriced", "stale", "total")."""

    name: str
    header: list[str]
    keys: list[str]
    rows: list[list[str]] = field(default_factory=list)
    raw: list[list[object]] = field(default_factory=list)
    flags: list[frozenset[str]] = field(default_factory=list)

    def add(self, shown: list[str], raw: list[object], *flags: str) -> None:
        self.rows.append(shown)
        self.raw.append(raw)
        self.flags.append(frozenset(f for f in flags if f))

    def records(self) -> list[dict[str, object]]:
        return [dict(zip(self.keys, r, strict=True)) for r in self.raw]

    def write_csv(self, out: IO[str]) -> None:
        write_csv(out, self.keys, self.raw)


def cents(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT, ROUND_HALF_UP))


def ago(moment: dt.datetime | None, now: dt.datetime) -> str:
    text = pf.age_text(moment, now)
    return text if text in ("just now", "never") else f"{text} ago"


def _status(line: Line, stale_detail: str = "") -> str:
    """ "unpriced" on an asset line, the assets left out on a group line; "stale" and why."""
    parts = []
    if line.unpriced:
        parts.append(
            "unpriced" if line.amount is not None else f"unpriced: {', '.join(line.unpriced)}"
        )
    if line.stale:
        parts.append(f"stale ({stale_detail})" if stale_detail else "stale")
    return "; ".join(parts)


def _flags(line: Line) -> tuple[str, str]:
    return ("unpriced" if line.unpriced else "", "stale" if line.stale else "")


def _value_text(line: Line) -> str:
    if line.value is None:
        return "unpriced"
    text = pf.usd_text(line.value)
    return (
        text
        if not line.unpriced or line.amount is not None
        else f"{text} + {len(line.unpriced)} unpriced"
    )


def _total_row(table: Table, line: Line, width: int, value_at: int) -> None:
    shown = ["Total"] + [""] * (width - 1)
    shown[value_at] = _value_text(line)
    shown[-1] = _status(line)
    raw: list[object] = ["Total"] + [None] * (width - 1)
    raw[value_at] = cents(line.value)
    raw[-1] = _status(line)
    table.add(shown, raw, "total", *_flags(line))


def asset_table(data: PortfolioData, profile: str | None = None) -> Table:
    table = Table(
        "assets",
        ["Asset", "Amount", "Price", "Price age", "Value", "Held in", "Status"],
        ["asset", "amount", "price_usd", "price_at", "value_usd", "sources", "status"],
    )
    holdings = pf.for_profile(data.holdings, profile)
    for line in pf.by_asset(holdings, data.quotes):
        q = line.quote
        amount = line.amount or Decimal(0)
        with _record(f"the holdings of {line.key}"):
            _add_asset(table, line, q, amount, data.now)
    if table.rows:
        with _record("the total of the holdings"):
            _total_row(table, pf.total(holdings, data.quotes), len(table.keys), 4)
    return table


def _add_asset(
    table: Table, line: Line, q: pf.Quote | None, amount: Decimal, now: dt.datetime
) -> None:
    table.add(
        [
            line.key,
            pf.amount_text(amount),
            pf.usd_text(q.usd if q else None),
            ago(q.at, now) if q else "—",
            _value_text(line),
            line.group,
            _status(line),
        ],
        [
            line.key,
            pf.amount_text(amount),
            pf.amount_text(q.usd) if q else None,
            iso(q.at, "ms") if q else None,
            cents(line.value),
            line.group,
            _status(line),
        ],
        *_flags(line),
    )


def source_table(data: PortfolioData, profile: str | None = None) -> Table:
    table = Table(
        "sources",
        ["Source", "Where", "Profile", "Assets", "Value", "Status"],
        ["source", "where", "profile", "assets", "value_usd", "status"],
    )
    holdings = pf.for_profile(data.holdings, profile)
    for line in pf.by_place(holdings, data.quotes):
        stale = next((h.stale for h in holdings if h.where == line.key and h.stale), "")
        status = _status(line, stale)
        with _record(f"the holdings in {line.key}"):
            table.add(
                [
                    pf.SOURCE_TITLES.get(line.group, line.group),
                    line.key,
                    line.profile or "—",
                    str(line.holdings),
                    _value_text(line),
                    status,
                ],
                [line.group, line.key, line.profile, line.holdings, cents(line.value), status],
                *_flags(line),
            )
    if table.rows:
        with _record("the total of the holdings"):
            _total_row(table, pf.total(holdings, data.quotes), len(table.keys), 4)
    return table


def profile_table(data: PortfolioData) -> Table:
    table = Table("profiles", ["Profile", "Value", "Status"], ["profile", "value_usd", "status"])
    for line in pf.by_profile(data.holdings, data.quotes):
        with _record(f"the holdings of {line.key or '(no profile)'}"):
            table.add(
                [line.key or "(no profile)", _value_text(line), _status(line)],
                [line.key, cents(line.value), _status(line)],
                *_flags(line),
            )
    if table.rows:
        with _record("the total of the holdings"):
            _total_row(table, pf.total(data.holdings, data.quotes), len(table.keys), 1)
    return table


def _roi_cells(r: RoiRow) -> tuple[list[str], list[object]]:
    def money(v: Decimal | None, missing: str) -> str:
        return pf.usd_text(v, unpriced=missing)

    shown = [
        r.profile or "(no profile)",
        r.project,
        r.received,
        money(r.at_claim, "not recorded"),
        money(r.now, "unpriced"),
        money(r.costs, "unpriced"),
        r.cost_basis,
        money(r.net_at_claim, "—"),
        money(r.net_now, "—"),
        "; ".join(r.notes),
    ]
    raw: list[object] = [
        r.profile,
        r.project,
        r.received,
        cents(r.at_claim),
        cents(r.now),
        cents(r.costs),
        r.cost_basis,
        cents(r.net_at_claim),
        cents(r.net_now),
        "; ".join(r.notes),
    ]
    return shown, raw


def roi_table(data: PortfolioData, profile: str | None = None) -> Table:
    table = Table(
        "roi",
        [
            "Profile",
            "Project",
            "Received",
            "Value at claim",
            "Value now",
            "Costs",
            "Cost basis",
            "Net at claim",
            "Net now",
            "Notes",
        ],
        [
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
        ],
    )
    totals = {t.profile: t for t in data.roi_totals}
    rows = [r for r in data.roi if profile is None or r.profile == profile]
    for index, row in enumerate(rows):
        with _record(f"the airdrop ROI of {row.project} for {row.profile or '(no profile)'}"):
            shown, raw = _roi_cells(row)
        table.add(shown, raw, "unpriced" if row.now is None or row.costs is None else "")
        last = index + 1 == len(rows) or rows[index + 1].profile != row.profile
        if last and row.profile in totals:
            with _record(f"the airdrop ROI total of {row.profile or '(no profile)'}"):
                shown, raw = _roi_cells(totals[row.profile])
            table.add(shown, raw, "total")
    return table


def manual_table(data: PortfolioData, profile: str | None = None) -> Table:
    """The holdings typed in by hand, with their numbers (to edit or delete them)."""
    table = Table(
        "manual",
        ["#", "Asset", "Amount", "Where", "Profile"],
        ["id", "asset", "amount", "where", "profile"],
    )
    for m in data.manual:
        name = data.profiles.get(m.profile_id or -1, "")
        if profile is not None and name != profile:
            continue
        with _record(f"the manual holding #{m.id} ({m.asset})"):
            amount = pf.amount_text(m.amount)
        table.add(
            [str(m.id), m.asset, amount, m.place or "—", name or "—"],
            [m.id, m.asset, amount, m.place, name],
        )
    return table


def _unclaimed_value(item: Unclaimed, quotes: dict[str, pf.Quote]) -> Decimal | None:
    quote = quotes.get(item.token)
    return None if quote is None else item.amount * quote.usd


def unclaimed_total(data: PortfolioData, profile: str | None = None) -> Line:
    """What the eligible (not missed) allocations are worth at today's prices."""
    open_ = [u for u in data.unclaimed if u.status == ELIGIBLE]
    holdings = [pf.Holding(u.token or "an unnamed token", u.amount, "airdrop", u.project,
                           u.profile) for u in open_]  # fmt: skip
    return pf.total(pf.for_profile(holdings, profile), data.quotes)


def unclaimed_table(data: PortfolioData, profile: str | None = None) -> Table:
    """Allocations still to claim, then missed ones, at today's price; the total counts
    only those still to claim."""
    table = Table(
        "unclaimed",
        ["Profile", "Project", "Asset", "Amount", "Price", "Value", "Claim by", "Status"],
        ["profile", "project", "asset", "amount", "price_usd", "value_usd", "deadline", "status"],
    )
    for u in data.unclaimed:
        if profile is not None and u.profile != profile:
            continue
        quote = data.quotes.get(u.token)
        with _record(f"the {u.project} allocation of {u.profile}"):
            value = _unclaimed_value(u, data.quotes)
            status = u.status + ("; unpriced" if value is None else "")
            table.add(
                [
                    u.profile,
                    u.project,
                    u.token or "—",
                    pf.amount_text(u.amount),
                    pf.usd_text(quote.usd if quote else None),
                    pf.usd_text(value),
                    u.deadline.date().isoformat() if u.deadline else "—",
                    status,
                ],
                [
                    u.profile,
                    u.project,
                    u.token,
                    pf.amount_text(u.amount),
                    pf.amount_text(quote.usd) if quote else None,
                    cents(value),
                    u.deadline.date().isoformat() if u.deadline else None,
                    status,
                ],
                "unpriced" if value is None else "",
            )
    if table.rows:
        with _record("the total of the unclaimed airdrops"):
            _total_row(table, unclaimed_total(data, profile), len(table.keys), 5)
    return table


def unclaimed_line(data: PortfolioData, profile: str | None = None) -> str:
    """ "Unclaimed airdrops: $1,234.00 (2 to claim, 1 missed)", or "" without any."""
    items = [u for u in data.unclaimed if profile is None or u.profile == profile]
    if not items:
        return ""
    total = unclaimed_total(data, profile)
    to_claim = sum(1 for u in items if u.status == ELIGIBLE)
    with _record("the total of the unclaimed airdrops"):
        text = f"Unclaimed airdrops: {_value_text(total)} ({to_claim} to claim"
    missed = len(items) - to_claim
    return text + (f", {missed} missed)" if missed else ")")


HISTORY_HEADER = ["Day", "Value", "Unpriced assets"]


def history_row(point: ValuePoint) -> list[str]:
    with _record(f"the portfolio value of {point.day.isoformat()}"):
        return [point.day.isoformat(), pf.usd_text(point.value), str(point.unpriced or "")]


def history_table(points: Iterable[ValuePoint]) -> Table:
    table = Table("history", HISTORY_HEADER, ["day", "value_usd", "unpriced_assets"])
    for p in points:
        table.add(
            history_row(p),
            [p.day.isoformat(), cents(p.value), p.unpriced],
            "unpriced" if p.unpriced else "",
        )
    return table


def points_for(data: PortfolioData, profile: str | None) -> list[ValuePoint]:
    if profile is None:
        return data.points.get(TOTAL_SCOPE, [])
    pid = data.profile_id(profile)
    return data.points.get(str(pid), []) if pid is not None else []


def price_status(data: PortfolioData) -> str:
    """One line on where the prices come from and how old they are."""
    refresh = data.prices
    if refresh.attempted_at is None:
        return "Prices: not fetched yet (Sync now fetches them)."
    age = ago(refresh.succeeded_at, data.now)
    if refresh.succeeded_at is not None and refresh.succeeded_at >= refresh.attempted_at:
        return f"Prices from CoinGecko, updated {age}."
    kept = f"showing prices updated {age}" if refresh.succeeded_at else "no prices yet"
    return f"Prices could not be refreshed ({kept}): {refresh.message}"


def _when(moment: dt.datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def key_lines(data: PortfolioData) -> list[str]:
    """One line per linked key with a snapshot: when synced, and whether it is stale."""
    return [
        f"{k.label} ({k.exchange}): synced {_when(k.synced_at)}"
        + (f" — stale, {k.stale}" if k.stale else "")
        for k in data.keys
    ]


def summary(data: PortfolioData, profile: str | None = None) -> str:
    """One line: the total, how many assets are unpriced and how many places are stale."""
    holdings = pf.for_profile(data.holdings, profile)
    open_claims = unclaimed_line(data, profile)
    if not holdings:
        return open_claims or "Nothing yet"
    total = pf.total(holdings, data.quotes)
    with _record("the total of the holdings"):
        parts = [f"Total {pf.usd_text(total.value)}"]
    if total.unpriced:
        more = "…" if len(total.unpriced) > 6 else ""
        parts.append(f"{len(total.unpriced)} unpriced ({', '.join(total.unpriced[:6])}{more})")
    if total.stale:
        parts.append(f"{len(total.stale)} stale")
    if open_claims:
        parts.append(open_claims)
    return " · ".join(parts)


def notices(data: PortfolioData) -> list[str]:
    """What to do first, where the prices stand, and which keys are stale."""
    lines = [price_status(data)] + [ln for ln in key_lines(data) if " — stale, " in ln]
    if not data.holdings:
        lines.insert(
            0,
            "Link a read-only exchange key (Exchange keys) and press Sync now, or add "
            "a holding in Manual holdings (airdrop-desk portfolio holdings add)",
        )
    return lines

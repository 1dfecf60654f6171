"""What the user holds and what it is worth: pure aggregation over plain values.

Amounts and prices are ``Decimal``. An asset without a price is *unpriced*: its lines
carry no value (None) and name it, and a group's value is the sum of its priced part
with the unpriced assets listed beside it, never a zero standing in for "unknown".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Source = Literal["exchange", "manual", "airdrop"]
SOURCES: tuple[Source, ...] = ("exchange", "manual", "airdrop")
SOURCE_TITLES = {"exchange": "Exchange", "manual": "Manual", "airdrop": "Airdrop"}
NO_PROFILE = ""


class AmountError(ValueError):
    """Text that is not a usable amount; ``str()`` says why."""


@dataclass(frozen=True)
class Quote:
    """One asset's price in US dollars, the moment it was true and who said so."""

    asset: str
    usd: Decimal
    at: dt.datetime
    source: str = ""


@dataclass(frozen=True)
class Holding:
    """An amount of one asset in one place.

    ``where`` names the place for people ("Binance · main · spot", "Ledger"); ``stale``
    says why the amount may be out of date ("" when it is current).
    """

    asset: str
    amount: Decimal
    source: Source
    where: str
    profile: str = NO_PROFILE
    as_of: dt.datetime | None = None
    stale: str = ""


@dataclass(frozen=True)
class Line:
    """One row of a breakdown: an asset, a place, a source, a profile or the total.

    ``value`` is the priced part in dollars (None when nothing in it has a price);
    ``unpriced`` lists the assets left out of it; ``stale`` the places whose data is old.
    ``amount`` and ``quote`` are set on asset lines only.
    """

    key: str
    group: str
    value: Decimal | None
    unpriced: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    amount: Decimal | None = None
    quote: Quote | None = None
    holdings: int = 0
    profile: str = NO_PROFILE

    @property
    def complete(self) -> bool:
        return not self.unpriced


def parse_amount(text: str, *, allow_zero: bool = False) -> Decimal:
    """An amount typed by a user or stored as text: exact, finite, not negative, bounded
    (``core.numbers``)."""
    from airdrop_desk.core.numbers import NumberError, parse_number

    try:
        return parse_number(text.replace("_", ""), "The amount", allow_zero=allow_zero)
    except NumberError as exc:
        raise AmountError(str(exc)) from None


MAX_PLACE = 80  # characters of "where it is kept"
_SYMBOL_RE = re.compile(r"^[A-Z0-9.]{1,12}$")


@dataclass(frozen=True)
class HoldingInput:
    """A manual holding as typed: asset symbol, amount, where it is kept, whose it is."""

    asset: str
    amount: Decimal
    place: str = ""
    profile_id: int | None = None


def parse_holding(
    asset: str, amount: str, place: str = "", profile_id: int | None = None
) -> HoldingInput:
    """The holding form (and ``portfolio holdings add``) checked whole: raises
    ``FieldErrors`` with a message for each bad field (asset, amount, place)."""
    from airdrop_desk.core.text import check_name
    from airdrop_desk.core.tracking import FieldErrors

    errors: dict[str, str] = {}
    symbol = asset.strip().upper()
    if not _SYMBOL_RE.match(symbol):
        errors["asset"] = (
            f"'{asset.strip()[:20]}' is not an asset symbol (letters and digits, e.g. ETH)."
        )
    value = Decimal(0)
    try:
        value = parse_amount(amount)
    except AmountError as exc:
        errors["amount"] = str(exc)
    where = " ".join(place.split())
    if where:
        try:
            where = check_name(where, "Where it is kept", max_length=MAX_PLACE)
        except ValueError as exc:
            errors["place"] = str(exc)
    if errors:
        raise FieldErrors(errors)
    return HoldingInput(symbol, value, where, profile_id)


def amount_text(value: Decimal) -> str:
    """The exact decimal text of an amount, without exponent or trailing zeros."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def value_of(holding: Holding, quotes: Mapping[str, Quote]) -> Decimal | None:
    quote = quotes.get(holding.asset)
    return None if quote is None else holding.amount * quote.usd


def _line(
    key: str,
    group: str,
    items: list[Holding],
    quotes: Mapping[str, Quote],
    *,
    amount: Decimal | None = None,
    quote: Quote | None = None,
    profile: str = NO_PROFILE,
) -> Line:
    value: Decimal | None = None
    unpriced: dict[str, None] = {}
    stale: dict[str, None] = {}
    for h in items:
        v = value_of(h, quotes)
        if v is None:
            unpriced[h.asset] = None
        else:
            value = v if value is None else value + v
        if h.stale:
            stale[h.where] = None
    return Line(
        key,
        group,
        value,
        tuple(sorted(unpriced)),
        tuple(stale),
        amount=amount,
        quote=quote,
        holdings=len(items),
        profile=profile,
    )


def _grouped(
    holdings: Iterable[Holding], key: Callable[[Holding], tuple[str, str]]
) -> dict[tuple[str, str], list[Holding]]:
    groups: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        groups.setdefault(key(h), []).append(h)
    return groups


def _by_value(lines: list[Line]) -> list[Line]:
    """Most valuable first; lines without any price after them, by name."""
    return sorted(lines, key=lambda ln: (ln.value is None, -(ln.value or 0), ln.group, ln.key))


def by_asset(holdings: Iterable[Holding], quotes: Mapping[str, Quote]) -> list[Line]:
    lines = []
    for (asset, _), items in _grouped(holdings, lambda h: (h.asset, "")).items():
        amount = sum((h.amount for h in items), Decimal(0))
        sources = ", ".join(SOURCE_TITLES[s] for s in SOURCES if any(h.source == s for h in items))
        lines.append(_line(asset, sources, items, quotes, amount=amount, quote=quotes.get(asset)))
    return _by_value(lines)


def by_place(holdings: Iterable[Holding], quotes: Mapping[str, Quote]) -> list[Line]:
    """One line per place (an exchange key, a wallet, a claim), grouped by its source."""
    groups = _grouped(holdings, lambda h: (h.source, h.where))
    lines = [
        _line(where, source, items, quotes, profile=items[0].profile)
        for (source, where), items in groups.items()
    ]
    order: dict[str, int] = {s: i for i, s in enumerate(SOURCES)}
    ranked = _by_value(lines)
    return sorted(ranked, key=lambda ln: order.get(ln.group, len(order)))


def by_source(holdings: Iterable[Holding], quotes: Mapping[str, Quote]) -> list[Line]:
    """Exchange, manual and airdrop subtotals, in that order (only those present)."""
    groups = _grouped(holdings, lambda h: (h.source, ""))
    return [_line(s, s, groups[(s, "")], quotes) for s in SOURCES if (s, "") in groups]


def by_profile(holdings: Iterable[Holding], quotes: Mapping[str, Quote]) -> list[Line]:
    groups = _grouped(holdings, lambda h: (h.profile, ""))
    lines = [_line(p, "profile", items, quotes, profile=p) for (p, _), items in groups.items()]
    return sorted(lines, key=lambda ln: (ln.key == NO_PROFILE, ln.key.casefold()))


def total(holdings: Iterable[Holding], quotes: Mapping[str, Quote]) -> Line:
    return _line("Total", "total", list(holdings), quotes)


def for_profile(holdings: Iterable[Holding], profile: str | None) -> list[Holding]:
    """Holdings of one profile; all of them when ``profile`` is None."""
    return [h for h in holdings if profile is None or h.profile == profile]


# -- value over time --------------------------------------------------------------------


@dataclass(frozen=True)
class ValuePoint:
    """The portfolio's priced value on one day, and how many assets had no price then."""

    day: dt.date
    value: Decimal
    unpriced: int = 0


def series(points: Iterable[ValuePoint], since: dt.date | None = None) -> list[ValuePoint]:
    """Points in day order from ``since`` on, one per day (the last one given wins)."""
    by_day = {p.day: p for p in points if since is None or p.day >= since}
    return [by_day[d] for d in sorted(by_day)]


def chart_xy(points: list[ValuePoint]) -> list[tuple[float, float]]:
    """(days since the first point, dollars) pairs, ready to scale onto a chart."""
    if not points:
        return []
    first = points[0].day
    return [(float((p.day - first).days), float(p.value)) for p in points]


# -- words and numbers for people ---------------------------------------------------------


def usd_text(value: Decimal | None, *, unpriced: str = "unpriced") -> str:
    """Dollars with cents (more digits below a dollar, for token prices)."""
    if value is None:
        return unpriced
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude >= 1 or magnitude == 0:
        return f"{sign}${magnitude.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    # Four significant digits below a dollar, never in exponent notation.
    return f"{sign}${format(Decimal(format(magnitude, '.4g')), 'f')}"


def age_text(then: dt.datetime | None, now: dt.datetime) -> str:
    """How old a number is, roughly: "just now", "5 min", "3 h", "2 days"."""
    if then is None:
        return "never"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"

"""Dollar prices from CoinGecko's public simple-price API.

``AIRDROP_DESK_PRICES_URL`` replaces the API's base URL (a local fake in tests), but only
with an https URL or a plain-http loopback one, as for exchanges. Prices are read as
exact decimals from the JSON text. Calls are bounded by timeouts; 429 and 5xx answers
are retried with backoff, honouring ``Retry-After`` up to a limit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import httpx

from airdrop_desk.core import clock
from airdrop_desk.core.portfolio import Quote
from airdrop_desk.exchanges.http import (
    DEFAULT_DEADLINE,
    MAX_REPLY_BYTES,
    ReplyTooLarge,
    ReplyTooSlow,
    connect_timeout,
    fetch,
    is_loopback,
    ssl_context,
)
from airdrop_desk.prices.ids import FIXED_USD, coingecko_id, normalize

URL_ENV = "AIRDROP_DESK_PRICES_URL"
DEFAULT_URL = "https://api.coingecko.com/api/v3"
SOURCE = "coingecko"
BATCH = 100  # ids per request: keeps the URL well under common length limits


class PriceError(Exception):
    """Prices could not be fetched; ``str()`` is one line for the user."""


@dataclass
class PriceFetch:
    """What one refresh found: quotes, assets with no known id, ids with no price."""

    quotes: dict[str, Quote] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    no_price: list[str] = field(default_factory=list)


def resolve_url() -> str:
    url = os.environ.get(URL_ENV, "").strip() or DEFAULT_URL
    parts = urlsplit(url)
    host = parts.hostname or ""
    if (parts.scheme == "https" and host) or (parts.scheme == "http" and is_loopback(host)):
        return url.rstrip("/")
    raise PriceError(
        f"{URL_ENV} must be an https URL or a loopback http URL, not '{parts.scheme}://{host}'."
    )


class CoinGecko:
    """A price provider: ``fetch(symbols)`` asks for all of them in a few requests."""

    name = SOURCE
    title = "CoinGecko"

    def __init__(
        self,
        *,
        ids: Mapping[str, str] | None = None,
        timeout: float = 10.0,
        deadline: float = DEFAULT_DEADLINE,
        backoff: float = 1.0,
        max_attempts: int = 3,
        max_wait: float = 10.0,
    ) -> None:
        self.base_url = resolve_url()
        self._ids = dict(ids or {})
        self.timeout = timeout
        self.deadline = deadline
        self._backoff = backoff
        self._max_attempts = max_attempts
        self._max_wait = max_wait

    def fetch(self, symbols: Iterable[str], now: dt.datetime | None = None) -> PriceFetch:
        """Current prices of ``symbols``; raises PriceError when the API cannot be used."""
        now = now or clock.utc_now()
        result = PriceFetch()
        wanted: dict[str, list[str]] = {}  # CoinGecko id -> our symbols
        for symbol in sorted({normalize(s) for s in symbols if s.strip()}):
            if symbol in FIXED_USD:
                result.quotes[symbol] = Quote(symbol, FIXED_USD[symbol], now, "fixed")
                continue
            cg_id = coingecko_id(symbol, self._ids)
            if cg_id is None:
                result.unknown.append(symbol)
            else:
                wanted.setdefault(cg_id, []).append(symbol)
        ids = sorted(wanted)
        if not ids:
            return result
        host = urlsplit(self.base_url).hostname or ""
        with httpx.Client(
            verify=ssl_context(),
            follow_redirects=False,
            timeout=httpx.Timeout(self.timeout, connect=connect_timeout(self.timeout)),
            trust_env=not is_loopback(host),
            headers={
                "User-Agent": "airdrop-desk",
                "Accept": "application/json",
                "Accept-Encoding": "gzip",
            },
        ) as client:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                payload = self._get(client, batch)
                for cg_id in batch:
                    for symbol in wanted[cg_id]:
                        quote = _quote(symbol, payload.get(cg_id), now)
                        if quote is None:
                            result.no_price.append(symbol)
                        else:
                            result.quotes[symbol] = quote
        return result

    def _get(self, client: httpx.Client, ids: list[str]) -> dict[str, Any]:
        params = {"ids": ",".join(ids), "vs_currencies": "usd", "include_last_updated_at": "true"}
        url = self.base_url + "/simple/price"
        attempt = 0
        while True:
            attempt += 1
            try:
                response = fetch(client, "GET", url, deadline=self.deadline, params=params)
            except ReplyTooSlow:
                raise PriceError(
                    f"{self.title} did not finish its reply within {self.deadline:g} s."
                ) from None
            except ReplyTooLarge:
                raise PriceError(
                    f"{self.title} sent a reply this app cannot read (larger than "
                    f"{MAX_REPLY_BYTES // 1024} KiB)."
                ) from None
            except httpx.ConnectTimeout:
                raise PriceError(
                    f"{self.title} did not accept a connection within "
                    f"{connect_timeout(self.timeout):g} s."
                ) from None
            except httpx.TimeoutException:
                raise PriceError(
                    f"{self.title} did not answer within {self.timeout:g} s."
                ) from None
            except httpx.HTTPError as exc:
                raise PriceError(
                    f"Could not reach {self.title} at {urlsplit(url).netloc} "
                    f"({type(exc).__name__})."
                ) from None
            status = response.status_code
            if status == 429 or status >= 500:
                if attempt < self._max_attempts:
                    time.sleep(self._delay(attempt, response.headers.get("retry-after")))
                    continue
                what = "is limiting requests" if status == 429 else "had a server error"
                raise PriceError(
                    f"{self.title} {what} (HTTP {status}) {attempt} times in a "
                    "row; try again in a few minutes."
                )
            if status != 200:
                raise PriceError(f"{self.title} refused the request (HTTP {status}).")
            try:
                payload = json.loads(response.content, parse_float=Decimal, parse_int=Decimal)
            except ValueError:
                raise PriceError(
                    f"{self.title} sent a reply this app cannot read (not JSON)."
                ) from None
            if not isinstance(payload, dict):
                raise PriceError(f"{self.title} sent a reply this app cannot read (not an object).")
            return payload

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay: float = self._backoff * 2 ** (attempt - 1)
        if retry_after and retry_after.isdigit():
            delay = max(delay, float(retry_after))
        return min(delay, self._max_wait)


def _quote(symbol: str, entry: Any, now: dt.datetime) -> Quote | None:
    """A quote from ``{"usd": 1.23, "last_updated_at": 1711356300}``; None when unusable."""
    if not isinstance(entry, dict):
        return None
    usd = entry.get("usd")
    if not isinstance(usd, Decimal) or not usd.is_finite() or usd <= 0:  # 0 = no data
        return None
    at = now
    stamp = entry.get("last_updated_at")
    if isinstance(stamp, Decimal) and 0 < stamp < 2**34:
        at = min(now, dt.datetime.fromtimestamp(int(stamp), dt.UTC))
    return Quote(symbol, usd, at, SOURCE)

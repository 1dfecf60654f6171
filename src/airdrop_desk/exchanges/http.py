"""Where requests go and how they travel: https only, a loopback override for tests.

``AIRDROP_DESK_EXCHANGE_URL_<NAME>`` replaces an exchange's base URL, but only with an
https URL or a plain-http loopback one (a local fake server); anything else is refused
rather than ignored, so a mistyped override can never send a key over the network in
clear text.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from airdrop_desk.exchanges.model import ExchangeError, Failure

URL_ENV_PREFIX = "AIRDROP_DESK_EXCHANGE_URL_"
DEFAULT_TIMEOUT = 10.0  # per network read
DEFAULT_DEADLINE = 15.0  # for a whole request: connect, headers and every byte of the body
CONNECT_TIMEOUT = 5.0  # to open the connection, whatever the read timeout


def connect_timeout(timeout: float) -> float:
    """The connect timeout that goes with a read ``timeout``: what a "did not accept a
    connection within N s" message must say, since it fires first."""
    return min(timeout, CONNECT_TIMEOUT)


MAX_REPLY_BYTES = 1 << 20  # 1 MiB after decompression; no reply the app reads is near it


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_base_url(name: str, default: str) -> str:
    """The base URL for exchange ``name``: the env override when allowed, else ``default``."""
    variable = URL_ENV_PREFIX + name.upper()
    url = os.environ.get(variable, "").strip() or default
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and is_loopback(host):
        return url.rstrip("/")
    where = variable if url != default else f"the built-in {name} address"
    raise ExchangeError(
        Failure.CONFIG,
        f"{where} must be an https URL or a loopback http URL; "
        f"refusing to send a key to '{parts.scheme}://{host}'.",
    )


_ssl_lock = threading.Lock()
_ssl_context: ssl.SSLContext | None = None


def ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for the process.

    Building it (loading the CA bundle) takes tens of milliseconds of CPU; sharing it
    keeps a burst of clients, e.g. eight keys verified at once, from doing that eight
    times while the GUI thread waits for the interpreter.
    """
    global _ssl_context
    with _ssl_lock:
        if _ssl_context is None:
            _ssl_context = httpx.create_ssl_context()
        return _ssl_context


def open_http(base_url: str, timeout: float) -> httpx.Client:
    """An httpx client for one exchange: bounded timeouts, no redirects.

    Redirects are off because a redirect could carry signed headers to another host.
    Proxy settings from the environment apply to real exchanges but never to loopback.
    """
    host = urlsplit(base_url).hostname or ""
    return httpx.Client(
        verify=ssl_context(),
        timeout=httpx.Timeout(timeout, connect=connect_timeout(timeout)),
        follow_redirects=False,
        trust_env=not is_loopback(host),
        headers={
            "User-Agent": "airdrop-desk",
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
        },
    )


class ReplyTooSlow(Exception):
    """The reply did not arrive in full before the request's deadline."""


class ReplyTooLarge(Exception):
    """The reply is larger than the cap (or compressed in a way this app does not read)."""


@dataclass(frozen=True)
class Reply:
    """A whole HTTP reply, read within the deadline and the size cap."""

    status_code: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)


def fetch(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = MAX_REPLY_BYTES,
    **kwargs: Any,
) -> Reply:
    """Send one request and read its reply, streamed: at most ``max_bytes`` (decompressed)
    and done within ``deadline`` seconds, however slowly the server drips it.

    Raises ReplyTooSlow, ReplyTooLarge, or httpx's own errors (per-read timeout, network).
    No wait is longer than the deadline: a server that accepts the connection and then
    says nothing is given up on at the deadline, not after the (longer) read timeout.
    """
    end = time.monotonic() + deadline
    given = kwargs.pop("timeout", client.timeout)
    limits = _capped(given if isinstance(given, httpx.Timeout) else httpx.Timeout(given), deadline)
    try:
        return _read_reply(client, method, url, end, max_bytes, timeout=limits, **kwargs)
    except httpx.TimeoutException as exc:
        if time.monotonic() >= end or _limit_of(exc, limits) >= deadline:
            raise ReplyTooSlow from None  # the deadline fired, not the phase's own timeout
        raise


def _capped(timeout: httpx.Timeout, deadline: float) -> httpx.Timeout:
    def cap(value: float | None) -> float:
        return deadline if value is None else min(value, deadline)

    return httpx.Timeout(
        connect=cap(timeout.connect),
        read=cap(timeout.read),
        write=cap(timeout.write),
        pool=cap(timeout.pool),
    )


def _limit_of(error: httpx.TimeoutException, limits: httpx.Timeout) -> float:
    """The timeout of the phase that ``error`` ended."""
    phases = {
        httpx.ConnectTimeout: limits.connect,
        httpx.WriteTimeout: limits.write,
        httpx.PoolTimeout: limits.pool,
    }
    return phases.get(type(error), limits.read) or 0.0


def _read_reply(
    client: httpx.Client, method: str, url: str, end: float, max_bytes: int, **kwargs: Any
) -> Reply:
    with client.stream(method, url, **kwargs) as response:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise ReplyTooLarge
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip", ""):
            raise ReplyTooLarge
        inflate = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            if time.monotonic() > end:
                raise ReplyTooSlow
            data = raw if inflate is None else inflate.decompress(raw, max_bytes + 1 - size)
            size += len(data)
            if size > max_bytes:
                raise ReplyTooLarge
            chunks.append(data)
        if time.monotonic() > end:
            raise ReplyTooSlow
        headers = {k.lower(): v for k, v in response.headers.items()}
        return Reply(response.status_code, b"".join(chunks), headers)


class _DropQuery(logging.Filter):
    """httpx logs each request URL at INFO; signed queries (Binance) must not reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                arg.copy_with(query=None) if isinstance(arg, httpx.URL) else arg
                for arg in record.args
            )
        return True


logging.getLogger("httpx").addFilter(_DropQuery())

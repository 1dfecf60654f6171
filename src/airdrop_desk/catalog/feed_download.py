"""Download a feed's file and its signature: bounded in size and in time, same host only.

Stricter than a catalog download the user starts by hand, because it runs unattended:
https only (plain http only to this computer, for a local feed), a redirect only to the
same scheme, host and port, one deadline for the whole download (a server that drips
bytes is stopped), a size cap counted while reading, and a body shorter than the server
announced is refused as truncated.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from airdrop_desk.catalog.errors import CatalogError

FEED_MAX_BYTES = 64 * 1024 * 1024
TIMEOUT = 15.0  # seconds for connecting and between bytes
DEADLINE = 120.0  # seconds for the file and its signature together
MAX_REDIRECTS = 3
Progress = Callable[[int, int | None], None]


class FeedRefused(CatalogError):
    """A feed's file that is not taken; ``kind`` names the rule (``signature``, ``key``,
    ``rollback``, ``expired``, ``size``, ``insecure``, ``redirect``, ``deadline``,
    ``truncated``, ``invalid``, ``version``) or ``network`` for a failed connection."""

    def __init__(self, where: str, message: str, kind: str) -> None:
        super().__init__(where, message)
        self.kind = kind


def check_feed_url(url: str) -> str:
    """``url`` if a feed may be fetched from it, else ``FeedRefused`` (kind ``insecure``)."""
    from airdrop_desk.exchanges.http import is_loopback

    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return url  # a feed served on this computer
    raise FeedRefused(
        url,
        "a feed must be an https:// address (plain http:// only to this computer)",
        "insecure",
    )


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


class Deadline:
    """One time limit shared by the requests of one check."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.until = time.monotonic() + seconds

    def left(self) -> float:
        return self.until - time.monotonic()

    def check(self, url: str) -> None:
        if self.left() <= 0:
            raise FeedRefused(
                url,
                f"the download did not finish within {self.seconds:g} seconds "
                "(the server is too slow or stalls)",
                "deadline",
            )


def fetch(
    url: str,
    limit: int,
    deadline: Deadline,
    *,
    timeout: float = TIMEOUT,
    progress: Progress | None = None,
) -> bytes:
    """GET ``url`` under the rules above; raises ``FeedRefused``."""
    import httpx

    from airdrop_desk.exchanges.http import is_loopback, ssl_context

    check_feed_url(url)
    start = _origin(url)
    for _hop in range(MAX_REDIRECTS + 1):
        deadline.check(url)
        wait = max(0.05, min(timeout, deadline.left()))
        loopback = is_loopback(start[1])
        try:
            with (
                httpx.Client(
                    verify=ssl_context(),
                    follow_redirects=False,
                    timeout=httpx.Timeout(wait, connect=min(wait, 10.0)),
                    trust_env=not loopback,
                    headers={"User-Agent": "airdrop-desk", "Accept-Encoding": "identity"},
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.is_redirect and "location" in response.headers:
                    target = urljoin(url, response.headers["location"])
                    if _origin(target) != start:
                        raise FeedRefused(
                            url,
                            f"the server redirects to another host ({_short(target)}); "
                            "a feed may only redirect within its own https host",
                            "redirect",
                        )
                    url = target
                    continue
                if response.status_code != 200:
                    raise FeedRefused(
                        url,
                        f"the server answered {response.status_code} "
                        f"{response.reason_phrase}".rstrip(),
                        "network",
                    )
                return _read(url, response, limit, deadline, progress)
        except httpx.TimeoutException:
            deadline.check(url)
            raise FeedRefused(
                url, f"the server did not answer within {wait:g} seconds", "deadline"
            ) from None
        except httpx.RemoteProtocolError as exc:
            raise FeedRefused(
                url,
                f"the download was cut short ({' '.join(str(exc).split())[:160]})",
                "truncated",
            ) from None
        except httpx.HTTPError as exc:
            raise FeedRefused(
                url,
                f"cannot download ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})",
                "network",
            ) from None
    raise FeedRefused(url, f"more than {MAX_REDIRECTS} redirects", "redirect")


def _short(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"[:120]


def _read(
    url: str, response: object, limit: int, deadline: Deadline, progress: Progress | None
) -> bytes:
    headers = response.headers  # type: ignore[attr-defined]
    length = headers.get("content-length", "")
    total = int(length) if length.isdigit() else None
    if total is not None and total > limit:
        raise FeedRefused(
            url, f"the file is {total:,} bytes, over the size cap of {limit:,}", "size"
        )
    chunks, size = [], 0
    for chunk in response.iter_raw():  # type: ignore[attr-defined]
        size += len(chunk)
        if size > limit:
            raise FeedRefused(url, f"the file is over the size cap of {limit:,} bytes", "size")
        deadline.check(url)
        chunks.append(chunk)
        if progress is not None:
            progress(size, total)
    if total is not None and size != total:
        raise FeedRefused(
            url, f"the download was cut short ({size:,} of {total:,} bytes)", "truncated"
        )
    return b"".join(chunks)

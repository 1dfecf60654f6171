"""Getting a list's bytes: a local file as it is, a URL downloaded once, bounded.

A download is the only network request of an eligibility check, to the URL the user
gave: https anywhere, plain http only to this computer (loopback). Redirects are
followed only to the same host over https; the size and the time are bounded, and a
body shorter than its Content-Length is a truncated download, refused. A gzip file
(recognised by its first bytes, whatever its name) is inflated as it is read, and
refused once it inflates past ``Limits.max_inflated``: a small file cannot fill the disk
or the memory. Lines are bounded too (``Limits.max_line``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import ipaddress
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """Bounds on what an import reads; tests pass small ones."""

    max_download: int = 1 << 30  # bytes of one downloaded file
    max_inflated: int = 4 << 30  # bytes a gzip file may inflate to
    max_json: int = 1 << 30  # bytes of a JSON list, read whole (merkle, identities)
    max_line: int = 4096  # characters of one CSV line
    timeout: float = 120.0  # seconds for one download, all told
    max_redirects: int = 5


class AllocationError(ValueError):
    """A list that cannot be imported; ``str()`` is one line for the user, naming the file."""


class Cancelled(Exception):
    """The user cancelled the import; nothing was written."""


@dataclass(frozen=True)
class Fetched:
    """A list's bytes on this computer: ``path``, their ``sha256``, and ``label`` (the file
    or URL as the user gave it, for messages)."""

    path: Path
    sha256: str
    label: str


def is_url(source: str) -> bool:
    return source.startswith(("https://", "http://"))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and _loopback(parts.hostname):
        return
    raise AllocationError(f"{url}: only https addresses (or http on this computer) are downloaded.")


def join_url(base: str, relative: str) -> str:
    return urljoin(base, relative)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def local(path: Path, label: str | None = None) -> Fetched:
    if not path.is_file():
        raise AllocationError(f"{label or path}: there is no such file.")
    return Fetched(path, sha256_file(path), label or str(path))


def download(
    url: str,
    folder: Path,
    limits: Limits,
    cancel: Callable[[], bool] = lambda: False,
) -> Fetched:
    """``url``'s body saved in ``folder`` (hashed as it arrives); raises AllocationError."""
    import time

    import httpx

    check_url(url)
    host = urlsplit(url).hostname
    deadline = time.monotonic() + limits.timeout
    digest = hashlib.sha256()
    target = Path(tempfile.mkstemp(prefix="list-", dir=folder)[1])
    current = url
    try:
        with httpx.Client(timeout=min(limits.timeout, 30.0), follow_redirects=False) as client:
            for _hop in range(limits.max_redirects + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        nxt = join_url(current, response.headers.get("location", ""))
                        parts = urlsplit(nxt)
                        if parts.hostname != host or (
                            parts.scheme != "https" and not _loopback(parts.hostname or "")
                        ):
                            raise AllocationError(
                                f"{url}: redirected to {nxt}, another host; not followed."
                            )
                        current = nxt
                        continue
                    if response.status_code != 200:
                        raise AllocationError(f"{url}: the server answered {response.status_code}.")
                    expected = response.headers.get("content-length")
                    size = 0
                    with target.open("wb") as out:
                        for chunk in response.iter_raw(CHUNK):
                            size += len(chunk)
                            if size > limits.max_download:
                                raise AllocationError(
                                    f"{url}: larger than {limits.max_download:,} bytes; stopped."
                                )
                            if time.monotonic() > deadline or cancel():
                                if cancel():
                                    raise Cancelled()
                                raise AllocationError(f"{url}: the download took too long.")
                            digest.update(chunk)
                            out.write(chunk)
                    if expected is not None and expected.isdigit() and int(expected) != size:
                        raise AllocationError(
                            f"{url}: the download is truncated ({size:,} of {int(expected):,} "
                            "bytes)."
                        )
                    return Fetched(target, digest.hexdigest(), url)
            raise AllocationError(f"{url}: too many redirects.")
    except httpx.HTTPError as exc:
        target.unlink(missing_ok=True)
        kind = "truncated" if isinstance(exc, httpx.RemoteProtocolError) else "failed"
        raise AllocationError(f"{url}: the download {kind} ({type(exc).__name__}).") from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise


class _Capped(io.RawIOBase):
    """The inflated bytes of a gzip stream, refused past a size."""

    def __init__(self, inner: gzip.GzipFile, raw: IO[bytes], cap: int, label: str) -> None:
        self._inner, self._raw, self._cap, self._label, self.count = inner, raw, cap, label, 0

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            self._raw.close()
        super().close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except EOFError:
            raise AllocationError(f"{self._label}: the file is truncated.") from None
        except (gzip.BadGzipFile, OSError) as exc:
            raise AllocationError(f"{self._label}: not a readable gzip file ({exc}).") from None
        n = len(data)
        self.count += n
        if self.count > self._cap:
            raise AllocationError(
                f"{self._label}: inflates past {self._cap:,} bytes; not read further."
            )
        buffer[:n] = data
        return n


def open_binary(path: Path, limits: Limits, label: str) -> IO[bytes]:
    """The file's bytes, inflated when it is gzip (refused past the cap)."""
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        gz = gzip.GzipFile(fileobj=raw, mode="rb")
        return io.BufferedReader(_Capped(gz, raw, limits.max_inflated, label), CHUNK)
    raw.seek(0)
    return raw


def open_text(path: Path, limits: Limits, label: str) -> IO[str]:
    return io.TextIOWrapper(
        open_binary(path, limits, label), encoding="utf-8-sig", errors="strict", newline=""
    )


def read_capped(path: Path, limits: Limits, label: str) -> bytes:
    """A whole JSON file (inflated), at most ``Limits.max_json`` bytes."""
    with open_binary(path, limits, label) as f:
        data = f.read(limits.max_json + 1)
    if len(data) > limits.max_json:
        raise AllocationError(f"{label}: larger than {limits.max_json:,} bytes; not read.")
    return data


def lines(stream: IO[str], limits: Limits, label: str) -> Iterator[str]:
    """The stream's lines, each at most ``Limits.max_line`` characters."""
    limit = limits.max_line
    try:
        for n, line in enumerate(stream, 1):
            if len(line) > limit:
                raise AllocationError(f"{label}: line {n} is longer than {limit} characters.")
            yield line
    except UnicodeDecodeError:
        raise AllocationError(f"{label}: not UTF-8 text.") from None

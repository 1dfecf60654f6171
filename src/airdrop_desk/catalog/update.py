"""Catalog updates without a new release: import a file or an https URL, roll back.

Order of work: fetch the bytes (size-limited, timeouts, https only except loopback),
validate the whole catalog, and only then open the database and store it as a new
version. User records refer to projects by their catalog id, not to a version, so they
stay attached whichever version is active. The previous version is kept: ``rollback``
activates the version imported before the active one.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from airdrop_desk.catalog.changes import (
    CatalogDiff,
    diff_versions,
    last_seen,
    mark_seen,
    version_sha,
)
from airdrop_desk.catalog.errors import MAX_CATALOG_BYTES, CatalogError
from airdrop_desk.catalog.files import read_catalog_file
from airdrop_desk.paths import Paths
from airdrop_desk.storage.catalog_repo import CatalogReader, CatalogVersion

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Catalog

TIMEOUT = 20.0  # seconds for connecting and between bytes
DEADLINE = 300.0  # seconds for the whole download
MAX_REDIRECTS = 5
Progress = Callable[[int, int | None], None]  # bytes so far, total if the server said


class NeedsConfirmation(CatalogError):
    """An import that would remove projects or change a project's official domains (which
    drive the safe-link check): it goes ahead only when the user says so.

    ``removed``: (id, name) of each project the file lacks; ``domains``: (id, name, old
    domains, new domains) of each project whose official domains it changes.
    """

    def __init__(
        self,
        file: str,
        removed: list[tuple[str, str]],
        domains: list[tuple[str, str, list[str], list[str]]],
    ) -> None:
        self.removed, self.domains = removed, domains
        super().__init__(file, "; ".join(self.lines()))

    def lines(self) -> list[str]:
        out = []
        if self.removed:
            names = ", ".join(name for _, name in self.removed[:50])
            more = f" and {len(self.removed) - 50} more" if len(self.removed) > 50 else ""
            out.append(
                f"it would remove {len(self.removed)} project"
                f"{'s' * (len(self.removed) != 1)}: {names}{more}"
            )
        for _, name, old, new in self.domains[:50]:
            out.append(
                f"it would change the official domains of {name} from "
                f"{', '.join(old) or 'none'} to {', '.join(new) or 'none'} (this unsigned "
                "file is not verified)"
            )
        return out


class NothingToRollBack(CatalogError):
    """Only one catalog version is stored (or none is active)."""

    def __init__(self) -> None:
        super().__init__("catalog", "there is no earlier catalog version to roll back to")

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class UpdateResult:
    """The version now active, the one before, and what changed between them."""

    version: CatalogVersion
    previous: CatalogVersion | None
    diff: CatalogDiff
    stored: bool  # False when this exact file was already stored (it is just activated)


def is_url(source: str) -> bool:
    return "://" in source


def read_source(
    source: str,
    *,
    timeout: float = TIMEOUT,
    limit: int = MAX_CATALOG_BYTES,
    progress: Progress | None = None,
) -> tuple[bytes, str]:
    """The catalog bytes from a path or URL, and the name messages use for it."""
    if not is_url(source):
        path = Path(source).expanduser()
        return read_catalog_file(path), path.name
    return download(source, timeout=timeout, limit=limit, progress=progress), source


def _check_url(url: str) -> None:
    from airdrop_desk.exchanges.http import is_loopback

    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and is_loopback(parts.hostname or ""):
        return  # a local test server
    raise CatalogError(url, "only https:// addresses can be downloaded (or give a file)")


def download(
    url: str,
    *,
    timeout: float = TIMEOUT,
    limit: int = MAX_CATALOG_BYTES,
    progress: Progress | None = None,
    deadline: float = DEADLINE,
) -> bytes:
    """GET ``url``: https only, redirects checked hop by hop, at most ``limit`` bytes."""
    import httpx

    from airdrop_desk.exchanges.http import is_loopback, ssl_context

    start = time.monotonic()
    for _hop in range(MAX_REDIRECTS + 1):
        _check_url(url)
        loopback = is_loopback(urlsplit(url).hostname or "")
        try:
            with (
                httpx.Client(
                    verify=ssl_context(),
                    follow_redirects=False,
                    timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                    trust_env=not loopback,
                    # Only gzip is unpacked (here, counted); nothing else is asked for.
                    headers={"User-Agent": "airdrop-desk", "Accept-Encoding": "gzip"},
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code != 200:
                    raise CatalogError(
                        url,
                        f"the server answered {response.status_code} "
                        f"{response.reason_phrase}".rstrip(),
                    )
                return _read_body(url, response, limit, progress, start + deadline)
        except httpx.TimeoutException:
            raise CatalogError(
                url, f"the server did not answer within {timeout:g} seconds"
            ) from None
        except httpx.HTTPError as exc:
            raise CatalogError(
                url, f"cannot download ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})"
            ) from None
    raise CatalogError(url, f"more than {MAX_REDIRECTS} redirects")


def _read_body(
    url: str, response: object, limit: int, progress: Progress | None, until: float
) -> bytes:
    """The body as sent (``iter_raw``: not unpacked by httpx), then unpacked here."""
    headers = response.headers  # type: ignore[attr-defined]
    total = int(headers["content-length"]) if headers.get("content-length", "").isdigit() else None
    if total is not None and total > limit:
        raise CatalogError(url, f"the file is {total:,} bytes; the limit is {limit:,}")
    chunks, size = [], 0
    for chunk in response.iter_raw():  # type: ignore[attr-defined]
        size += len(chunk)
        if size > limit:
            raise CatalogError(url, f"the file is over the limit of {limit:,} bytes")
        if time.monotonic() > until:
            raise CatalogError(url, "the download is taking too long; try again later")
        chunks.append(chunk)
        if progress is not None:
            progress(size, total)
    body = b"".join(chunks)
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _unpack(url, body, limit)
    raise CatalogError(url, f"the server sent the file packed as '{encoding[:40]}', not gzip")


_STEP = 1024 * 1024


def _unpack(url: str, body: bytes, limit: int) -> bytes:
    """A gzip (or zlib) body unpacked, if it unpacks to at most ``limit`` bytes.

    The unpacked size is counted first, a step at a time with each step thrown away,
    so a small bomb is refused without ever holding what it unpacks to; only a body
    within the limit is then unpacked whole.
    """
    import zlib

    wbits = zlib.MAX_WBITS | 32  # a gzip or a zlib header, told apart by the header
    try:
        counter, size = zlib.decompressobj(wbits), 0
        pending = body
        while pending and not counter.eof:
            size += len(counter.decompress(pending, _STEP))
            if size > limit:
                raise CatalogError(url, f"the file unpacks to over the limit of {limit:,} bytes")
            pending = counter.unconsumed_tail
        if not counter.eof:
            raise CatalogError(url, "the packed download ends too early; try again")
        return zlib.decompress(body, wbits, bufsize=max(size, 1))
    except zlib.error as exc:
        raise CatalogError(url, f"the packed download is damaged ({exc})") from None


def _version(reader: CatalogReader, version: int | None) -> CatalogVersion | None:
    return next((v for v in reader.versions() if v.id == version), None)


@dataclass(frozen=True)
class CheckedCatalog:
    """A catalog read and fully validated, not yet stored."""

    catalog: Catalog
    sha256: str
    name: str


def fetch_and_validate(
    source: str, *, timeout: float = TIMEOUT, progress: Progress | None = None
) -> CheckedCatalog:
    """Read ``source`` and validate it completely; touches no database."""
    from airdrop_desk.catalog.load import parse_catalog

    data, name = read_source(source, timeout=timeout, progress=progress)
    catalog = parse_catalog(data, name)
    return CheckedCatalog(catalog, hashlib.sha256(data).hexdigest(), name)


def import_update(
    paths: Paths,
    source: str,
    *,
    timeout: float = TIMEOUT,
    progress: Progress | None = None,
    allow_removals: bool = False,
    allow_domain_change: bool = False,
) -> UpdateResult:
    """Validate the catalog at ``source`` completely, then store and activate it."""
    return store_update(
        paths,
        fetch_and_validate(source, timeout=timeout, progress=progress),
        allow_removals=allow_removals,
        allow_domain_change=allow_domain_change,
    )


def store_update(
    paths: Paths,
    checked: CheckedCatalog,
    *,
    allow_removals: bool = False,
    allow_domain_change: bool = False,
) -> UpdateResult:
    """Store a validated catalog as a new version (or re-activate the same file's).

    The file is not signed, so it is recorded as unverified. Raises ``NeedsConfirmation``
    (storing nothing) when it would remove projects without ``allow_removals`` or change
    a project's official domains without ``allow_domain_change``.
    """
    from airdrop_desk.storage.catalog_repo import import_catalog, set_active
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.feeds_repo import mark_unverified

    db = open_database(paths.database, paths.backups)
    try:
        reader = CatalogReader(db.conn)
        previous = reader.active_version()
        if previous is not None:
            removed, domains = _risky_changes(reader, previous, checked.catalog)
            if (removed and not allow_removals) or (domains and not allow_domain_change):
                raise NeedsConfirmation(
                    checked.name,
                    removed if not allow_removals else [],
                    domains if not allow_domain_change else [],
                )
        existing = reader.version_with_sha(checked.sha256)
        if existing is None:
            with db.atomic():
                version = import_catalog(db, checked.catalog, checked.sha256, checked.name)
                mark_unverified(db, version)
        else:
            version = existing
            set_active(db, version)
        mark_seen(db, checked.sha256)  # the caller shows the changes now
        now = _version(reader, version)
        assert now is not None
        return UpdateResult(
            now,
            _version(reader, previous),
            diff_versions(reader, previous, version),
            existing is None,
        )
    finally:
        db.close()


def _risky_changes(
    reader: CatalogReader, active: int, catalog: Catalog
) -> tuple[list[tuple[str, str]], list[tuple[str, str, list[str], list[str]]]]:
    """The active version's projects ``catalog`` lacks, and those whose official domains
    it changes."""
    import msgspec

    class _Sites(msgspec.Struct):
        official_sites: list[str] = []

    decode = msgspec.json.Decoder(_Sites).decode
    incoming = {p.id: p for p in catalog.projects}
    removed, domains = [], []
    cursor = reader.conn.execute(
        "SELECT p.id, p.name, d.doc FROM catalog_projects p JOIN catalog_docs d "
        "ON d.version_id = p.version_id AND d.id = p.id WHERE p.version_id = ? "
        "ORDER BY p.position",
        [active],
    )
    for pid, name, doc in cursor:
        project = incoming.get(pid)
        if project is None:
            removed.append((pid, name))
            continue
        old = decode(doc).official_sites
        if sorted(old) != sorted(project.official_sites):
            domains.append((pid, name, old, list(project.official_sites)))
    return removed, domains


def rollback(paths: Paths) -> UpdateResult:
    """Activate the catalog version stored before the active one."""
    from airdrop_desk.storage.catalog_repo import set_active
    from airdrop_desk.storage.db import open_database

    versions, active = list_versions(paths)
    earlier = [v for v in versions if active is not None and v.id < active]
    if not earlier:
        raise NothingToRollBack
    target = earlier[-1]
    db = open_database(paths.database, paths.backups)
    try:
        set_active(db, target.id)
        reader = CatalogReader(db.conn)
        mark_seen(db, target.sha256)
        return UpdateResult(
            target, _version(reader, active), diff_versions(reader, active, target.id), False
        )
    finally:
        db.close()


def list_versions(paths: Paths) -> tuple[list[CatalogVersion], int | None]:
    """Every stored catalog version (oldest first) and the active one's id."""
    from airdrop_desk.storage.inspect import inspect_database

    if not inspect_database(paths.database):
        return [], None
    reader = CatalogReader.open(paths.database)
    try:
        return reader.versions(), reader.active_version()
    finally:
        reader.close()


def changes_since_last_open(paths: Paths) -> CatalogDiff | None:
    """What changed from the catalog the user saw last to the active one, if anything.

    Marks the active version seen, so the next start says nothing new. The first start
    of a data folder has nothing to compare with and says nothing.
    """
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.inspect import inspect_database

    if not inspect_database(paths.database):
        return None
    seen = last_seen(paths.database)
    reader = CatalogReader.open(paths.database)
    try:
        active = reader.active_version()
        if active is None:
            return None
        sha = version_sha(reader, active)
        if seen == sha:
            return None
        before = reader.version_with_sha(seen) if seen else None
        diff = diff_versions(reader, before, active) if before is not None else None
    finally:
        reader.close()
    db = open_database(paths.database, paths.backups)
    try:
        mark_seen(db, sha or "")
    finally:
        db.close()
    return diff if diff is not None and not diff.empty else None

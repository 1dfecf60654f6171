"""Subscribed catalog feeds: subscribe with a pinned key, check, apply, remove.

A feed is a catalog file at an https address with its minisign signature at the same
address plus ``.minisig``. The public key is given when subscribing and pinned: every
later file must verify against it. A file is taken only when, in this order, it is
within the size cap and the deadline, its signature verifies with the pinned key, it is
a valid catalog, it carries a ``catalog_version`` of dotted integers newer than the one
held (equal or older: a rollback) and an ``expires`` date not yet passed. Anything else
is refused with a message that says which rule, and nothing but the feed's "last check"
changes. A taken file is stored as the feed's catalog version (beside the app's own
catalog, never active) in one transaction that then drops the feed's older versions; what
changed is the diff against the feed's previous file.

Feeds are checked on demand and in the background after start, at most once every
``REFRESH`` per feed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.catalog.feed_download import (
    DEADLINE,
    FEED_MAX_BYTES,
    TIMEOUT,
    Deadline,
    FeedRefused,
    Progress,
    check_feed_url,
    fetch,
)
from airdrop_desk.core import clock

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.catalog.changes import CatalogDiff
    from airdrop_desk.core.domain import Catalog
    from airdrop_desk.paths import Paths
    from airdrop_desk.storage.feeds_repo import FeedRow

__all__ = ["FeedError", "FeedRefused", "add_feed", "check_feed", "list_feeds", "remove_feed"]

REFRESH = dt.timedelta(hours=6)
MAX_NAME = 64
_VERSION = re.compile(r"^\d{1,9}(\.\d{1,9}){0,7}$")


class FeedError(CatalogError):
    """A feed command that cannot be done (unknown name, a name or address taken)."""


@dataclass(frozen=True)
class CheckResult:
    """How a check of feed ``name`` went: ``outcome`` is ``applied`` (a newer file is
    stored; ``diff`` says what changed), ``current`` (nothing newer), ``refused`` (a file
    broke a rule, ``kind`` says which) or ``failed`` (the server could not be reached)."""

    name: str
    outcome: str
    message: str
    diff: CatalogDiff | None = None
    kind: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome in ("applied", "current")


@dataclass(frozen=True)
class _Verified:
    catalog: Catalog
    sha256: str


@contextlib.contextmanager
def _collections_paused() -> Iterator[None]:
    """No cyclic garbage collection while a feed's file is read and stored.

    A 10,000-project file is about a million fresh objects, none in a cycle; a full
    collection over them holds Python's lock for a few hundred milliseconds, which the
    GUI thread would feel as a stall. Collections resume (and catch up) afterwards.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def version_key(text: str) -> tuple[int, ...] | None:
    """``"2026.12.1"`` -> ``(2026, 12, 1)``; None if not dotted integers."""
    if not _VERSION.match(text):
        return None
    return tuple(int(part) for part in text.split("."))


def _newer(new: str, held: str | None) -> bool:
    old = version_key(held) if held else None
    if old is None:
        return True
    key = version_key(new)
    assert key is not None
    width = max(len(key), len(old))
    return key + (0,) * (width - len(key)) > old + (0,) * (width - len(old))


def check_name(name: str) -> str:
    """A feed's name as given, or ``FeedError`` saying what is wrong with it."""
    from airdrop_desk.catalog.load import FORBIDDEN_CHARACTERS

    name = name.strip()
    if not name:
        raise FeedError("name", "a feed needs a name")
    if len(name) > MAX_NAME:
        raise FeedError("name", f"a feed's name is at most {MAX_NAME} characters")
    if FORBIDDEN_CHARACTERS.search(name):
        raise FeedError("name", "the name holds a control or invisible character")
    return name


def default_name(url: str) -> str:
    return (urlsplit(url).hostname or "feed")[:MAX_NAME]


def _fetch_verified(
    url: str,
    public_key: str,
    *,
    held_version: str | None,
    held_sha: str | None,
    today: dt.date,
    timeout: float,
    deadline: float,
    limit: int,
    progress: Progress | None,
) -> _Verified | None:
    """The feed's file if it passes every rule; None if it is the file already held."""
    from airdrop_desk.catalog.minisign import SignatureError, parse_public_key, verify

    time_left = Deadline(deadline)
    data = fetch(url, limit, time_left, timeout=timeout, progress=progress)
    try:
        signature = fetch(url + ".minisig", 16 * 1024, time_left, timeout=timeout)
    except FeedRefused as exc:
        if exc.kind == "network":
            missing = f"no signature at {url}.minisig ({exc.reason})"
            raise FeedRefused(url, missing, "signature") from None
        raise
    try:
        verify(data, signature, parse_public_key(public_key), url)
    except SignatureError as exc:
        raise FeedRefused(url, exc.reason, "key" if exc.kind == "key" else "signature") from None
    sha = hashlib.sha256(data).hexdigest()
    catalog = _validated(url, data)
    assert catalog.expires is not None
    if catalog.expires < today.isoformat():
        raise FeedRefused(
            url, f"the file expired on {catalog.expires}; the publisher has to renew it", "expired"
        )
    if sha == held_sha:
        return None
    if not _newer(catalog.catalog_version, held_version):
        raise FeedRefused(
            url,
            f"version {catalog.catalog_version} is not newer than {held_version}, the one "
            "held (an older file served again: a rollback)",
            "rollback",
        )
    return _Verified(catalog, sha)


def _validated(url: str, data: bytes) -> Catalog:
    from airdrop_desk.catalog.load import parse_catalog

    try:
        catalog = parse_catalog(data, url)
    except CatalogError as exc:
        raise FeedRefused(url, f"not a valid catalog: {exc}", "invalid") from None
    if version_key(catalog.catalog_version) is None:
        raise FeedRefused(
            url,
            f"catalog_version '{catalog.catalog_version}' is not dotted numbers (e.g. 2026.12.1)",
            "version",
        )
    if catalog.expires is None:
        raise FeedRefused(url, "the file has no 'expires' date; a feed's file must", "expired")
    return catalog


@_collections_paused()
def add_feed(
    paths: Paths,
    url: str,
    public_key: str,
    name: str | None = None,
    *,
    now: dt.datetime | None = None,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    limit: int = FEED_MAX_BYTES,
    progress: Progress | None = None,
) -> CheckResult:
    """Subscribe: the file must pass every rule now; then the subscription and the file
    are stored together. Nothing is stored when it is refused."""
    from airdrop_desk.catalog.minisign import parse_public_key
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.feeds_repo import add_feed as insert_feed
    from airdrop_desk.storage.feeds_repo import get_feed, list_feeds

    check_feed_url(url)
    key = parse_public_key(public_key)
    name = check_name(name if name is not None else default_name(url))
    moment = now or clock.now()
    db = open_database(paths.database, paths.backups)
    try:
        if get_feed(db.conn, name) is not None:
            raise FeedError(name, "a feed with this name exists; choose another with --name")
        if any(f.url == url for f in list_feeds(db.conn)):
            raise FeedError(url, "this address is already subscribed")
    finally:
        db.close()
    verified = _fetch_verified(
        url,
        key.text,
        held_version=None,
        held_sha=None,
        today=moment.date(),
        timeout=timeout,
        deadline=deadline,
        limit=limit,
        progress=progress,
    )
    assert verified is not None
    db = open_database(paths.database, paths.backups)
    try:
        with db.atomic():
            insert_feed(db, name, url, key.text, key.key_id, clock.iso(moment))
            return _apply(db, name, url, verified, None, moment)
    finally:
        db.close()


def _applied_text(catalog: Catalog) -> str:
    count = len(catalog.projects)
    return (
        f"version {catalog.catalog_version} with {count} project{'s' * (count != 1)}, "
        f"signature verified, expires {catalog.expires}"
    )


def _apply(
    db: Database,
    name: str,
    url: str,
    verified: _Verified,
    previous: int | None,
    moment: dt.datetime,
) -> CheckResult:
    """Store the file, say what changed against the feed's previous one, then drop the
    older versions: one transaction."""
    from airdrop_desk.catalog.changes import diff_versions
    from airdrop_desk.storage.catalog_repo import CatalogReader
    from airdrop_desk.storage.feeds_repo import drop_older, store_feed_file

    message = _applied_text(verified.catalog)
    with db.atomic():
        version = store_feed_file(
            db, name, verified.catalog, verified.sha256, url, message, clock.iso(moment)
        )
        diff = diff_versions(CatalogReader(db.conn), previous, version)
        drop_older(db, name, version)
    _release(verified.catalog.projects)
    return CheckResult(name, "applied", message, diff)


def _release(items: list[Any]) -> None:
    """Free a large list a slice at a time: freeing a million objects in one go holds
    Python's lock for tens of milliseconds, a slice at a time lets the GUI thread in."""
    while items:
        del items[-256:]


@_collections_paused()
def check_feed(
    paths: Paths,
    name: str,
    *,
    now: dt.datetime | None = None,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    limit: int = FEED_MAX_BYTES,
    progress: Progress | None = None,
) -> CheckResult:
    """Fetch the feed's file, and store it if it passes every rule and is newer."""
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.feeds_repo import feed_version, get_feed, record_check

    moment = now or clock.now()
    stamp = clock.iso(moment)
    feed = _feed(paths, name)
    try:
        verified = _fetch_verified(
            feed.url,
            feed.public_key,
            held_version=feed.catalog_version,
            held_sha=feed.sha256,
            today=moment.date(),
            timeout=timeout,
            deadline=deadline,
            limit=limit,
            progress=progress,
        )
    except FeedRefused as exc:
        outcome = "failed" if exc.kind == "network" else "refused"
        result = CheckResult(feed.name, outcome, exc.reason, kind=exc.kind)
        verified = None
    else:
        result = CheckResult(
            feed.name, "current", f"no newer file than version {feed.catalog_version}"
        )
    db = open_database(paths.database, paths.backups)
    try:
        if verified is None:
            record_check(db, feed.name, result.outcome, result.message, stamp)
            return result
        if get_feed(db.conn, feed.name) != feed:  # removed or changed meanwhile
            raise FeedError(feed.name, "the feed changed while it was being checked; check again")
        previous = feed_version(db.conn, feed.name)
        return _apply(db, feed.name, feed.url, verified, previous, moment)
    finally:
        db.close()


def _feed(paths: Paths, name: str) -> FeedRow:
    for row in list_feeds(paths):
        if row.name.casefold() == name.strip().casefold():
            return row
    raise FeedError(name, "no feed has this name (see: airdrop-desk feeds list)")


def list_feeds(paths: Paths) -> list[FeedRow]:
    """Every subscription, by name; none before the data folder exists."""
    import sqlite3

    from airdrop_desk.storage.feeds_repo import list_feeds as rows
    from airdrop_desk.storage.inspect import inspect_database

    if not inspect_database(paths.database):
        return []
    conn = sqlite3.connect(f"{paths.database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return rows(conn)
    except sqlite3.OperationalError:  # a data file from before feeds existed
        return []
    finally:
        conn.close()


def remove_feed(paths: Paths, name: str) -> str:
    """Unsubscribe and drop every stored file of the feed; returns its name."""
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.feeds_repo import remove_feed as delete

    feed = _feed(paths, name)
    db = open_database(paths.database, paths.backups)
    try:
        delete(db, feed.name)
    finally:
        db.close()
    return feed.name


def due_feeds(paths: Paths, now: dt.datetime) -> list[str]:
    """The feeds not checked within ``REFRESH`` of ``now``."""
    due = []
    for feed in list_feeds(paths):
        last = clock.parse_iso(feed.checked_at)
        if last is None or now - last >= REFRESH:
            due.append(feed.name)
    return due


def check_due(paths: Paths, now: dt.datetime | None = None) -> list[CheckResult]:
    """Check every feed that is due (the background check after start)."""
    moment = now or clock.now()
    results = []
    for name in due_feeds(paths, moment):
        try:
            results.append(check_feed(paths, name, now=moment))
        except CatalogError as exc:
            results.append(CheckResult(name, "failed", str(exc)))
    return results

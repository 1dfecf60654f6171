"""The keyring's list of the app's own secrets, so none is left behind where no row names it.

A secret is named only by its key id, and the Windows Credential Locker and the macOS
Keychain cannot be searched by the app's service name through keyring, so the app keeps
its own list in the keyring beside the secrets: one per database file (two data folders
never see each other's keys), with each key's exchange, label and masked key (none of
them secret) so a left-over secret can be named to the user. Long lists are split into
entries of ``PIECE`` characters (the Credential Locker holds about 1,280 per entry).

A secret is "orphaned" when the list names it for this database, the keyring still holds
it and no row does: restoring a backup made before the key was linked does that.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from airdrop_desk.core.backups import RestoreResult
from airdrop_desk.keys.store import KeyringUnavailable, SecretStore
from airdrop_desk.paths import Paths
from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo

PIECE = 1000
_VERSION = 1


@dataclass(frozen=True)
class IndexEntry:
    """One secret the app put in the keyring: its key id and how the user knew the key."""

    key_id: str
    exchange: str
    label: str
    masked_key: str

    def describe(self) -> str:
        return f"'{self.label}' ({self.exchange}, key {self.masked_key})"


def database_file(db: Database) -> Path | None:
    """The file behind ``db``, or None for an in-memory database."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file).resolve()
    return None


class KeyIndex:
    """The app's list of its secrets for the database file ``database``, in ``store``."""

    def __init__(self, store: SecretStore, database: Path) -> None:
        self._store = store
        self.database = database.resolve()
        digest = hashlib.sha256(str(self.database).encode()).hexdigest()[:24]
        self.name = f"index:{digest}"  # its entries are "<name>:0", "<name>:1", …

    def entries(self) -> dict[str, IndexEntry]:
        """Every secret listed for this database; an unreadable list counts as empty."""
        text = "".join(self._pieces())
        try:
            blob = json.loads(text) if text else {}
            keys = blob.get("keys", {}) if blob.get("database") == str(self.database) else {}
            return {
                key_id: IndexEntry(key_id, str(e["exchange"]), str(e["label"]), str(e["key"]))
                for key_id, e in keys.items()
            }
        except (ValueError, AttributeError, KeyError, TypeError):
            return {}

    def add(self, records: Iterable[KeyRecord]) -> None:
        """List these keys' secrets (already listed ones are updated, never duplicated)."""
        current = self.entries()
        merged = dict(current)
        for r in records:
            merged[r.id] = IndexEntry(r.id, r.exchange, r.label, r.masked_key)
        if merged != current:
            self._write(merged)

    def drop(self, key_ids: Iterable[str]) -> None:
        gone = set(key_ids)
        current = self.entries()
        kept = {k: e for k, e in current.items() if k not in gone}
        if kept != current:
            self._write(kept)

    def holds(self, key_id: str) -> bool:
        """Whether the keyring still holds the secret of ``key_id``."""
        return self._store.get(key_id) is not None

    def delete_secret(self, key_id: str) -> None:
        self._store.delete(key_id)

    def _pieces(self) -> list[str]:
        pieces: list[str] = []
        while (piece := self._store.get(f"{self.name}:{len(pieces)}")) is not None:
            pieces.append(piece)
        return pieces

    def _write(self, entries: dict[str, IndexEntry]) -> None:
        blob = {
            "version": _VERSION,
            "database": str(self.database),
            "keys": {
                e.key_id: {"exchange": e.exchange, "label": e.label, "key": e.masked_key}
                for e in entries.values()
            },
        }
        text = json.dumps(blob, separators=(",", ":"))  # ASCII: the piece size is bytes-safe
        pieces = [text[i : i + PIECE] for i in range(0, len(text), PIECE)] if entries else []
        old = len(self._pieces())
        for n, piece in enumerate(pieces):
            self._store.set(f"{self.name}:{n}", piece)
        for n in range(len(pieces), old):
            self._store.delete(f"{self.name}:{n}")


def index_for(db: Database, store: SecretStore) -> KeyIndex | None:
    """The index of ``db``'s file, or None for an in-memory database (nothing to track)."""
    path = database_file(db)
    return None if path is None else KeyIndex(store, path)


def stored_keys(database: Path) -> list[KeyRecord] | None:
    """The key rows of a database file, read without writing; None if it cannot be read."""
    if not database.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exchange_keys'"
            ).fetchone()
            return KeysRepo(Database(conn)).all() if has_table else []
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def orphans(index: KeyIndex, records: Iterable[KeyRecord]) -> list[IndexEntry]:
    """Listed secrets that the keyring still holds and no row of ``records`` names."""
    rows = {r.id for r in records}
    listed = index.entries().values()
    return [e for e in listed if e.key_id not in rows and index.holds(e.key_id)]


def prune(
    index: KeyIndex, records: Iterable[KeyRecord], only: Iterable[str] | None = None
) -> list[IndexEntry]:
    """Delete the listed secrets no row names (only those of ``only`` when given; the rows'
    own are listed first); returns those that the keyring still held."""
    rows = list(records)
    index.add(rows)
    keep = {r.id for r in rows}
    chosen = None if only is None else set(only)
    gone = [
        e
        for e in index.entries().values()
        if e.key_id not in keep and (chosen is None or e.key_id in chosen)
    ]
    removed = [e for e in gone if index.holds(e.key_id)]
    for entry in gone:
        index.delete_secret(entry.key_id)
    index.drop(e.key_id for e in gone)
    return removed


@dataclass(frozen=True)
class Restored:
    """A restore, and the secrets it left in the keyring with no key row naming them.

    ``problem`` says why the keyring could not be looked at (only when the replaced data
    had keys: with none, there is nothing to look for).
    """

    result: RestoreResult
    orphans: list[IndexEntry]
    problem: str | None = None


def restore_keeping_track(
    restore: Callable[[], RestoreResult], paths: Paths, store: SecretStore
) -> Restored:
    """Run ``restore`` (of the data folder ``paths``), then find the secrets it orphaned.

    The keys of the data being replaced are listed first, so keys linked before the list
    existed are found too. The keyring is not asked when the replaced data had no key (a
    user without keys is never shown a keyring prompt); a damaged database cannot be
    read, so then it is asked, and a keyring that cannot answer is not reported.
    """
    before = stored_keys(paths.database)
    index = KeyIndex(store, paths.database)
    problem = None
    if before:
        try:
            index.add(before)
        except KeyringUnavailable as exc:
            problem = str(exc)
    result = restore()
    if before == [] or problem is not None:
        return Restored(result, [], problem)
    try:
        found = orphans(index, stored_keys(paths.database) or [])
    except KeyringUnavailable as exc:
        return Restored(result, [], str(exc) if before else None)
    return Restored(result, found)


def prune_restored(paths: Paths, store: SecretStore, key_ids: Iterable[str]) -> list[IndexEntry]:
    """Delete the secrets ``key_ids`` that a restore left behind, if still no row names them."""
    rows = stored_keys(paths.database)
    if rows is None:
        return []  # the data cannot be read: never delete what it might name
    return prune(KeyIndex(store, paths.database), rows, only=key_ids)

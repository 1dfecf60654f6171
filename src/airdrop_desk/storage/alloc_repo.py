"""Allocation lists, their rows and a profile's other identities (schema step 0011).

Rows are written in batches by ``eligibility.importer`` inside one transaction that
the caller holds (``db.atomic()``); a duplicate key in one list is summed by the
``alloc_add`` SQL function this repository registers, which also counts them. A
lookup of many keys is one query over the (key, list_id) primary key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.allocations import (
    AllocList,
    Identity,
    decode_amount,
    encode_amount,
    parse_handle,
)
from airdrop_desk.core.clock import iso, parse_iso

if TYPE_CHECKING:
    from sqlite_utils import Database

_LIST_COLUMNS = (
    "id, name, project_id, token, decimals, rows, duplicates, total, deadline, format, "
    "source, entry, sha256, imported_at"
)
_LOOKUP_CHUNK = 900  # bound parameters per query, below SQLite's oldest limit
BULK_CACHE_KIB = 64 * 1024  # 64 MB: the table pages a 2,000,000-row list touches


class KeyCollision(ValueError):
    """Two different addresses of one list share a key (about 1 in 2**96): refused."""


def _list(row: Sequence[Any]) -> AllocList:
    (id_, name, project, token, decimals, rows, dups, total, deadline, fmt, source, entry,
     sha, at) = row  # fmt: skip
    imported = parse_iso(at)
    assert imported is not None
    return AllocList(
        id_, name, project, token, decimals, rows, dups, int(total), parse_iso(deadline),
        fmt, source, entry, sha, imported,
    )  # fmt: skip


class AllocRepo:
    """Read and write allocation lists; ``duplicates`` counts sums made since ``begin``."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = db.conn
        self.duplicates = 0
        self._conn.create_function("alloc_add", 4, self._add, deterministic=True)

    def _add(self, old: int | bytes, new: int | bytes, old_chk: int, new_chk: int) -> int | bytes:
        if old_chk != new_chk:
            raise KeyCollision("two addresses of this list share a key")
        self.duplicates += 1
        return encode_amount(decode_amount(old) + decode_amount(new))

    # -- lists ----------------------------------------------------------------------------
    def lists(self) -> list[AllocList]:
        rows = self._conn.execute(f"SELECT {_LIST_COLUMNS} FROM alloc_lists ORDER BY id")
        return [_list(r) for r in rows.fetchall()]

    def find(self, source: str, entry: str = "") -> AllocList | None:
        row = self._conn.execute(
            f"SELECT {_LIST_COLUMNS} FROM alloc_lists WHERE source = ? AND entry = ?",
            [source, entry],
        ).fetchone()
        return _list(row) if row else None

    def get(self, list_id: int) -> AllocList | None:
        row = self._conn.execute(
            f"SELECT {_LIST_COLUMNS} FROM alloc_lists WHERE id = ?", [list_id]
        ).fetchone()
        return _list(row) if row else None

    def begin(self, source: str, entry: str, fmt: str, name: str) -> int:
        """The id the list's rows go under: a new list, or the old one emptied (replaced).

        Call inside the caller's transaction.
        """
        self.duplicates = 0
        old = self.find(source, entry)
        if old is not None:
            self._conn.execute("DELETE FROM alloc_rows WHERE list_id = ?", [old.id])
            return old.id
        cur = self._conn.execute(
            "INSERT INTO alloc_lists (name, decimals, rows, total, format, source, entry, "
            "sha256, imported_at) VALUES (?, 0, 0, '0', ?, ?, ?, '', ?)",
            [name, fmt, source, entry, iso(dt.datetime.now(dt.UTC))],
        )
        return int(cur.lastrowid or 0)

    def add_rows(self, list_id: int, rows: Iterable[tuple[int, int, int]]) -> None:
        """(key, chk, base amount) rows; a key already in the list has its amount added."""
        self.insert_rows((key, list_id, encode_amount(amount), chk) for key, chk, amount in rows)

    def insert_rows(self, rows: Iterable[tuple[int, int, int | bytes, int]]) -> None:
        """(key, list_id, stored amount, chk) rows, read one at a time from ``rows`` (a
        generator of a whole list holds no more than a row); duplicates as ``add_rows``."""
        self._conn.executemany(
            "INSERT INTO alloc_rows (key, list_id, amount, chk) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key, list_id) DO UPDATE SET "
            "amount = alloc_add(amount, excluded.amount, chk, excluded.chk)",
            rows,
        )

    @contextmanager
    def bulk_cache(self) -> Iterator[None]:
        """A page cache of ``BULK_CACHE_KIB`` while a large list goes in, then the one
        before: its rows land at random places of the table, and with the default cache
        (2 MB) most inserts would spill pages to the log and read them back."""
        before = self._conn.execute("PRAGMA cache_size").fetchone()[0]
        self._conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self._conn.execute(f"PRAGMA cache_size = {int(before)}")

    def finish(self, item: AllocList) -> None:
        """Write the list's description (its id from ``begin``)."""
        self._conn.execute(
            "UPDATE alloc_lists SET name = ?, project_id = ?, token = ?, decimals = ?, "
            "rows = ?, duplicates = ?, total = ?, deadline = ?, format = ?, sha256 = ?, "
            "imported_at = ? WHERE id = ?",
            [
                item.name,
                item.project_id,
                item.token,
                item.decimals,
                item.rows,
                item.duplicates,
                str(item.total),
                iso(item.deadline) if item.deadline else None,
                item.format,
                item.sha256,
                iso(item.imported_at),
                item.id,
            ],
        )

    def set_project(self, list_id: int, project_id: str | None) -> None:
        with self._db.atomic():
            self._conn.execute(
                "UPDATE alloc_lists SET project_id = ? WHERE id = ?", [project_id, list_id]
            )

    def remove(self, list_id: int) -> AllocList | None:
        """Delete a list and its rows in one transaction; None when there is no such list."""
        found = self.get(list_id)
        if found is None:
            return None
        with self._db.atomic():
            self._conn.execute("DELETE FROM alloc_rows WHERE list_id = ?", [list_id])
            self._conn.execute("DELETE FROM alloc_lists WHERE id = ?", [list_id])
        return found

    def lookup(self, keys: Iterable[int]) -> list[tuple[int, int, int, int]]:
        """(key, list_id, base amount, chk) of every row holding one of ``keys``."""
        wanted = sorted(set(keys))
        found: list[tuple[int, int, int, int]] = []
        for start in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, list_id, amount, chk in self._conn.execute(
                f"SELECT key, list_id, amount, chk FROM alloc_rows WHERE key IN ({marks})", chunk
            ):
                found.append((key, list_id, decode_amount(amount), chk))
        return found

    def list_project_ids(self) -> set[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT project_id FROM alloc_lists WHERE project_id IS NOT NULL"
        )
        return {r[0] for r in rows}

    # -- a profile's other identities ---------------------------------------------------
    def identities(self, profile_id: int | None = None) -> list[Identity]:
        sql = "SELECT i.id, i.profile_id, i.kind, i.handle FROM profile_identities i "
        sql += "JOIN profiles p ON p.id = i.profile_id WHERE p.deleted_at IS NULL"
        args: list[object] = []
        if profile_id is not None:
            sql += " AND i.profile_id = ?"
            args.append(profile_id)
        rows = self._conn.execute(sql + " ORDER BY i.kind, i.handle COLLATE NOCASE", args)
        return [Identity(*r) for r in rows.fetchall()]

    def add_identity(self, profile_id: int, kind: str, handle: str) -> Identity:
        """Raises ValueError for a handle that is not one, or one the profile has."""
        handle = parse_handle(kind, handle)
        if self._conn.execute(
            "SELECT 1 FROM profile_identities WHERE profile_id = ? AND kind = ? "
            "AND handle = ? COLLATE NOCASE",
            [profile_id, kind, handle],
        ).fetchone():
            raise ValueError(f"This profile already has the {kind} handle {handle}.")
        with self._db.atomic():
            cur = self._conn.execute(
                "INSERT INTO profile_identities (profile_id, kind, handle) VALUES (?, ?, ?)",
                [profile_id, kind, handle],
            )
        return Identity(int(cur.lastrowid or 0), profile_id, kind, handle)

    def change_identity(self, item: Identity, kind: str, handle: str) -> Identity:
        """``item`` with another kind or handle; ValueError as ``add_identity``."""
        handle = parse_handle(kind, handle)
        if self._conn.execute(
            "SELECT 1 FROM profile_identities WHERE profile_id = ? AND kind = ? "
            "AND handle = ? COLLATE NOCASE AND id != ?",
            [item.profile_id, kind, handle, item.id],
        ).fetchone():
            raise ValueError(f"This profile already has the {kind} handle {handle}.")
        with self._db.atomic():
            self._conn.execute(
                "UPDATE profile_identities SET kind = ?, handle = ? WHERE id = ?",
                [kind, handle, item.id],
            )
        return Identity(item.id, item.profile_id, kind, handle)

    def remove_identity(self, identity_id: int) -> None:
        with self._db.atomic():
            self._conn.execute("DELETE FROM profile_identities WHERE id = ?", [identity_id])

    def restore_identity(self, item: Identity) -> None:
        """Put a removed identity back as it was (the undo of a removal)."""
        with self._db.atomic():
            self._conn.execute(
                "INSERT INTO profile_identities (id, profile_id, kind, handle) VALUES (?, ?, ?, ?)",
                [item.id, item.profile_id, item.kind, item.handle],
            )

    def holders(self) -> list[tuple[int, str, str, str]]:
        """Every visible profile's (id, name, chain or identity kind, address or handle)."""
        rows = self._conn.execute(
            "SELECT p.id, p.name, w.chain, w.address FROM wallet_addresses w "
            "JOIN profiles p ON p.id = w.profile_id WHERE p.deleted_at IS NULL "
            "UNION ALL SELECT p.id, p.name, 'id:' || i.kind, i.handle FROM profile_identities i "
            "JOIN profiles p ON p.id = i.profile_id WHERE p.deleted_at IS NULL"
        )
        return [(int(a), str(b), str(c), str(d)) for a, b, c, d in rows.fetchall()]

    def db_bytes_per_row(self) -> float:
        """The rows table's bytes (pages it uses) per stored row, from ``dbstat`` when the
        SQLite build has it, else the file's pages per row."""
        rows = self._conn.execute("SELECT count(*) FROM alloc_rows").fetchone()[0]
        if not rows:
            return 0.0
        try:
            used = self._conn.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name = 'alloc_rows'"
            ).fetchone()[0]
        except Exception:
            count = self._conn.execute("PRAGMA page_count").fetchone()[0]
            size = self._conn.execute("PRAGMA page_size").fetchone()[0]
            used = count * size
        return float(used) / float(rows)

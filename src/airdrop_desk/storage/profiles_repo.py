"""Profiles and their wallet addresses: the rows ``TrackingRepo`` builds on.

A profile name is unique among the profiles someone can see; deleting only marks
the row so an undo can bring it back. Addresses are validated for their chain
before anything is written and stored in canonical form.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from airdrop_desk.core.addresses import AddressError, check_label, validate_address
from airdrop_desk.core.clock import iso
from airdrop_desk.core.tracking import FieldErrors, Profile, WalletAddress, parse_name

if TYPE_CHECKING:
    from sqlite_utils import Database


class ProfileRows:
    """Profile and address reads and writes, mixed into ``TrackingRepo``."""

    _db: Database
    _clock: Callable[[], dt.datetime]

    def _exec(self, sql: str, args: Iterable[object] = ()) -> sqlite3.Cursor:
        return self._db.conn.execute(sql, list(args))

    # -- profiles ----------------------------------------------------------------------
    def profiles(self, include_archived: bool = True) -> list[Profile]:
        sql = "SELECT id, name, notes, archived FROM profiles WHERE deleted_at IS NULL"
        if not include_archived:
            sql += " AND archived = 0"
        rows = self._exec(sql + " ORDER BY archived, name COLLATE NOCASE").fetchall()
        return [Profile(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def profile(self, profile_id: int) -> Profile | None:
        row = self._exec(
            "SELECT id, name, notes, archived FROM profiles WHERE id = ? AND deleted_at IS NULL",
            [profile_id],
        ).fetchone()
        return Profile(row[0], row[1], row[2], bool(row[3])) if row else None

    def _check_name(self, name: str, profile_id: int | None = None) -> str:
        try:
            name = parse_name(name, "A profile name")
        except ValueError as exc:
            raise FieldErrors({"name": str(exc)}) from None
        clash = self._exec(
            "SELECT id FROM profiles WHERE name = ? COLLATE NOCASE AND "
            "deleted_at IS NULL AND id IS NOT ?",
            [name, profile_id],
        ).fetchone()
        if clash:
            raise FieldErrors({"name": f"There is already a profile named “{name}”."})
        return name

    def create_profile(self, name: str, notes: str = "") -> Profile:
        name = self._check_name(name)
        with self._db.atomic():
            cur = self._exec(
                "INSERT INTO profiles (name, notes, created_at) VALUES (?, ?, ?)",
                [name, notes.strip(), iso(self._clock())],
            )
        return Profile(int(cur.lastrowid or 0), name, notes.strip())

    def update_profile(self, profile_id: int, name: str, notes: str) -> Profile:
        name = self._check_name(name, profile_id)
        with self._db.atomic():
            self._exec(
                "UPDATE profiles SET name = ?, notes = ? WHERE id = ?",
                [name, notes.strip(), profile_id],
            )
        found = self.profile(profile_id)
        assert found is not None
        return found

    def set_archived(self, profile_id: int, archived: bool) -> None:
        with self._db.atomic():
            self._exec("UPDATE profiles SET archived = ? WHERE id = ?", [int(archived), profile_id])

    def delete_profile(self, profile_id: int) -> None:
        with self._db.atomic():
            self._exec(
                "UPDATE profiles SET deleted_at = ? WHERE id = ?", [iso(self._clock()), profile_id]
            )

    def restore_profile(self, profile_id: int) -> None:
        with self._db.atomic():
            self._exec("UPDATE profiles SET deleted_at = NULL WHERE id = ?", [profile_id])

    # -- wallet addresses --------------------------------------------------------------
    def addresses(self, profile_id: int) -> list[WalletAddress]:
        rows = self._exec(
            "SELECT id, profile_id, chain, address, label FROM wallet_addresses "
            "WHERE profile_id = ? ORDER BY chain, id",
            [profile_id],
        ).fetchall()
        return [WalletAddress(*r) for r in rows]

    def add_address(
        self, profile_id: int, chain: str, address: str, label: str = ""
    ) -> WalletAddress:
        """Validated for ``chain`` first; raises FieldErrors and writes nothing otherwise."""
        errors: dict[str, str] = {}
        try:
            canonical = validate_address(chain, address)
        except AddressError as exc:
            errors["address"] = str(exc)
        try:
            label = check_label(label)
        except ValueError as exc:
            errors["label"] = str(exc)
        if errors:
            raise FieldErrors(errors)
        if self._exec(
            "SELECT 1 FROM wallet_addresses WHERE profile_id = ? AND chain = ? AND address = ?",
            [profile_id, chain, canonical],
        ).fetchone():
            raise FieldErrors({"address": "This profile already has this address."})
        with self._db.atomic():
            cur = self._exec(
                "INSERT INTO wallet_addresses (profile_id, chain, address, label) "
                "VALUES (?, ?, ?, ?)",
                [profile_id, chain, canonical, label],
            )
        return WalletAddress(int(cur.lastrowid or 0), profile_id, chain, canonical, label)

    def remove_address(self, address_id: int) -> None:
        with self._db.atomic():
            self._exec("DELETE FROM wallet_addresses WHERE id = ?", [address_id])

    def restore_address(self, item: WalletAddress) -> None:
        with self._db.atomic():
            self._exec(
                "INSERT INTO wallet_addresses (id, profile_id, chain, address, label) "
                "VALUES (?, ?, ?, ?, ?)",
                [item.id, item.profile_id, item.chain, item.address, item.label],
            )

"""Rows of linked exchange keys: metadata only, never a secret."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlite_utils import Database

from airdrop_desk.core.clock import iso, parse_iso

KeyStatus = Literal["verified", "locked", "unverified"]


@dataclass(frozen=True)
class KeyRecord:
    """A linked key as the database keeps it; ``id`` also names its keyring entry."""

    id: str
    exchange: str
    label: str
    masked_key: str
    fingerprint: str
    linked_at: dt.datetime
    last_verified_at: dt.datetime | None
    status: KeyStatus
    status_detail: str
    ip_restricted: bool | None
    expires_at: dt.datetime | None


_COLUMNS = (
    "id, exchange, label, masked_key, fingerprint, linked_at, last_verified_at, "
    "status, status_detail, ip_restricted, expires_at"
)


def _record(row: Any) -> KeyRecord:
    (id_, exchange, label, masked, fp, linked, verified, status, detail, ip, expires) = row
    return KeyRecord(
        id_,
        exchange,
        label,
        masked,
        fp,
        parse_iso(linked) or dt.datetime.min,
        parse_iso(verified),
        status,
        detail,
        None if ip is None else bool(ip),
        parse_iso(expires),
    )


class KeysRepo:
    """Read and write ``exchange_keys``; each write is one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, key: KeyRecord) -> None:
        with self._db.atomic():
            self._db.execute(
                f"INSERT INTO exchange_keys ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    key.id,
                    key.exchange,
                    key.label,
                    key.masked_key,
                    key.fingerprint,
                    iso(key.linked_at, "ms"),
                    iso(key.last_verified_at, "ms") if key.last_verified_at else None,
                    key.status,
                    key.status_detail,
                    None if key.ip_restricted is None else int(key.ip_restricted),
                    iso(key.expires_at, "ms") if key.expires_at else None,
                ],
            )

    def all(self) -> list[KeyRecord]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM exchange_keys ORDER BY label COLLATE NOCASE"
        ).fetchall()
        return [_record(r) for r in rows]

    def by_label(self, label: str) -> KeyRecord | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM exchange_keys WHERE label = ?", [label]
        ).fetchone()
        return None if row is None else _record(row)

    def by_fingerprint(self, fingerprint: str) -> KeyRecord | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM exchange_keys WHERE fingerprint = ?", [fingerprint]
        ).fetchone()
        return None if row is None else _record(row)

    def set_status(
        self,
        key_id: str,
        status: KeyStatus,
        detail: str,
        *,
        verified_at: dt.datetime | None = None,
        ip_restricted: bool | None = None,
        expires_at: dt.datetime | None = None,
    ) -> None:
        """Store a check's result; ``verified_at`` only when the key was verified read-only."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE exchange_keys SET status = ?, status_detail = ?, "
                "last_verified_at = COALESCE(?, last_verified_at), "
                "ip_restricted = COALESCE(?, ip_restricted), "
                "expires_at = COALESCE(?, expires_at) WHERE id = ?",
                [
                    status,
                    detail,
                    iso(verified_at, "ms") if verified_at else None,
                    None if ip_restricted is None else int(ip_restricted),
                    iso(expires_at, "ms") if expires_at else None,
                    key_id,
                ],
            )

    def delete(self, key_id: str) -> None:
        with self._db.atomic():
            self._db.execute("DELETE FROM exchange_keys WHERE id = ?", [key_id])

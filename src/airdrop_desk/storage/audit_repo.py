"""The audit log of every request made with an exchange key (no secrets, no queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from airdrop_desk.core.clock import iso, parse_iso


@dataclass(frozen=True)
class AuditEntry:
    """One request: when, which exchange and key label, which endpoint, how it went."""

    at: dt.datetime
    exchange: str
    label: str
    key_id: str | None
    method: str
    endpoint: str
    outcome: str
    http_status: int | None
    latency_ms: int
    detail: str = ""


FIELDS = (
    "at",
    "exchange",
    "label",
    "key_id",
    "method",
    "endpoint",
    "outcome",
    "http_status",
    "latency_ms",
    "detail",
)


class AuditRepo:
    """Append to and read ``key_audit``; entries stay when their key is removed."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_many(self, entries: Iterable[AuditEntry]) -> None:
        rows = [
            [
                iso(e.at, "ms"),
                e.exchange,
                e.label,
                e.key_id,
                e.method,
                e.endpoint,
                e.outcome,
                e.http_status,
                e.latency_ms,
                e.detail,
            ]
            for e in entries
        ]
        if not rows:
            return
        with self._db.atomic():
            self._db.conn.executemany(
                f"INSERT INTO key_audit ({', '.join(FIELDS)}) VALUES (?,?,?,?,?,?,?,?,?,?)", rows
            )

    def entries(self, label: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        """Newest first; all labels unless ``label`` is given."""
        sql = f"SELECT {', '.join(FIELDS)} FROM key_audit"
        args: list[object] = []
        if label is not None:
            sql += " WHERE label = ?"
            args.append(label)
        sql += " ORDER BY at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [
            AuditEntry(parse_iso(r[0]) or dt.datetime.min, *r[1:])
            for r in self._db.execute(sql, args).fetchall()
        ]

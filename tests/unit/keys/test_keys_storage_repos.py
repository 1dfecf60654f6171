"""The key metadata and audit tables: metadata only, entries outlive their key."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from airdrop_desk.storage.audit_repo import AuditEntry, AuditRepo
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo

NOW = dt.datetime(2025, 3, 1, 12, 0, 0, 123000, tzinfo=dt.UTC)


def record(label: str = "main", fp: str = "f" * 64) -> KeyRecord:
    return KeyRecord(
        "id-" + label,
        "binance",
        label,
        "AbCd…WxYz",
        fp,
        NOW,
        NOW,
        "verified",
        "read-only",
        False,
        None,
    )


def test_keys_round_trip_and_constraints(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    repo = KeysRepo(db)
    repo.add(record())
    assert repo.by_label("main") == record()
    assert repo.by_fingerprint("f" * 64) == record()
    with pytest.raises(sqlite3.IntegrityError):
        repo.add(record("other"))  # same fingerprint
    later = NOW + dt.timedelta(days=1)
    repo.set_status("id-main", "locked", "rights grew")
    locked = repo.by_label("main")
    assert locked is not None and locked.status == "locked"
    assert locked.last_verified_at == NOW  # only a successful check moves it
    repo.set_status("id-main", "verified", "read-only", verified_at=later, ip_restricted=True)
    again = repo.by_label("main")
    assert again is not None and again.last_verified_at == later and again.ip_restricted
    with pytest.raises(sqlite3.IntegrityError):
        repo.set_status("id-main", "bogus", "")  # type: ignore[arg-type]
    repo.delete("id-main")
    assert repo.all() == []
    db.close()


def test_audit_entries_stay_and_filter(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    audit = AuditRepo(db)
    entries = [
        AuditEntry(
            NOW + dt.timedelta(seconds=i),
            "okx",
            label,
            "id",
            "GET",
            "/api/v5/account/config",
            "ok",
            200,
            12,
        )
        for i, label in enumerate(["a", "b", "a"])
    ]
    audit.add_many(entries)
    audit.add_many([])
    assert audit.entries() == list(reversed(entries))
    assert audit.entries("a", limit=1) == [entries[2]]
    db.close()

"""Helpers for the data tests: data folders with a catalog and user rows, folder snapshots."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.db import open_database


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its SHA-256: any write shows up as a difference."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def user_rows(paths: Paths) -> None:
    """Rows in the core user tables and, where they exist, the tracking tables."""
    db = open_database(paths.database, paths.backups)
    tables = set(db.table_names())
    with db.atomic():
        db.execute(
            "INSERT INTO settings VALUES ('theme', '\"dark\"'), "
            "('window.note', '\"Ünïcödé ✓ \\\"quoted\\\", comma\"')"
        )
        db.execute(
            "INSERT INTO exchange_keys (id, exchange, label, masked_key, fingerprint, "
            "linked_at, status) VALUES ('k1', 'binance', 'main', 'AbCd…WxYz', "
            "'f1ngerpr1nt', '2025-01-01T00:00:00.000Z', 'verified')"
        )
        db.execute(
            "INSERT INTO key_audit (at, exchange, label, key_id, method, endpoint, "
            "outcome, http_status, latency_ms, detail) VALUES "
            "('2025-01-01T00:00:00.000Z', 'binance', 'main', 'k1', 'GET', "
            "'/api/v3/account', 'ok', 200, 81, ''), "
            "('2025-01-02T00:00:00.000Z', 'binance', 'main', NULL, 'GET', "
            "'/sapi/v1/account/apiRestrictions', 'error', NULL, 5000, 'timeout')"
        )
        if {"profiles", "tracked_projects", "tasks", "ticks"} <= tables:
            db.execute(
                "INSERT INTO profiles (id, name, notes, created_at) VALUES "
                "(1, 'Main', 'line one\nline two', '2025-01-01'), "
                "(2, 'Alt', '', '2025-01-02')"
            )
            db.execute(
                "INSERT INTO tracked_projects (id, profile_id, project_id, added_at) "
                "VALUES (1, 1, 'starknet', '2025-01-01'), (2, 2, 'scroll', '2025-01-02')"
            )
            db.execute(
                "INSERT INTO tasks (id, tracked_id, template_id, title, position, "
                "created_at) VALUES (1, 1, NULL, 'Bridge to Starknet', 0, '2025-01-01'),"
                " (2, 2, NULL, 'Swap on Scroll', 0, '2025-01-02')"
            )
            db.execute(
                "INSERT INTO ticks (task_id, at, note, cost_usd) VALUES "
                "(1, '2025-01-03T10:00:00Z', 'done, \"finally\"', 1.25), "
                "(2, '2025-01-04T10:00:00Z', '', NULL)"
            )
    db.close()


def make_data(folder: Path) -> Paths:
    paths = Paths(folder)
    ensure_catalog(paths, bundled_catalog_path()).reader.close()
    user_rows(paths)
    return paths


def export_world(root: Path) -> dict[str, Any]:
    """A target data folder (and its file hashes) plus a JSON and a CSV .zip export."""
    from airdrop_desk.storage.userdata import export_data

    source = make_data(root / "source")
    export_data(source, root / "export.json", "json")
    export_data(source, root / "export.zip", "csv")
    target = make_data(root / "target")
    return {
        "paths": target,
        "state": folder_state(target.data_dir),
        "json": (root / "export.json").read_bytes(),
        "zip": (root / "export.zip").read_bytes(),
    }


def refuse_import(world: dict[str, Any], file: Path, expected: str) -> str:
    """Import ``file``: it must fail with one line naming it and ``expected``, changing nothing."""
    from airdrop_desk.storage.userdata import DataFileError
    from airdrop_desk.storage.userdata_import import import_data

    paths: Paths = world["paths"]
    with pytest.raises(DataFileError) as caught:
        import_data(paths, file)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 1000, message[:300]
    assert message.startswith(file.name), message
    assert expected in message, message
    assert folder_state(paths.data_dir) == world["state"], "the data folder changed"
    return message

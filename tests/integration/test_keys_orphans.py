"""Secrets a backup restore leaves in the keyring: found, named, and removed only when asked.

A real (private) Secret Service, the fake exchanges and the real restore path: the
command line as a user runs it, and the restore the window runs.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.all import FAST
from fakes.secret_service import SecretService
from fakes.server import Account, FakeExchanges

import airdrop_desk
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.keys.index import KeyIndex, restore_keeping_track
from airdrop_desk.keys.store import KeyringStore
from airdrop_desk.keys.vault import KeyVault
from airdrop_desk.paths import Paths
from airdrop_desk.storage.backup import Backups, create_backup
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.keys_repo import KeyRecord

SRC = str(Path(airdrop_desk.__file__).resolve().parents[1])


def cli(
    service: SecretService, fakes: FakeExchanges, data: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {
        **service.env,
        **fakes.env(),
        "PYTHONPATH": SRC,
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(data)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def key_id(data: Path, label: str) -> str:
    conn = sqlite3.connect(data / "airdrop-desk.sqlite3")
    try:
        row = conn.execute("SELECT id FROM exchange_keys WHERE label = ?", [label]).fetchone()
    finally:
        conn.close()
    return str(row[0])


def masked(account: Account) -> str:
    return f"{account.api_key[:4]}…{account.api_key[-4:]}"


def test_cli_restore_names_left_secrets_and_prune_removes_only_this_folders(
    secret_service: SecretService, fakes: FakeExchanges, tmp_path: Path
) -> None:
    store = KeyringStore(secret_service.backend())
    data, other = tmp_path / "data", tmp_path / "other"

    def run(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        result = cli(secret_service, fakes, folder, *args, stdin=stdin)
        assert result.returncode == 0, result.stderr
        return result

    run(data, "keys", "list")  # a data folder without keys
    created = run(data, "backup", "create").stdout
    match = re.match(r"Created (\S+) \(", created)
    assert match, created
    account = fakes.add("binance", "read_only")
    run(
        data,
        "keys",
        "add",
        "--exchange",
        "binance",
        "--label",
        "main",
        stdin=json.dumps(account.credentials()),
    )
    theirs = fakes.add("okx", "read_only")
    run(
        other,
        "keys",
        "add",
        "--exchange",
        "okx",
        "--label",
        "main",
        stdin=json.dumps(theirs.credentials()),
    )
    secret = key_id(data, "main")

    restored = run(data, "backup", "restore", match[1]).stdout
    assert (
        "1 exchange key secret(s) are still in the system keyring but belong to no key in "
        f"the restored data: 'main' (binance, key {masked(account)}). Remove them with "
        "'airdrop-desk keys prune'" in restored
    )
    assert store.get(secret) is not None  # nothing is deleted without being asked
    assert "0 key(s)" in run(data, "keys", "list").stdout

    pruned = run(data, "keys", "prune").stdout
    assert f"Removed the secret of 'main' (binance, key {masked(account)})" in pruned
    assert "1 secret(s) left behind" in pruned
    assert store.get(secret) is None
    assert account.api_secret not in restored + pruned
    assert "0 secret(s) left behind" in run(data, "keys", "prune").stdout
    # The other data folder's key, under the same keyring service, is untouched.
    assert "main (okx): verified read-only" in run(other, "keys", "check").stdout
    run(other, "keys", "remove", "main")


def test_restore_without_keys_on_either_side_says_nothing_of_the_keyring(
    secret_service: SecretService, fakes: FakeExchanges, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    assert cli(secret_service, fakes, data, "keys", "list").returncode == 0
    assert cli(secret_service, fakes, data, "backup", "create").returncode == 0
    restored = cli(secret_service, fakes, data, "backup", "restore", "--latest")
    assert restored.returncode == 0, restored.stderr
    assert "keyring" not in restored.stdout + restored.stderr


def linked(paths: Paths, store: KeyringStore, fakes: FakeExchanges, label: str) -> KeyRecord:
    db = open_database(paths.database, paths.backups)
    try:
        account = fakes.add("kucoin", "read_only")
        vault = KeyVault(db, store, **FAST)
        return vault.link("kucoin", label, Credentials.of(**account.credentials())).record
    finally:
        db.close()


def test_a_key_linked_before_the_list_existed_is_found_at_restore(
    secret_service: SecretService, fakes: FakeExchanges, tmp_path: Path
) -> None:
    store = KeyringStore(secret_service.backend())
    paths = Paths(tmp_path / "data")
    open_database(paths.database, paths.backups).close()
    backup = create_backup(paths)
    record = linked(paths, store, fakes, "older")
    KeyIndex(store, paths.database).drop([record.id])  # as an earlier version left it

    restored = restore_keeping_track(lambda: Backups(paths).restore(backup.path), paths, store)
    assert [e.describe() for e in restored.orphans] == [
        f"'older' (kucoin, key {record.masked_key})"
    ]
    db = open_database(paths.database, paths.backups)
    try:
        vault = KeyVault(db, store, **FAST)
        assert [e.key_id for e in vault.orphans()] == [record.id]
        assert [e.key_id for e in vault.prune_orphans()] == [record.id]
        assert vault.orphans() == [] and store.get(record.id) is None
    finally:
        db.close()


@pytest.mark.parametrize("count", [1, 40])
def test_the_list_survives_any_number_of_keys_and_leaves_nothing_when_empty(
    secret_service: SecretService, tmp_path: Path, count: int
) -> None:
    import datetime as dt

    store = KeyringStore(secret_service.backend())
    index = KeyIndex(store, tmp_path / "data" / "airdrop-desk.sqlite3")
    now = dt.datetime.now(dt.UTC)
    records = [
        KeyRecord(
            f"{n:032x}",
            "bybit",
            f"ключ 🔑 {n} " + "x" * 50,
            "AbCd…WxYz",
            "f",
            now,
            now,
            "verified",
            "read-only",
            None,
            None,
        )
        for n in range(count)
    ]
    index.add(records)
    assert sorted(index.entries()) == [r.id for r in records]
    assert index.entries()[records[-1].id].label == records[-1].label
    index.drop(r.id for r in records[1:])
    assert list(index.entries()) == [records[0].id]
    index.drop([records[0].id])
    assert index.entries() == {}
    assert store.get(f"{index.name}:0") is None and store.get(f"{index.name}:1") is None

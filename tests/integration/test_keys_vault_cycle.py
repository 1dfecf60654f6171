"""The key vault end to end: real Secret Service, fake exchanges, a real database file."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fakes.all import FAST
from fakes.secret_service import SecretService
from fakes.server import Account, FakeExchanges

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.credentials import Credentials, Secret
from airdrop_desk.keys.index import KeyIndex
from airdrop_desk.keys.store import SERVICE, KeyringStore
from airdrop_desk.keys.vault import KeyVault, VaultError
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.settings import SettingsRepo


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def keys(data_dir: Path, secret_service: SecretService) -> Iterator[KeyVault]:
    db = open_database(data_dir / "airdrop-desk.sqlite3", data_dir / "backups")
    try:
        yield KeyVault(db, KeyringStore(secret_service.backend()), **FAST)
    finally:
        db.close()


def credentials(account: Account) -> Credentials:
    return Credentials.of(**account.credentials())


def link(
    keys: KeyVault, fakes: FakeExchanges, exchange: str, label: str, scenario: str = "read_only"
) -> Account:
    account = fakes.add(exchange, scenario)
    keys.link(exchange, label, credentials(account))
    return account


def keyring_entries(secret_service: SecretService) -> list[str]:
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return [
            item.get_attributes()["username"]
            for item in collection.search_items({"service": SERVICE})
        ]
    finally:
        connection.close()


def needles(accounts: list[Account]) -> list[bytes]:
    """Every secret value, whole and as a 16-character piece from its middle."""
    found = []
    for account in accounts:
        for value in (account.api_key, account.api_secret, account.passphrase):
            if value:
                middle = len(value) // 2
                found += [value.encode(), value[middle - 8 : middle + 8].encode()]
    return found


def test_full_cycle_leaves_no_secret_anywhere(
    keys: KeyVault,
    fakes: FakeExchanges,
    data_dir: Path,
    secret_service: SecretService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    before = set(keyring_entries(secret_service))  # the keyring is shared by the session
    accounts = []
    for name in registry.NAMES:
        account = fakes.add(name, "read_only")
        accounts.append(account)
        result = keys.link(name, f"{name} main", credentials(account))
        assert result.record.status == "verified"
        assert result.record.masked_key.startswith(account.api_key.rsplit("/", 1)[-1][:4])
        assert any(note.startswith("IP restriction") for note in result.notes)
    for scenario in ("withdraw", "unauthorized"):  # refused keys must leave nothing either
        refused = fakes.add("okx", scenario)
        accounts.append(refused)
        with pytest.raises(VaultError):
            keys.link("okx", f"okx {scenario}", credentials(refused))
    # One entry per key, plus the app's own list of them (which holds no secret).
    index = KeyIndex(KeyringStore(secret_service.backend()), data_dir / "airdrop-desk.sqlite3")
    ids = {r.id for r in keys.linked_keys()}
    assert len(ids) == len(registry.NAMES) and set(index.entries()) == ids
    assert set(keyring_entries(secret_service)) - before == ids | {f"{index.name}:0"}
    listed = json.dumps([dataclasses.asdict(e) for e in index.entries().values()])

    assert all(result.ok for result in keys.check())
    for name in registry.NAMES:
        balances = keys.balances(f"{name} main")
        assert balances and all(isinstance(b.amount, Decimal) and b.amount > 0 for b in balances)
    for name in registry.NAMES:
        keys.remove(f"{name} main")
    assert keys.linked_keys() == []
    assert set(keyring_entries(secret_service)) == before

    audit = keys.audit()
    assert {e.label for e in audit} >= {f"{n} main" for n in registry.NAMES} | {"okx withdraw"}
    assert all("?" not in e.endpoint for e in audit)
    export_json = json.dumps([dataclasses.asdict(e) for e in audit], default=str)
    export_csv = io.StringIO()
    csv.writer(export_csv).writerows(dataclasses.astuple(e) for e in audit)

    blobs = {str(p): p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert any(name.endswith("-wal") for name in blobs)  # the WAL is scanned too
    blobs["log"] = caplog.text.encode()
    blobs["json export"] = export_json.encode()
    blobs["csv export"] = export_csv.getvalue().encode()
    blobs["keyring list"] = listed.encode()
    blobs["reprs"] = repr([credentials(a) for a in accounts]).encode()
    for needle in needles(accounts):
        for where, blob in blobs.items():
            assert needle not in blob, f"a secret was found in {where}"


def test_key_whose_rights_grew_is_locked_and_not_used(keys: KeyVault, fakes: FakeExchanges) -> None:
    account = link(keys, fakes, "binance", "main")
    account.scenario = "withdraw"  # someone switched withdrawals on at the exchange
    [result] = keys.check("main")
    assert result.status == "locked" and not result.ok
    assert "enableWithdrawals" in result.message and "rights grew" in result.message
    assert keys.get("main").status == "locked"
    with pytest.raises(VaultError, match="was not used"):
        keys.balances("main")
    assert "/api/v3/account" not in {e.endpoint for e in keys.audit("main")}
    account.scenario = "read_only"  # switched off again: a re-check unlocks it
    assert keys.check("main")[0].ok
    assert keys.get("main").status == "verified"


def test_refusals_store_nothing_but_audit_the_requests(
    keys: KeyVault, fakes: FakeExchanges, secret_service: SecretService
) -> None:
    before = set(keyring_entries(secret_service))
    withdraw = fakes.add("kucoin", "withdraw")
    with pytest.raises(VaultError, match=r"Withdrawal\. Switch them off on KuCoin"):
        keys.link("kucoin", "kc", credentials(withdraw))
    with pytest.raises(VaultError, match="Could not verify the key: KuCoin had a server error"):
        keys.link("kucoin", "kc", credentials(fakes.add("kucoin", "server_error")))
    with pytest.raises(VaultError, match="expired on 2023-11-14"):
        keys.link("kraken", "kr", credentials(fakes.add("kraken", "expired")))
    assert keys.linked_keys() == []
    assert set(keyring_entries(secret_service)) == before
    assert [e.outcome for e in keys.audit("kc")].count("server_error") == 3

    account = link(keys, fakes, "gate", "gate")
    with pytest.raises(VaultError, match="already linked as 'gate'"):
        keys.link("gate", "again", credentials(account))
    with pytest.raises(VaultError, match="label 'gate' is already used"):
        keys.link("gate", "gate", credentials(fakes.add("gate", "read_only")))
    with pytest.raises(VaultError, match="need the passphrase"):
        keys.link("okx", "okx", Credentials.of("k" * 32, "s" * 32))
    keys.remove("gate")


def test_missing_keyring_entry_is_reported(
    keys: KeyVault, fakes: FakeExchanges, secret_service: SecretService
) -> None:
    link(keys, fakes, "bybit", "by")
    KeyringStore(secret_service.backend()).delete(keys.get("by").id)
    [result] = keys.check("by")
    assert not result.ok and "no secret for this key" in result.message
    assert keys.get("by").status == "unverified"
    keys.remove("by")  # still removable; the audit log keeps its entries
    assert keys.audit("by")


def test_rotation_reminder_follows_the_setting(
    keys: KeyVault, fakes: FakeExchanges, data_dir: Path, secret_service: SecretService
) -> None:
    link(keys, fakes, "okx", "okx")
    record = keys.get("okx")
    assert keys.rotation_due(record) - record.linked_at == dt.timedelta(days=90)
    db = open_database(data_dir / "airdrop-desk.sqlite3", data_dir / "backups")
    try:
        SettingsRepo(db).set("keys.rotation_days", 30)
        shorter = KeyVault(db, KeyringStore(secret_service.backend()))
        assert shorter.rotation_due(record) - record.linked_at == dt.timedelta(days=30)
        shorter.remove("okx")
    finally:
        db.close()


def test_a_check_that_cannot_read_the_report_locks_the_key_and_is_audited(
    keys: KeyVault, fakes: FakeExchanges
) -> None:
    account = link(keys, fakes, "binance", "escalated")
    account.scenario = "custom:trade_until_year_40000"  # trading on, expiry beyond any date
    before = len(keys.audit("escalated"))
    [result] = keys.check("escalated")
    assert result.status == "locked" and not result.ok
    assert keys.get("escalated").status == "locked"
    assert len(keys.audit("escalated")) == before + 1  # the check's request is in the log
    with pytest.raises(VaultError, match="was not used"):
        keys.balances("escalated")
    keys.remove("escalated")


@pytest.mark.parametrize(
    ("label", "api_key", "message"),
    [
        ("main\u202ekey", None, r"Label: contains an invisible right-to-left override "
         r"\(U\+202E\) at position 5"),
        ("a\u200bb", None, r"Label: contains a zero-width space \(U\+200B\) at position 2"),
        ("ba\x85d", None, r"Label: contains a C1 control character \(U\+0085\)"),
        ("x" * 65, None, "Label: is longer than 64 characters"),
        ("ok", "abc\u2060def", r"API key: contains an invisible word joiner \(U\+2060\)"),
        ("ok", "abc def", r"API key: contains a space \(U\+0020\) at position 4"),
    ],
)  # fmt: skip
def test_names_and_keys_with_hidden_characters_are_refused(
    keys: KeyVault, fakes: FakeExchanges, label: str, api_key: str | None, message: str
) -> None:
    account = fakes.add("kraken", "read_only")
    blob = account.credentials()
    if api_key is not None:
        blob["api_key"] = api_key
    with pytest.raises(VaultError, match=message) as caught:
        keys.link("kraken", label, Credentials.of(**blob))
    assert account.api_secret not in str(caught.value)
    assert keys.linked_keys() == []


def test_a_pasted_key_keeps_no_surrounding_whitespace(keys: KeyVault, fakes: FakeExchanges) -> None:
    account = fakes.add("okx", "read_only")
    assert account.passphrase
    pasted = Credentials(
        Secret(f"  {account.api_key}\n"),
        Secret(f"\t{account.api_secret} "),
        Secret(f" {account.passphrase}\n"),
    )
    assert keys.link("okx", "  pasted  ", pasted).record.label == "pasted"
    keys.remove("pasted")

"""The key store on a real (private) Secret Service, plus keyring-less and locked cases."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest
from fakes.all import FAST
from fakes.secret_service import SecretService
from fakes.server import FakeExchanges
from keyring.backends import fail, null

from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.keys.store import SERVICE, KeyringStore, KeyringUnavailable
from airdrop_desk.keys.vault import KeyVault, VaultError
from airdrop_desk.storage.db import open_database


def vault(tmp_path: Path, store: KeyringStore) -> KeyVault:
    db = open_database(tmp_path / "data" / "db.sqlite3", tmp_path / "data" / "backups")
    return KeyVault(db, store, **FAST)


def test_secret_service_round_trip(secret_service: SecretService) -> None:
    import secretstorage

    store = KeyringStore(secret_service.backend())
    assert store.backend_name == "SecretService Keyring"
    store.ensure_usable()
    store.set("entry-1", '{"v": 1}')
    assert store.get("entry-1") == '{"v": 1}'
    connection = secretstorage.dbus_init()
    try:  # the entry sits under the app's namespaced service name
        collection = secretstorage.get_default_collection(connection)
        items = list(collection.search_items({"service": SERVICE, "username": "entry-1"}))
        assert len(items) == 1
    finally:
        connection.close()
    store.delete("entry-1")
    assert store.get("entry-1") is None
    store.delete("entry-1")  # already gone: not an error


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_linking_is_refused_without_a_secure_keyring(
    tmp_path: Path, fakes: FakeExchanges, backend: object
) -> None:
    keys = vault(tmp_path, KeyringStore(backend))  # type: ignore[arg-type]
    account = fakes.add("binance", "read_only")
    with pytest.raises(VaultError) as caught:
        keys.link("binance", "main", Credentials.of(**account.credentials()))
    assert "no system keyring was found" in str(caught.value)
    assert "Secret Service" in str(caught.value)  # says what to install
    assert keys.linked_keys() == [] and keys.audit() == []  # nothing asked, nothing stored
    assert keys.backend_name == "none (no system keyring was found)"


def test_linking_is_refused_while_the_keyring_is_locked(
    tmp_path: Path, fakes: FakeExchanges, locked_secret_service: SecretService
) -> None:
    store = KeyringStore(locked_secret_service.backend())
    keys = vault(tmp_path, store)
    account = fakes.add("binance", "read_only")
    with warnings.catch_warnings():
        # keyring's SecretService backend leaves its D-Bus connection open when the
        # collection stays locked; let it be collected here, not in a later test.
        warnings.simplefilter("ignore", ResourceWarning)
        with pytest.raises(VaultError) as caught:
            keys.link("binance", "main", Credentials.of(**account.credentials()))
        with pytest.raises(KeyringUnavailable, match="locked"):
            store.get("anything")
        gc.collect()
    assert "locked" in str(caught.value) and "Unlock it" in str(caught.value)
    chain, error = [], caught.value.__context__
    while error is not None:
        chain.append(type(error).__name__)
        error = error.__context__
    assert chain == ["KeyringUnavailable"]  # the backend's traceback is not kept alive
    assert keys.linked_keys() == [] and keys.audit() == []

"""Which keyring backends may hold exchange keys: the OS keyrings only, never a file."""

from __future__ import annotations

from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import PasswordDeleteError

from airdrop_desk.keys.store import (
    OS_BACKENDS,
    KeyringStore,
    KeyringUnavailable,
    insecure_reason,
    secure_backend,
)


class Vault(KeyringBackend):
    """A stand-in for an OS keyring backend (priority like SecretService's)."""

    name = "Test Vault"
    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")  # as keyring's backends do


# The stand-in is trusted only where a test says so, as an OS keyring would be.
TRUSTED = OS_BACKENDS | {(__name__, "Vault"), (__name__, "Broken")}


class CryptFileKeyring(Vault):
    """Like keyrings.cryptfile: highly ranked, but it writes the secret to a file."""

    name = "Encrypted File"
    priority = 2.5  # type: ignore[assignment]


CryptFileKeyring.__module__ = "keyrings.cryptfile.cryptfile"


class PluginVault(Vault):
    """Any other installed backend, however well it ranks itself."""

    priority = 20  # type: ignore[assignment]


class PlaintextKeyring(Vault):
    priority = 0.5  # type: ignore[assignment]


class AltFile(Vault):
    priority = 1.5  # type: ignore[assignment]


AltFile.__module__ = "keyrings.alt.file"


class Broken(Vault):
    @property  # type: ignore[misc]
    def priority(self) -> float:  # type: ignore[override]
        raise RuntimeError("not viable")


class Chain(chainer.ChainerBackend):
    """A chainer over a fixed list of backends."""

    def __init__(self, inner: list[Any]) -> None:
        super().__init__()
        self._inner = inner

    @property
    def backends(self) -> list[Any]:  # type: ignore[override]
        return self._inner


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (fail.Keyring(), "no system keyring was found"),
        (null.Keyring(), "no system keyring was found"),
        (PlaintextKeyring(), "stores secrets in a file"),
        (AltFile(), "stores secrets in a file"),
        (Broken(), "not recommended by keyring"),
        (Chain([]), "no secure keyring backend is available"),
    ],
    ids=["fail", "null", "plaintext", "keyrings.alt", "not-viable", "empty-chainer"],
)
def test_insecure_backends_are_refused(backend: KeyringBackend, reason: str) -> None:
    assert reason in (insecure_reason(backend, TRUSTED) or "")
    with pytest.raises(KeyringUnavailable, match="system keyring"):
        secure_backend(backend, TRUSTED)
    store = KeyringStore(backend, allowed=TRUSTED)
    assert store.backend_name.startswith("none (")
    with pytest.raises(KeyringUnavailable):
        store.set("id", "secret")


@pytest.mark.parametrize(
    "backend",
    [CryptFileKeyring(), PluginVault(), Vault(), Chain([CryptFileKeyring(), PluginVault()])],
    ids=["keyrings.cryptfile", "plugin", "not-allowed-here", "chainer-over-others"],
)
def test_only_the_os_keyrings_are_allowed(backend: KeyringBackend) -> None:
    """An allow-list: a backend keyring ranks as viable is still refused unless it is one
    of the operating system's keyrings."""
    assert "is not a system keyring" in (insecure_reason(backend) or "") or isinstance(
        backend, chainer.ChainerBackend
    )
    store = KeyringStore(backend)
    assert store.backend_name.startswith("none (")
    with pytest.raises(KeyringUnavailable, match="Cannot store exchange keys"):
        store.set("id", "secret")
    assert getattr(backend, "items", {}) == {}


def test_the_os_keyring_classes_are_the_allowed_ones() -> None:
    from keyring.backends import SecretService, Windows, macOS

    for cls in (SecretService.Keyring, macOS.Keyring, Windows.WinVaultKeyring):
        assert (cls.__module__, cls.__qualname__) in OS_BACKENDS


def test_a_chainer_is_replaced_by_its_secure_backend() -> None:
    vault = Vault()
    assert secure_backend(Chain([PlaintextKeyring(), CryptFileKeyring(), vault]), TRUSTED) is vault
    store = KeyringStore(Chain([PlaintextKeyring(), vault]), allowed=TRUSTED)
    store.set("entry", "value")
    assert vault.items == {("airdrop-desk:exchange-key", "entry"): "value"}
    assert store.backend_name == "Test Vault"


def test_backend_errors_become_clear_messages_without_values() -> None:
    class Failing(Vault):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise OSError(f"disk full while writing {password}")

    store = KeyringStore(Failing(), allowed=TRUSTED | {(__name__, Failing.__qualname__)})
    with pytest.raises(KeyringUnavailable) as caught:
        store.set("entry", "TOP-SECRET")
    assert "TOP-SECRET" not in str(caught.value) and "OSError" in str(caught.value)
    assert caught.value.__context__ is None
    store.delete("missing")  # deleting what is not there is fine

"""Where key secrets live: the OS keyring, behind a three-method protocol.

Only the operating system's own keyrings are accepted, by an allow-list of backend
classes (``OS_BACKENDS``): the Secret Service (GNOME Keyring, KWallet; directly or through
libsecret), KWallet, the macOS Keychain and the Windows Credential Locker. Any other
backend, however keyring ranks it (keyrings.cryptfile, keyrings.alt's files, fail, null,
a third-party plugin), is refused, and a chainer is used only through an allowed backend
inside it. The app never falls back to a file of its own.
"""

from __future__ import annotations

from typing import Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer

SERVICE = "airdrop-desk:exchange-key"
NO_KEYRING_HELP = (
    "Airdrop Desk keeps exchange keys only in the system keyring. On Linux, install and "
    "start a Secret Service (GNOME Keyring or KWallet) and log in to a desktop session; "
    "on macOS and Windows the built-in keychain/credential store is used."
)


# (module, class name) of every backend that keeps secrets in the operating system's store.
OS_BACKENDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("keyring.backends.SecretService", "Keyring"),
        ("keyring.backends.libsecret", "Keyring"),
        ("keyring.backends.kwallet", "DBusKeyring"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
        ("keyring.backends.macOS", "Keyring"),
        ("keyring.backends.Windows", "WinVaultKeyring"),
    }
)
TRUSTED_NAMES = "Secret Service, KWallet, macOS Keychain, Windows Credential Locker"


class KeyringUnavailable(Exception):
    """No secure keyring can be used right now; ``str()`` explains what to do."""


class SecretStore(Protocol):
    """Get, set and delete one secret text by entry id."""

    @property
    def backend_name(self) -> str: ...

    def ensure_usable(self) -> None: ...

    def get(self, entry: str) -> str | None: ...

    def set(self, entry: str, value: str) -> None: ...

    def delete(self, entry: str) -> None: ...


def _priority(backend: KeyringBackend) -> float:
    try:
        return float(backend.priority)
    except Exception:  # a backend that cannot say its priority is not viable here
        return -1.0


def insecure_reason(
    backend: KeyringBackend, allowed: frozenset[tuple[str, str]] = OS_BACKENDS
) -> str | None:
    """Why ``backend`` must not hold secrets, or None when it may (an allowed OS keyring
    that keyring finds usable here)."""
    cls = type(backend)
    module = cls.__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return "no system keyring was found"
    if module.startswith("keyrings.alt") or "plaintext" in cls.__name__.lower():
        return f"the '{cls.__name__}' backend stores secrets in a file"
    if isinstance(backend, chainer.ChainerBackend):
        return "no secure keyring backend is available"
    if (module, cls.__qualname__) not in allowed:
        return (
            f"the '{module}.{cls.__qualname__}' backend is not a system keyring ({TRUSTED_NAMES})"
        )
    if _priority(backend) < 1:
        return f"the '{cls.__name__}' backend is not recommended by keyring"
    return None


def secure_backend(
    backend: KeyringBackend, allowed: frozenset[tuple[str, str]] = OS_BACKENDS
) -> KeyringBackend:
    """``backend`` itself, or for a chainer the best secure backend in it.

    A chainer writes to the first backend that accepts, which could be a plaintext one,
    so the app talks to the chosen secure backend directly.
    """
    if isinstance(backend, chainer.ChainerBackend):
        inner: KeyringBackend
        for inner in backend.backends:
            if insecure_reason(inner, allowed) is None:
                return inner
    reason = insecure_reason(backend, allowed)
    if reason is not None:
        raise KeyringUnavailable(f"Cannot store exchange keys: {reason}. {NO_KEYRING_HELP}")
    return backend


def backend_label(backend: KeyringBackend) -> str:
    """The backend's human name, e.g. "SecretService Keyring"."""
    name = getattr(type(backend), "name", "")
    return str(name) if isinstance(name, str) and name else type(backend).__name__


class KeyringStore:
    """Secrets in the OS keyring, one entry per key under the service ``SERVICE``.

    ``backend`` defaults to keyring's active backend (which honours
    ``PYTHON_KEYRING_BACKEND`` and keyringrc); it is checked on first use against
    ``allowed`` (the OS keyrings; tests name their own stand-in).
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        service: str = SERVICE,
        *,
        allowed: frozenset[tuple[str, str]] = OS_BACKENDS,
    ) -> None:
        self._given = backend
        self._backend: KeyringBackend | None = None
        self._allowed = allowed
        self.service = service

    def _resolve(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = secure_backend(self._given or keyring.get_keyring(), self._allowed)
        return self._backend

    @property
    def backend_name(self) -> str:
        """The backend holding the keys, or "none (why)" when no secure one is available."""
        try:
            return backend_label(self._resolve())
        except KeyringUnavailable:
            active = self._given or keyring.get_keyring()
            return f"none ({insecure_reason(active, self._allowed) or 'unavailable'})"

    def ensure_usable(self) -> None:
        """Raise KeyringUnavailable unless a secure keyring answers (and is unlocked)."""
        self.get("airdrop-desk-probe")

    # Errors are raised after the ``except`` block so they carry no context: the backend's
    # traceback (and whatever its frames hold) is dropped at once, not kept alive by ours.

    def get(self, entry: str) -> str | None:
        backend = self._resolve()
        try:
            return backend.get_password(self.service, entry)
        except Exception as exc:
            error = _unavailable(exc, "read from")
        raise error

    def set(self, entry: str, value: str) -> None:
        backend = self._resolve()
        try:
            backend.set_password(self.service, entry, value)
            return
        except Exception as exc:
            error = _unavailable(exc, "write to")
        raise error

    def delete(self, entry: str) -> None:
        """Delete ``entry``; an entry that is already gone is not an error."""
        backend = self._resolve()
        try:
            backend.delete_password(self.service, entry)
            return
        except keyring.errors.PasswordDeleteError:
            return
        except Exception as exc:
            error = _unavailable(exc, "delete from")
        raise error


def _unavailable(exc: Exception, verb: str) -> KeyringUnavailable:
    # Backend messages never contain the secret, but only keyring's own (fixed) texts are
    # shown; anything else is named by type so no stray value can reach the user or a log.
    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringUnavailable(
            f"Could not {verb} the system keyring: it is locked. Unlock "
            "it (log in to your desktop session or open your keyring "
            "manager) and try again."
        )
    why = str(exc) if isinstance(exc, keyring.errors.KeyringError) else type(exc).__name__
    return KeyringUnavailable(f"Could not {verb} the system keyring ({why}). {NO_KEYRING_HELP}")

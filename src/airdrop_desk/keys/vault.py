"""The key vault: link, list, re-check, use and remove exchange keys.

Secrets go only to the ``SecretStore`` (the OS keyring); the database keeps metadata
and the audit log. Every request made with a key is written to the audit log, whether
the key ends up linked or not. Methods run network calls and database writes on the
calling thread, so call them from a worker thread that owns ``db``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Unpack

from sqlite_utils import Database

from airdrop_desk.core import clock
from airdrop_desk.core.settings import KEY_ROTATION_DAYS
from airdrop_desk.core.text import check_name, check_token
from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ClientOptions
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.exchanges.model import (
    Balance,
    ExchangeError,
    Failure,
    PermissionVerdict,
    RequestRecord,
)
from airdrop_desk.keys import index as keyring_index
from airdrop_desk.keys.index import IndexEntry
from airdrop_desk.keys.store import KeyringUnavailable, SecretStore
from airdrop_desk.keys.verify import (
    Verification,
    client_for,
    facts,
    refusal,
    unexpected,
    verify_key,
)
from airdrop_desk.storage.audit_repo import AuditEntry, AuditRepo
from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo, KeyStatus
from airdrop_desk.storage.settings import SettingsRepo

DEFAULT_ROTATION_DAYS = KEY_ROTATION_DAYS.default
MAX_LABEL = 64


class VaultError(Exception):
    """A refused vault operation; ``str()`` says why and what to do, never a secret."""


class KeyNotFound(VaultError):
    """No linked key has the given label."""


@dataclass(frozen=True)
class LinkResult:
    """A newly linked key and what its exchange reported."""

    record: KeyRecord
    verdict: PermissionVerdict
    notes: list[str]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of re-verifying one key; ``ok`` only when verified read-only."""

    record: KeyRecord
    status: KeyStatus | str
    message: str

    @property
    def ok(self) -> bool:
        return self.status == "verified"


@dataclass(frozen=True)
class KeysOverview:
    """What the key dialog lists, read in one go: the store holding the secrets, the
    linked keys with when each is due for rotation (by key id), the newest audit entries."""

    backend: str
    keys: list[KeyRecord]
    rotate_by: dict[str, dt.datetime]
    audit: list[AuditEntry]


class KeyVault:
    """Exchange keys of one data folder: ``db`` for metadata, ``store`` for secrets."""

    def __init__(
        self,
        db: Database,
        store: SecretStore,
        *,
        rotation_days: int | None = None,
        now: Callable[[], dt.datetime] = clock.utc_now,
        **client_options: Unpack[ClientOptions],
    ) -> None:
        self._keys = KeysRepo(db)
        self._audit = AuditRepo(db)
        self._store = store
        self._index = keyring_index.index_for(db, store)
        self._now = now
        self._client_options = client_options
        # A value that is not a positive whole number falls back to the default.
        if rotation_days is None:
            self.rotation_days = SettingsRepo(db).read(KEY_ROTATION_DAYS)
        else:
            self.rotation_days = KEY_ROTATION_DAYS.read(rotation_days)

    @property
    def backend_name(self) -> str:
        return self._store.backend_name

    # -- link ---------------------------------------------------------------------------

    def link(self, exchange: str, label: str, credentials: Credentials) -> LinkResult:
        """Verify the key read-only, then store it; raise VaultError when refused."""
        known = registry.find(exchange)
        if known is None:
            raise VaultError(
                f"Unknown exchange '{exchange}'; choose one of {', '.join(registry.NAMES)}."
            )
        try:
            label = check_name(label, "Label", max_length=MAX_LABEL)
            credentials = Credentials.of(
                check_token(credentials.api_key.reveal(), "API key"),
                check_token(credentials.api_secret.reveal(), "API secret")
                if known.name != "coinbase"  # a PEM private key has line breaks
                else credentials.api_secret.reveal(),
                check_token(credentials.passphrase.reveal(), "Passphrase")
                if credentials.passphrase
                else None,
            )
        except ValueError as exc:
            raise VaultError(str(exc)) from None
        if not credentials.api_key or not credentials.api_secret:
            raise VaultError("Both the API key and its secret are needed.")
        if known.needs_passphrase and not credentials.passphrase:
            raise VaultError(
                f"{known.title} keys need the passphrase chosen when the key was created."
            )
        try:
            self._store.ensure_usable()
        except KeyringUnavailable as exc:
            raise VaultError(f"Key not linked: {exc}") from None
        if self._keys.by_label(label) is not None:
            raise VaultError(f"The label '{label}' is already used; choose another one.")
        twin = self._keys.by_fingerprint(credentials.fingerprint)
        if twin is not None:
            raise VaultError(f"This API key is already linked as '{twin.label}'.")
        key_id = uuid.uuid4().hex
        verification = self._verify(exchange, credentials, label, key_id)
        now = self._now()
        reason = refusal(verification, now)
        if reason is not None or verification.verdict is None:
            raise VaultError(f"Key not linked. {reason}")
        verdict = verification.verdict
        record = KeyRecord(
            key_id,
            exchange,
            label,
            credentials.masked_key,
            credentials.fingerprint,
            now,
            now,
            "verified",
            "read-only",
            verdict.ip_restricted,
            verdict.expires_at,
        )
        try:
            if self._index is not None:  # listed first: no secret the app cannot find again
                self._index.add([record])
            self._store.set(key_id, credentials.to_json())
        except KeyringUnavailable as exc:
            raise VaultError(f"Key not linked: {exc}") from None
        try:
            self._keys.add(record)
        except BaseException:
            self._store.delete(key_id)  # no orphan secret in the keyring
            raise
        return LinkResult(record, verdict, facts(exchange, verdict))

    # -- list, check, use, remove ---------------------------------------------------------

    def linked_keys(self) -> list[KeyRecord]:
        return self._keys.all()

    def overview(self, audit_limit: int) -> KeysOverview:
        """The linked keys, their rotation dates and the last ``audit_limit`` requests."""
        records = self.linked_keys()
        return KeysOverview(
            self.backend_name,
            records,
            {r.id: self.rotation_due(r) for r in records},
            self.audit(limit=audit_limit),
        )

    def rotation_due(self, record: KeyRecord) -> dt.datetime:
        return record.linked_at + dt.timedelta(days=self.rotation_days)

    def get(self, label: str) -> KeyRecord:
        record = self._keys.by_label(label)
        if record is None:
            raise KeyNotFound(f"No linked key is labelled '{label}'.")
        return record

    def check(self, label: str | None = None) -> list[CheckResult]:
        """Re-verify one key or all; a key whose rights grew becomes ``locked``."""
        records = [self.get(label)] if label is not None else self._keys.all()
        return [self._check(record) for record in records]

    def _check(self, record: KeyRecord) -> CheckResult:
        try:
            credentials = self._credentials(record)
        except VaultError as exc:
            return CheckResult(record, "unavailable", str(exc))
        verification = self._verify(record.exchange, credentials, record.label, record.id)
        try:
            return self._settle(record, verification)
        except Exception as exc:  # whatever failed, the key is not left "verified"
            verification.verdict = None
            verification.error = unexpected(record.exchange, exc)
            return self._settle(record, verification)

    def balances(self, label: str) -> list[Balance]:
        """Re-verify the key, then read its balances; a key not read-only is locked, unused."""
        record = self.get(label)
        credentials = self._credentials(record)
        verification = Verification(record.exchange)
        balances: list[Balance] | None = None
        failure: ExchangeError | None = None
        try:
            with client_for(
                record.exchange, credentials, verification.records, **self._client_options
            ) as client:
                verification.verdict = client.permissions()
                if verification.accepted(self._now()):
                    try:
                        balances = client.balances()
                    except ExchangeError as exc:  # the key is fine; only the read failed
                        failure = exc
        except ExchangeError as exc:
            verification.error = exc
        except Exception as exc:  # any failure while checking locks the key
            verification.verdict = None
            verification.error = unexpected(record.exchange, exc)
        finally:
            self._write_audit(verification.records, record.label, record.id)
        result = self._settle(record, verification)
        if balances is not None:
            return balances
        if failure is not None:
            raise VaultError(f"Could not read the balances of '{label}': {failure}")
        raise VaultError(f"'{label}' was not used: {result.message}")

    def remove(self, label: str) -> KeyRecord:
        """Delete the keyring entry, then the metadata; the audit entries stay."""
        record = self.get(label)
        try:
            self._store.delete(record.id)
        except KeyringUnavailable as exc:
            raise VaultError(f"'{label}' was not removed: {exc}") from None
        self._keys.delete(record.id)
        if self._index is not None:
            # The secret is gone; a listing left stale is dropped by the next prune.
            with contextlib.suppress(KeyringUnavailable):
                self._index.drop([record.id])
        return record

    def orphans(self) -> list[IndexEntry]:
        """Secrets this app left in the keyring that no linked key names (after a restore)."""
        if self._index is None:
            return []
        try:
            return keyring_index.orphans(self._index, self._keys.all())
        except KeyringUnavailable as exc:
            raise VaultError(str(exc)) from None

    def prune_orphans(self) -> list[IndexEntry]:
        """Delete those secrets from the keyring; returns them."""
        if self._index is None:
            return []
        try:
            return keyring_index.prune(self._index, self._keys.all())
        except KeyringUnavailable as exc:
            raise VaultError(f"Nothing was removed: {exc}") from None

    def audit(self, label: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        return self._audit.entries(label, limit)

    # -- internals --------------------------------------------------------------------------

    def _credentials(self, record: KeyRecord) -> Credentials:
        try:
            text = self._store.get(record.id)
        except KeyringUnavailable as exc:
            raise VaultError(str(exc)) from None
        if text is None:
            detail = (
                "The keyring has no secret for this key (was it deleted outside the "
                "app?). Remove the key and link it again."
            )
            self._keys.set_status(record.id, "unverified", detail)
            raise VaultError(detail)
        try:
            return Credentials.from_json(text)
        except ValueError as exc:
            raise VaultError(f"'{record.label}': {exc}.") from None

    def _verify(
        self, exchange: str, credentials: Credentials, label: str, key_id: str
    ) -> Verification:
        verification = verify_key(exchange, credentials, **self._client_options)
        self._write_audit(verification.records, label, key_id)
        return verification

    def _settle(self, record: KeyRecord, verification: Verification) -> CheckResult:
        """Store what a re-verification found and say it in one message."""
        now = self._now()
        reason = refusal(verification, now)
        verdict = verification.verdict
        status: KeyStatus
        if reason is None and verdict is not None:
            status, message = "verified", "verified read-only"
            self._keys.set_status(
                record.id,
                status,
                "read-only",
                verified_at=now,
                ip_restricted=verdict.ip_restricted,
                expires_at=verdict.expires_at,
            )
            return CheckResult(record, status, message)
        if verdict is not None and not verdict.read_only:
            status = "locked"
            message = f"locked, not used: its rights grew. {reason}"
        elif verification.error is not None and verification.error.kind is Failure.MALFORMED:
            # The exchange's answer could not be read: it may be hiding grown rights.
            status = "locked"
            message = f"locked, not used: {reason}"
        else:
            status = "locked" if record.status == "locked" else "unverified"
            message = f"{status}: {reason}"
        self._keys.set_status(record.id, status, reason or "")
        return CheckResult(record, status, message)

    def _write_audit(self, records: list[RequestRecord], label: str, key_id: str) -> None:
        self._audit.add_many(
            AuditEntry(
                r.at,
                r.exchange,
                label,
                key_id,
                r.method,
                r.endpoint,
                r.outcome,
                r.http_status,
                r.latency_ms,
                r.detail,
            )
            for r in records
        )

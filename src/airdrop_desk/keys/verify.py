"""Ask an exchange about a key and put its answer into words (network only, no database).

``verify_key`` is safe to run on any thread: it opens its own HTTP client and returns
the request records for the caller to put into the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Unpack

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ClientOptions, ExchangeClient
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.exchanges.model import (
    ExchangeError,
    Failure,
    PermissionVerdict,
    RequestRecord,
)


@dataclass
class Verification:
    """The exchange's verdict on a key, or why there is none, plus the requests made."""

    exchange: str
    verdict: PermissionVerdict | None = None
    error: ExchangeError | None = None
    records: list[RequestRecord] = field(default_factory=list)

    def expired(self, now: dt.datetime) -> bool:
        v = self.verdict
        return v is not None and v.expires_at is not None and v.expires_at <= now

    def accepted(self, now: dt.datetime) -> bool:
        """Positively read-only and not expired; anything else is not accepted."""
        return self.verdict is not None and self.verdict.read_only and not self.expired(now)


def client_for(
    exchange: str,
    credentials: Credentials,
    records: list[RequestRecord],
    **options: Unpack[ClientOptions],
) -> ExchangeClient:
    return registry.client_class(exchange)(credentials, record=records.append, **options)


def verify_key(
    exchange: str, credentials: Credentials, **options: Unpack[ClientOptions]
) -> Verification:
    """Call the exchange's permission endpoint with ``credentials``; never raises for it."""
    result = Verification(exchange)
    try:
        with client_for(exchange, credentials, result.records, **options) as client:
            result.verdict = client.permissions()
    except ExchangeError as exc:
        result.error = exc
    except Exception as exc:  # any failure is a refusal, never a traceback
        result.error = unexpected(exchange, exc)
    return result


def unexpected(exchange: str, exc: Exception) -> ExchangeError:
    """An error the client did not foresee, as a refusal that names only its type."""
    return ExchangeError(
        Failure.MALFORMED,
        f"Checking the key with {registry.title(exchange)} failed unexpectedly "
        f"({type(exc).__name__}); the key is not used until a check succeeds.",
    )


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def refusal(verification: Verification, now: dt.datetime) -> str | None:
    """Why the key is not accepted, in the exchange's own words; None when it is."""
    exchange = registry.info(verification.exchange)
    if verification.error is not None:
        return f"Could not verify the key: {verification.error}"
    verdict = verification.verdict
    assert verdict is not None
    parts = []
    if verdict.problems:
        parts.append(
            f"{exchange.title} reports rights beyond reading: "
            f"{', '.join(verdict.problems)}. Switch them off on {exchange.title} "
            f"({exchange.key_page}) so the key can only read."
        )
    if verdict.unknown:
        parts.append(
            f"{exchange.title} reported something this app does not recognise "
            f"({', '.join(verdict.unknown)}), so it cannot confirm the key is "
            "read-only."
        )
    if not parts and verification.expired(now):
        assert verdict.expires_at is not None
        parts.append(f"The key expired on {_when(verdict.expires_at)}; create a new read-only key.")
    return " ".join(parts) or None


def facts(exchange: str, verdict: PermissionVerdict) -> list[str]:
    """IP restriction and expiry as the exchange reports them, with advice."""
    title = registry.info(exchange).title
    if verdict.ip_restricted is True:
        lines = ["IP restriction: yes."]
    elif verdict.ip_restricted is False:
        lines = [
            f"IP restriction: none. Recommended: restrict the key to your IP address on {title}."
        ]
    else:
        lines = [f"IP restriction: not reported by {title}."]
    if verdict.expires_at is not None:
        lines.append(f"Expires: {_when(verdict.expires_at)}.")
    else:
        lines.append("Expiry: none reported.")
    return lines

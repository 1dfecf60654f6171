"""The exchanges' data: what the app knows of one, and what it tells us about a key.

Imports nothing heavy, so the registry and every caller that only needs a name or a
verdict stay free of the HTTP and crypto stack.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple


@dataclass(frozen=True)
class ExchangeInfo:
    """One exchange as the app lists it: one line of ``exchanges.registry``.

    ``module`` holds its client (imported only when a client is asked for); ``key_page``
    is where on the exchange a user edits the key's rights; ``secret_hint`` is shown in
    the key form's empty secret field.
    """

    name: str
    title: str
    module: str
    needs_passphrase: bool = False
    key_page: str = "API management"
    secret_hint: str = ""


@dataclass(frozen=True)
class PermissionVerdict:
    """The exchange's own report on a key, read fail-closed.

    ``problems`` are the exchange's own names of rights to switch off; ``unknown`` are
    fields or values this app cannot interpret (each also makes the key not read-only).
    ``ip_restricted`` and ``expires_at`` are None when the exchange does not report them.
    """

    read_only: bool
    problems: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    ip_restricted: bool | None = None
    expires_at: dt.datetime | None = None

    @classmethod
    def judge(
        cls,
        *,
        can_read: bool,
        problems: list[str],
        unknown: list[str] | None = None,
        ip_restricted: bool | None = None,
        expires_at: dt.datetime | None = None,
    ) -> PermissionVerdict:
        """Read-only only when reading is positively on and nothing else is."""
        unknown = unknown or []
        if not can_read and not problems and not unknown:
            unknown = ["no read permission reported"]
        return cls(
            read_only=can_read and not problems and not unknown,
            problems=tuple(dict.fromkeys(problems)),
            unknown=tuple(dict.fromkeys(unknown)),
            ip_restricted=ip_restricted,
            expires_at=expires_at,
        )


class Balance(NamedTuple):
    """One asset's amount in one wallet of an exchange account (``spot``, ``funding``, ...)."""

    asset: str
    amount: Decimal
    wallet: str


class Failure(enum.StrEnum):
    """Why a request failed; the value is the audit log's outcome."""

    CONFIG = "config"
    TIMEOUT = "timeout"
    NETWORK = "network"
    RATE_LIMITED = "rate_limited"
    SERVER = "server_error"
    AUTH = "auth_rejected"
    CLOCK = "clock_skew"
    MALFORMED = "malformed"
    REJECTED = "rejected"


class ExchangeError(Exception):
    """A failed exchange call; ``str()`` is one line for the user and holds no secret."""

    def __init__(self, kind: Failure, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True)
class RequestRecord:
    """One HTTP request made with a key, as the audit log keeps it (no query, no headers)."""

    at: dt.datetime
    exchange: str
    method: str
    endpoint: str
    outcome: str
    http_status: int | None
    latency_ms: int
    detail: str = field(default="")


# The latest moment a report may name: 9999-12-31 23:59:59 UTC. Anything later (or an
# integer too large for a date) is not a date this app can trust.
MAX_EPOCH_S = 253_402_300_799


def utc_from_ms(value: Any) -> dt.datetime | None:
    """A UTC datetime from epoch milliseconds (int or digit string); None for 0/empty.

    Anything else, or a time past year 9999, is a ValueError (never an OverflowError from
    deep in datetime).
    """
    if is_off(value) or value == "0" or (type(value) is int and value == 0):
        return None
    if not whole_number(value):
        raise ValueError(f"{value!r} is not a time"[:80])
    ms = int(value)
    if ms > MAX_EPOCH_S * 1000:
        raise ValueError("the time is out of range")
    return utc_from_s(ms / 1000)


def utc_from_s(seconds: float) -> dt.datetime:
    """A UTC datetime from epoch seconds; ValueError outside year 1970..9999."""
    if not 0 <= seconds <= MAX_EPOCH_S:
        raise ValueError("the time is out of range")
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def is_off(value: Any) -> bool:
    """A value that grants nothing: false, null, or empty (never 0, which some exchanges
    use for "read-write")."""
    return value is False or value is None or value in ("", [], {})


def case_twins(data: dict[str, Any], known: frozenset[str] | set[str]) -> list[str]:
    """Fields of ``data`` that spell a known field name in another case (``ReadOnly`` for
    ``readOnly``): a reply that has one is not in the documented shape."""
    folded = {name.casefold() for name in known}
    return [
        f"{name}={data[name]!r}"
        for name in data
        if isinstance(name, str) and name not in known and name.casefold() in folded
    ]


def whole_number(value: Any) -> bool:
    """An integer (not a boolean) or a string of ASCII digits, as exchanges send times."""
    if isinstance(value, str):
        return value.isascii() and value.isdigit()
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def list_of_str(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def decimal(value: Any, what: str) -> Decimal:
    """An exchange's numeric string as a Decimal; a malformed value is the exchange's fault."""
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{what} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{what} is not a finite number")
    return result

"""Secret values that never show themselves, and the credentials of one exchange key.

They live with the exchanges, which sign with them; the key vault above stores them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import NoReturn

MASK = "********"


class Secret:
    """A string that prints, formats, reprs and pickles as a mask; ``reveal()`` gives the value.

    The wrapper exists so a secret that slips into an f-string, a log call, an exception
    message or a traceback's locals shows up as ``********`` instead of the value.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("Secret wraps a str")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return MASK

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is never pickled")


def mask_key(api_key: str) -> str:
    """First 4 and last 4 characters of a key, e.g. ``AbCd…WxYz``.

    Coinbase CDP key names look like ``organizations/{org}/apiKeys/{id}``; the id is
    the part a user recognises, so only the last path segment is masked.
    """
    visible = api_key.rsplit("/", 1)[-1]
    if len(visible) < 12:  # too short to show 8 characters and still hide most of it
        return "…" + visible[-2:] if len(visible) > 4 else "…"
    return f"{visible[:4]}…{visible[-4:]}"


def fingerprint(api_key: str) -> str:
    """SHA-256 of the API key: lets the app refuse the same key twice without storing it."""
    return hashlib.sha256(api_key.encode()).hexdigest()


@dataclass(frozen=True, repr=False, eq=False)
class Credentials:
    """The API key, secret and optional passphrase of one exchange key."""

    api_key: Secret
    api_secret: Secret
    passphrase: Secret | None = None

    @classmethod
    def of(cls, api_key: str, api_secret: str, passphrase: str | None = None) -> Credentials:
        return cls(
            Secret(api_key.strip()),
            Secret(api_secret.strip()),
            Secret(passphrase) if passphrase else None,
        )

    @property
    def masked_key(self) -> str:
        return mask_key(self.api_key.reveal())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.api_key.reveal())

    def values(self) -> list[str]:
        """Every secret value, for scrubbing them out of text that came from elsewhere."""
        out = [self.api_key.reveal(), self.api_secret.reveal()]
        if self.passphrase:
            out.append(self.passphrase.reveal())
        return [v for v in out if v]

    def to_json(self) -> str:
        """The keyring entry's text (the only place this JSON ever goes)."""
        blob: dict[str, str | int] = {
            "v": 1,
            "api_key": self.api_key.reveal(),
            "api_secret": self.api_secret.reveal(),
        }
        if self.passphrase:
            blob["passphrase"] = self.passphrase.reveal()
        return json.dumps(blob)

    @classmethod
    def from_json(cls, text: str) -> Credentials:
        try:
            blob = json.loads(text)
            return cls.of(blob["api_key"], blob["api_secret"], blob.get("passphrase"))
        except (ValueError, KeyError, TypeError, AttributeError):
            # The text is the secret: never echo it or chain the decoder's error.
            raise ValueError("the keyring entry is not a key this app stored") from None

    def __repr__(self) -> str:
        extra = ", passphrase=********" if self.passphrase else ""
        return f"Credentials(api_key={self.masked_key}, api_secret=********{extra})"

    __str__ = __repr__

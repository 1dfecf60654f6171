"""Coinbase Advanced Trade with CDP keys: a short-lived JWT (ES256 or Ed25519) per request."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiFault, ApiRequest, ExchangeClient, Signed, query_string
from airdrop_desk.exchanges.model import (
    Balance,
    ExchangeError,
    Failure,
    PermissionVerdict,
    case_twins,
    decimal,
    is_off,
)

JWT_LIFETIME_S = 120
KNOWN_FIELDS = frozenset(
    {"can_view", "can_trade", "can_transfer", "portfolio_uuid", "portfolio_type"}
)


def verdict(data: Any) -> PermissionVerdict:
    """Read ``GET /api/v3/brokerage/key_permissions`` (IP and expiry are not reported).

    An allow-list: ``can_view`` must be the boolean true, ``can_trade`` and
    ``can_transfer`` the boolean false; any other field must grant nothing (false, null,
    empty) unless it is one of the portfolio's own string fields.
    """
    if not isinstance(data, dict):
        raise TypeError("the key's report is not an object")
    problems = [name for name in ("can_trade", "can_transfer") if data.get(name) is not False]
    unknown = [
        f"{name}={value!r}"
        for name, value in data.items()
        if name not in KNOWN_FIELDS and not is_off(value)
    ]
    unknown += case_twins(data, KNOWN_FIELDS)
    unknown += [
        f"{name}={data[name]!r}"
        for name in ("portfolio_uuid", "portfolio_type")
        if not isinstance(data.get(name, ""), str)
    ]
    return PermissionVerdict.judge(
        can_read=data.get("can_view") is True, problems=problems, unknown=unknown
    )


PrivateKey = ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
PEM_RE = re.compile(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----", re.S)


def normalize_pem(text: str) -> str | None:
    """A PEM block rebuilt with proper line breaks, or None when ``text`` has none.

    A PEM pasted into a one-line field or a hidden prompt loses its line breaks, and one
    copied out of CDP's JSON file has literal ``\\n``; both still name the same key.
    """
    match = PEM_RE.search(text.replace("\\n", "\n"))
    if match is None:
        return None
    body = "".join(match[2].split())
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {match[1]}-----\n{lines}\n-----END {match[1]}-----\n"


def load_signing_key(secret: str) -> tuple[PrivateKey, str]:
    """The CDP private key and its JWT algorithm.

    CDP gives ECDSA keys as PEM (often with literal ``\\n`` when copied from the JSON
    file) and Ed25519 keys as base64 of 64 bytes (seed then public key).
    """
    bad = ExchangeError(
        Failure.CONFIG,
        "The Coinbase API secret is neither an EC private key (PEM) nor a base64 Ed25519 key.",
    )
    text = secret.strip()
    if "PRIVATE KEY" in text:
        pem = normalize_pem(text)
        if pem is None:
            raise bad
        try:
            key = load_pem_private_key(pem.encode(), password=None)
        except (ValueError, TypeError):
            raise bad from None
        if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1":
            return key, "ES256"
        if isinstance(key, ed25519.Ed25519PrivateKey):
            return key, "EdDSA"
        raise bad
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise bad from None
    if len(raw) not in (32, 64):
        raise bad
    return ed25519.Ed25519PrivateKey.from_private_bytes(raw[:32]), "EdDSA"


class Coinbase(ExchangeClient):
    """Coinbase Advanced Trade API v3 (``Authorization: Bearer <JWT>``)."""

    info = registry.info("coinbase")
    default_url = "https://api.coinbase.com"
    permission_request = ApiRequest("GET", "/api/v3/brokerage/key_permissions")
    time_request = ApiRequest("GET", "/api/v3/brokerage/time")

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        key, algorithm = load_signing_key(self.credentials.api_secret.reveal())
        seconds = timestamp_ms // 1000
        host = urlsplit(self.base_url).netloc
        uri = f"{request.method} {host}{request.path}"
        claims: dict[str, str | int | list[str]] = {
            "sub": self.key(),
            "iss": "cdp",
            "nbf": seconds,
            "exp": seconds + JWT_LIFETIME_S,
        }
        if algorithm == "ES256":
            claims["uri"] = uri
        else:  # the CDP Ed25519 format names an audience and a list of URIs
            claims["aud"] = ["cdp_service"]
            claims["uris"] = [uri]
        token = jwt.encode(
            claims, key, algorithm=algorithm, headers={"kid": self.key(), "nonce": nonce}
        )
        query = query_string(request.params) if request.method == "GET" else ""
        return Signed(query=query, headers={"Authorization": f"Bearer {token}"})

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        if status < 400:
            return None
        if isinstance(payload, dict):
            message = payload.get("message") or payload.get("error") or ""
            return ApiFault(str(payload.get("error", "")), str(message))
        return ApiFault("", f"HTTP {status}")

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["epochMillis"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        out: list[Balance] = []
        params = {"limit": "250"}
        for _page in range(100):  # bounded: a server that never ends paging cannot hang us
            data = self.call(ApiRequest("GET", "/api/v3/brokerage/accounts", params))
            for account in data["accounts"]:
                amount = decimal(account["available_balance"]["value"], "available_balance")
                amount += decimal((account.get("hold") or {}).get("value", "0"), "hold")
                out.append(Balance(account["currency"], amount, "spot"))
            if not data.get("has_next"):
                break
            params = {"limit": "250", "cursor": str(data["cursor"])}
        return out

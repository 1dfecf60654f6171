"""Kraken: HMAC-SHA512 over path + SHA256(nonce + body), ``GetApiKeyInfo`` permissions."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiFault, ApiRequest, ExchangeClient, Signed, query_string
from airdrop_desk.exchanges.model import (
    Balance,
    ExchangeError,
    Failure,
    PermissionVerdict,
    decimal,
)

# Kraken's legacy asset codes and the names everyone else uses.
ASSET_NAMES = {
    "XBT": "BTC",
    "XXBT": "BTC",
    "XDG": "DOGE",
    "XXDG": "DOGE",
    "XETH": "ETH",
    "XLTC": "LTC",
    "XXRP": "XRP",
    "XXLM": "XLM",
    "XETC": "ETC",
    "XZEC": "ZEC",
    "XXMR": "XMR",
    "XMLN": "MLN",
    "XREP": "REP",
    "ZUSD": "USD",
    "ZEUR": "EUR",
    "ZGBP": "GBP",
    "ZCAD": "CAD",
    "ZJPY": "JPY",
    "ZAUD": "AUD",
    "ZCHF": "CHF",
}
EARN_SUFFIXES = (".S", ".M", ".F", ".B", ".P")


def verdict(data: Any) -> PermissionVerdict:
    """Read the ``result`` of ``POST /0/private/GetApiKeyInfo``: only ``query-*`` rights."""
    permissions = data["permissions"]
    if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
        raise TypeError("permissions is not a list of names")
    problems = [p for p in permissions if not p.startswith("query-")]
    until = str(data.get("validUntil", "0") or "0")
    expires = (
        dt.datetime.fromtimestamp(int(until), dt.UTC)
        if until.isdigit() and int(until) > 0
        else None
    )
    allow = data.get("ipAllowlist")
    return PermissionVerdict.judge(
        can_read=bool(permissions),
        problems=problems,
        unknown=[] if until.isdigit() else [f"validUntil={until!r}"],
        ip_restricted=bool(allow) if isinstance(allow, list) else None,
        expires_at=expires,
    )


def asset_and_wallet(code: str) -> tuple[str, str]:
    base, dot, suffix = code.partition(".")
    wallet = "earn" if dot and f".{suffix}" in EARN_SUFFIXES else "spot"
    return ASSET_NAMES.get(base, base), wallet


class Kraken(ExchangeClient):
    """Kraken spot REST API (``API-Key`` / ``API-Sign``, strictly increasing nonce)."""

    info = registry.info("kraken")
    default_url = "https://api.kraken.com"
    permission_request = ApiRequest("POST", "/0/private/GetApiKeyInfo")
    time_request = None  # Kraken has no clock window; a stale nonce is retried with a new one
    clock_codes = frozenset({"EAPI:Invalid nonce"})
    auth_codes = frozenset(
        {
            "EAPI:Invalid key",
            "EAPI:Invalid signature",
            "EAPI:Bad request",
            "EGeneral:Permission denied",
            "EAPI:Feature disabled",
        }
    )
    rate_codes = frozenset({"EAPI:Rate limit exceeded", "EGeneral:Too many requests"})
    clock_advice = (
        "Another program probably uses this key with larger nonces; give Airdrop "
        "Desk a key of its own."
    )

    _last_nonce = 0

    def new_nonce(self) -> str:
        # Kraken rejects a nonce not above the last one it saw for the key.
        nonce = max(self.now_ms(), self._last_nonce + 1)
        self._last_nonce = nonce
        return str(nonce)

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        body = query_string({"nonce": nonce, **request.params})
        try:
            secret = base64.b64decode(self.credentials.api_secret.reveal(), validate=True)
        except (binascii.Error, ValueError):
            raise ExchangeError(
                Failure.CONFIG, "The Kraken private key is not valid base64."
            ) from None
        digest = request.path.encode() + hashlib.sha256((nonce + body).encode()).digest()
        signature = base64.b64encode(hmac.new(secret, digest, hashlib.sha512).digest()).decode()
        return Signed(
            body=body.encode(),
            headers={
                "API-Key": self.key(),
                "API-Sign": signature,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        errors = payload.get("error") if isinstance(payload, dict) else None
        if errors:
            first = str(errors[0])
            return ApiFault(first, ", ".join(str(e) for e in errors))
        if status >= 400 or not isinstance(payload, dict) or "result" not in payload:
            return ApiFault("", f"HTTP {status}")
        return None

    def unwrap(self, payload: Any) -> Any:
        return payload["result"]

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        data = self.call(ApiRequest("POST", "/0/private/BalanceEx"))
        out = []
        for code, entry in data.items():
            asset, wallet = asset_and_wallet(code)
            out.append(Balance(asset, decimal(entry["balance"], "balance"), wallet))
        return out

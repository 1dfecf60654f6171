"""Kraken: HMAC-SHA512 over path + SHA256(nonce + body), ``GetApiKeyInfo`` permissions."""

from __future__ import annotations

import base64
import binascii
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
    case_twins,
    decimal,
    is_off,
    list_of_str,
    utc_from_s,
    whole_number,
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
# The rights that only read, as GetApiKeyInfo spells them.
READ_RIGHTS = frozenset({"query-funds", "query-open-trades", "query-closed-trades", "query-ledger"})
RIGHTS_FIELDS = frozenset({"permissions", "validUntil", "ipAllowlist"})
# The rest of the documented report: names and times that grant nothing.
INFO_FIELDS = frozenset(
    {"apiKeyName", "nonceWindow", "queryFrom", "queryTo", "createdTime", "lastUsed"}
)


def verdict(data: Any) -> PermissionVerdict:
    """Read the ``result`` of ``POST /0/private/GetApiKeyInfo``, as an allow-list.

    Only the query rights in ``READ_RIGHTS``, spelled exactly so, are reading; Kraken's
    other rights (``modify-trades``, ``withdraw-funds``, ...) are problems, and a
    ``query-`` right the app does not know is unknown. ``validUntil`` must be whole
    seconds (``0`` for none) before year 10000. A field the documentation does not name
    must grant nothing (false, null, empty).
    """
    if not isinstance(data, dict):
        raise TypeError("the key's report is not an object")
    permissions = data["permissions"]
    if not list_of_str(permissions):
        raise TypeError("permissions is not a list of names")
    problems = [p for p in permissions if not p.casefold().startswith("query-")]
    unknown = [p for p in permissions if p not in READ_RIGHTS and p not in problems]
    unknown += case_twins(data, RIGHTS_FIELDS | INFO_FIELDS)
    unknown += [
        f"{name}={value!r}"[:80]
        for name, value in data.items()
        if name not in RIGHTS_FIELDS and name not in INFO_FIELDS and not is_off(value)
    ]
    until = data.get("validUntil", "0")
    expires = None
    if until != "" and not whole_number(until):
        unknown.append(f"validUntil={until!r}"[:80])
    elif until != "" and int(until) > 0:
        try:
            expires = utc_from_s(int(until))
        except ValueError:
            unknown.append("validUntil is out of range")
    allow = data.get("ipAllowlist")
    return PermissionVerdict.judge(
        can_read=any(p in READ_RIGHTS for p in permissions),
        problems=problems,
        unknown=unknown,
        ip_restricted=bool(allow) if list_of_str(allow) else None,
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

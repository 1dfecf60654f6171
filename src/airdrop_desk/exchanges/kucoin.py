"""KuCoin: base64 HMAC-SHA256 signature and signed passphrase (key version 2)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiRequest, CodeEnvelopeClient, Signed, query_string
from airdrop_desk.exchanges.model import Balance, PermissionVerdict, case_twins, decimal

RIGHTS_FIELDS = frozenset({"permission", "ipWhitelist"})

# KuCoin's account types and the wallet names used across exchanges.
WALLETS = {"main": "funding", "trade": "spot"}


def verdict(data: Any) -> PermissionVerdict:
    """Read ``data`` of ``GET /api/v1/user/api-key``, as an allow-list.

    ``permission`` must be a string naming only ``General`` (reading); every other name
    is a problem, and a ``permission`` that is not a string is unknown.
    """
    if not isinstance(data, dict):
        raise TypeError("the key's report is not an object")
    permission = data["permission"]
    unknown = case_twins(data, RIGHTS_FIELDS)
    if not isinstance(permission, str):
        unknown.append(f"permission={permission!r}")
        permission = ""
    names = [p.strip() for p in permission.split(",") if p.strip()]
    ip = data.get("ipWhitelist")
    return PermissionVerdict.judge(
        can_read="General" in names,
        problems=[p for p in names if p != "General"],
        unknown=unknown,
        ip_restricted=bool(ip.strip()) if isinstance(ip, str) else None,
    )


def hmac_b64(secret: bytes, text: str) -> str:
    return base64.b64encode(hmac.new(secret, text.encode(), hashlib.sha256).digest()).decode()


class Kucoin(CodeEnvelopeClient):
    """KuCoin spot REST API (``KC-API-*`` headers)."""

    info = registry.info("kucoin")
    ok_code = "200000"
    default_url = "https://api.kucoin.com"
    permission_request = ApiRequest("GET", "/api/v1/user/api-key")
    time_request = ApiRequest("GET", "/api/v1/timestamp")
    clock_codes = frozenset({"400002"})
    auth_codes = frozenset({"400001", "400003", "400004", "400005", "400006", "400007", "411100"})
    rate_codes = frozenset({"429000"})

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        ts = str(timestamp_ms)
        if request.method == "GET":
            query, body = query_string(request.params), ""
        else:
            query, body = "", json.dumps(request.params) if request.params else ""
        target = request.path + (f"?{query}" if query else "")
        headers = {
            "KC-API-KEY": self.key(),
            "KC-API-TIMESTAMP": ts,
            "KC-API-SIGN": hmac_b64(self.secret(), ts + request.method + target + body),
            "KC-API-PASSPHRASE": hmac_b64(self.secret(), self.passphrase()),
            "KC-API-KEY-VERSION": "2",
        }
        if body:
            headers["Content-Type"] = "application/json"
        return Signed(query=query, body=body.encode() or None, headers=headers)

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["data"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        data = self.call(ApiRequest("GET", "/api/v1/accounts"))
        return [
            Balance(
                a["currency"], decimal(a["balance"], "balance"), WALLETS.get(a["type"], a["type"])
            )
            for a in data
        ]

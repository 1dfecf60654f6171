"""Bitget v2 (classic account): base64 HMAC-SHA256, ``authorities`` permission codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiRequest, CodeEnvelopeClient, Signed, query_string
from airdrop_desk.exchanges.model import (
    Balance,
    PermissionVerdict,
    case_twins,
    decimal,
    list_of_str,
)

# Read codes: contract orders, spot orders, wallet (balances).
READ_CODES = frozenset({"coor", "stor", "wtor"})
RIGHTS_FIELDS = frozenset({"authorities", "ips"})


def verdict(data: Any) -> PermissionVerdict:
    """Read ``data`` of ``GET /api/v2/spot/account/info``, as an allow-list.

    ``authorities`` is a list of codes; only the read codes in ``READ_CODES`` are
    reading. A code ending in ``w`` (``stow`` spot, ``coow`` contract, ``wtow`` transfer,
    ``wwow`` withdraw) is a problem; any other code, or another type, is unknown.
    """
    if not isinstance(data, dict):
        raise TypeError("the account info is not an object")
    codes = data["authorities"]
    if not list_of_str(codes):
        raise TypeError("authorities is not a list of codes")
    problems = [c for c in codes if c.endswith("w")]
    unknown = [c for c in codes if c not in READ_CODES and c not in problems]
    unknown += case_twins(data, RIGHTS_FIELDS)
    ips = data.get("ips")
    return PermissionVerdict.judge(
        can_read=any(c in READ_CODES for c in codes),
        problems=problems,
        unknown=unknown,
        ip_restricted=bool(ips.strip()) if isinstance(ips, str) else None,
    )


class Bitget(CodeEnvelopeClient):
    """Bitget REST API v2 (``ACCESS-*`` headers)."""

    info = registry.info("bitget")
    ok_code = "00000"
    default_url = "https://api.bitget.com"
    permission_request = ApiRequest("GET", "/api/v2/spot/account/info")
    time_request = ApiRequest("GET", "/api/v2/public/time")
    clock_codes = frozenset({"40004", "40005", "40008"})
    auth_codes = frozenset(
        {"40001", "40002", "40003", "40006", "40009", "40011", "40012", "40014", "40037"}
    )
    rate_codes = frozenset({"429"})

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        ts = str(timestamp_ms)
        query = query_string(dict(sorted(request.params.items())))
        target = request.path + (f"?{query}" if query else "")
        signature = base64.b64encode(
            hmac.new(
                self.secret(), (ts + request.method + target).encode(), hashlib.sha256
            ).digest()
        )
        return Signed(
            query=query,
            headers={
                "ACCESS-KEY": self.key(),
                "ACCESS-SIGN": signature.decode(),
                "ACCESS-TIMESTAMP": ts,
                "ACCESS-PASSPHRASE": self.passphrase(),
                "Content-Type": "application/json",
                "locale": "en-US",
            },
        )

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["data"]["serverTime"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        data = self.call(ApiRequest("GET", "/api/v2/spot/account/assets"))
        return [
            Balance(
                a["coin"].upper(),
                sum(
                    (decimal(a.get(k, "0"), k) for k in ("available", "frozen", "locked")),
                    decimal(0, "zero"),
                ),
                "spot",
            )
            for a in data
        ]

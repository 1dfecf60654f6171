"""Binance: HMAC-SHA256 query signing, ``apiRestrictions`` flags, spot + funding wallets."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiFault, ApiRequest, ExchangeClient, Signed, query_string
from airdrop_desk.exchanges.model import (
    Balance,
    PermissionVerdict,
    case_twins,
    decimal,
    is_off,
    utc_from_ms,
    whole_number,
)

# Every right a key can have besides reading; all must be false (or absent) for read-only.
WRITE_FLAGS = (
    "enableSpotAndMarginTrading",
    "enableMargin",
    "enableFutures",
    "enableVanillaOptions",
    "enablePortfolioMarginTrading",
    "enableFixApiTrade",
    "enableWithdrawals",
    "enableInternalTransfer",
    "permitsUniversalTransfer",
)
# Fields that say nothing about write rights.
INFO_FIELDS = frozenset(
    {
        "ipRestrict",
        "createTime",
        "enableReading",
        "enableFixReadOnly",
        "tradingAuthorityExpirationTime",
    }
)


def verdict(data: Any) -> PermissionVerdict:
    """Read ``GET /sapi/v1/account/apiRestrictions``, as an allow-list.

    ``enableReading`` must be the boolean true and every write flag the boolean false (or
    absent). An unknown field is accepted only when it grants nothing (false, null,
    empty); an informational field of the wrong type, or a field spelled in another case,
    fails closed.
    """
    if not isinstance(data, dict):
        raise TypeError("the key's report is not an object")
    problems = [flag for flag in WRITE_FLAGS if data.get(flag, False) is not False]
    unknown = [
        f"{name}={value!r}"
        for name, value in data.items()
        if name not in INFO_FIELDS and name not in WRITE_FLAGS and not is_off(value)
    ]
    unknown += case_twins(data, INFO_FIELDS | set(WRITE_FLAGS))
    for name in ("ipRestrict", "enableFixReadOnly"):
        if not isinstance(data.get(name, False), bool):
            unknown.append(f"{name}={data[name]!r}")
    expires = None
    stamp = data.get("tradingAuthorityExpirationTime")
    if not whole_number(stamp) and not is_off(stamp):
        unknown.append(f"tradingAuthorityExpirationTime={stamp!r}"[:80])
    else:
        try:
            expires = utc_from_ms(stamp)
        except ValueError:
            unknown.append("tradingAuthorityExpirationTime is out of range")
    ip = data.get("ipRestrict")
    return PermissionVerdict.judge(
        can_read=data.get("enableReading") is True,
        problems=problems,
        unknown=unknown,
        ip_restricted=ip if isinstance(ip, bool) else None,
        expires_at=expires,
    )


class Binance(ExchangeClient):
    """Binance spot API (``X-MBX-APIKEY`` + signed query)."""

    info = registry.info("binance")
    default_url = "https://api.binance.com"
    permission_request = ApiRequest("GET", "/sapi/v1/account/apiRestrictions")
    time_request = ApiRequest("GET", "/api/v3/time")
    clock_codes = frozenset({"-1021"})
    auth_codes = frozenset({"-1022", "-2008", "-2014", "-2015"})
    rate_codes = frozenset({"-1003"})
    recv_window = 5000

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        params = {
            "timestamp": str(timestamp_ms),
            **request.params,
            "recvWindow": str(self.recv_window),
        }
        total = query_string(params)
        signature = hmac.new(self.secret(), total.encode(), hashlib.sha256).hexdigest()
        total += f"&signature={signature}"
        headers = {"X-MBX-APIKEY": self.key()}
        if request.method == "GET":
            return Signed(query=total, headers=headers)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return Signed(body=total.encode(), headers=headers)

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        if (
            isinstance(payload, dict)
            and isinstance(payload.get("code"), int)
            and payload["code"] < 0
        ):
            return ApiFault(str(payload["code"]), str(payload.get("msg", "")))
        if status >= 400:
            return ApiFault("", f"HTTP {status}")
        return None

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["serverTime"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        spot = self.call(ApiRequest("GET", "/api/v3/account", {"omitZeroBalances": "true"}))
        out = [
            Balance(b["asset"], decimal(b["free"], "free") + decimal(b["locked"], "locked"), "spot")
            for b in spot["balances"]
        ]
        funding = self.call(ApiRequest("POST", "/sapi/v1/asset/get-funding-asset"))
        out += [
            Balance(
                b["asset"],
                sum(
                    (decimal(b.get(k, "0"), k) for k in ("free", "locked", "freeze")),
                    decimal(0, "zero"),
                ),
                "funding",
            )
            for b in funding
        ]
        return out

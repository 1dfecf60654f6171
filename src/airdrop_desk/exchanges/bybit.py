"""Bybit v5: hex HMAC-SHA256 of timestamp + key + recvWindow + query, ``query-api``."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiFault, ApiRequest, ExchangeClient, Signed, query_string
from airdrop_desk.exchanges.model import Balance, PermissionVerdict, decimal

WALLET_WRITE = ("Withdraw", "AccountTransfer", "SubMemberTransfer")


def verdict(data: Any) -> PermissionVerdict:
    """Read the ``result`` of ``GET /v5/user/query-api``.

    ``readOnly`` 1 is a read-only key; 0 is Bybit's "Read-Write". Wallet rights that move
    money (``Withdraw``, ``AccountTransfer``, ``SubMemberTransfer*``) are problems either way.
    """
    read_only = data["readOnly"]
    problems = [] if read_only == 1 else ["Read-Write"]
    unknown = [] if read_only in (0, 1) else [f"readOnly={read_only!r}"]
    wallet = (data.get("permissions") or {}).get("Wallet") or []
    problems += [right for right in wallet if right.startswith(WALLET_WRITE)]
    ips = data.get("ips")
    expired_at = data.get("expiredAt") or ""
    expires = None
    if expired_at:
        expires = dt.datetime.fromisoformat(expired_at.replace("Z", "+00:00"))
    return PermissionVerdict.judge(
        can_read=read_only == 1,
        problems=problems,
        unknown=unknown,
        ip_restricted=(bool(ips) and ips != ["*"]) if isinstance(ips, list) else None,
        expires_at=expires,
    )


class Bybit(ExchangeClient):
    """Bybit REST API v5 (``X-BAPI-*`` headers)."""

    info = registry.info("bybit")
    default_url = "https://api.bybit.com"
    permission_request = ApiRequest("GET", "/v5/user/query-api")
    time_request = ApiRequest("GET", "/v5/market/time")
    clock_codes = frozenset({"10002"})
    auth_codes = frozenset({"10003", "10004", "10005", "10007", "10009", "10010", "33004"})
    rate_codes = frozenset({"10006", "10018"})
    recv_window = 5000

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        ts, window = str(timestamp_ms), str(self.recv_window)
        if request.method == "GET":
            query, body = query_string(request.params), ""
        else:
            query, body = "", json.dumps(request.params)
        payload = ts + self.key() + window + (query or body)
        signature = hmac.new(self.secret(), payload.encode(), hashlib.sha256).hexdigest()
        headers = {
            "X-BAPI-API-KEY": self.key(),
            "X-BAPI-TIMESTAMP": ts,
            "X-BAPI-RECV-WINDOW": window,
            "X-BAPI-SIGN": signature,
        }
        if body:
            headers["Content-Type"] = "application/json"
        return Signed(query=query, body=body.encode() or None, headers=headers)

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        if isinstance(payload, dict) and payload.get("retCode", 0) != 0:
            return ApiFault(str(payload["retCode"]), str(payload.get("retMsg", "")))
        if status >= 400 or not isinstance(payload, dict) or "result" not in payload:
            return ApiFault("", f"HTTP {status}")
        return None

    def unwrap(self, payload: Any) -> Any:
        return payload["result"]

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["time"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        unified = self.call(
            ApiRequest("GET", "/v5/account/wallet-balance", {"accountType": "UNIFIED"})
        )
        out = [
            Balance(c["coin"], decimal(c["walletBalance"], "walletBalance"), "unified")
            for account in unified["list"]
            for c in account["coin"]
        ]
        funding = self.call(
            ApiRequest(
                "GET", "/v5/asset/transfer/query-account-coins-balance", {"accountType": "FUND"}
            )
        )
        out += [
            Balance(c["coin"], decimal(c["walletBalance"], "walletBalance"), "funding")
            for c in funding["balance"]
        ]
        return out

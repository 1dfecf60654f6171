"""Bybit v5: hex HMAC-SHA256 of timestamp + key + recvWindow + query, ``query-api``."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiFault, ApiRequest, ExchangeClient, Signed, query_string
from airdrop_desk.exchanges.model import (
    Balance,
    PermissionVerdict,
    case_twins,
    decimal,
    is_off,
    list_of_str,
)

# The rights a key can be given, per group, as ``GET /v5/user/query-api`` names them. With
# ``readOnly`` 1 each is the right to read that area; the Wallet rights below move money
# and are problems either way. A group or right not listed here fails closed.
READ_RIGHTS: dict[str, frozenset[str]] = {
    "ContractTrade": frozenset({"Order", "Position"}),
    "Spot": frozenset({"SpotTrade"}),
    "Wallet": frozenset(),
    "Options": frozenset({"OptionsTrade"}),
    "Derivatives": frozenset({"DerivativesTrade"}),
    "CopyTrading": frozenset({"CopyTrading"}),
    "BlockTrade": frozenset({"BlockTrade"}),
    "Exchange": frozenset({"ExchangeHistory"}),
    "NFT": frozenset({"NFTQueryProductList"}),
    "Affiliate": frozenset({"Affiliate"}),
    "Earn": frozenset({"Earn"}),
}
WALLET_WRITE = frozenset(
    {"Withdraw", "AccountTransfer", "SubMemberTransfer", "SubMemberTransferList"}
)
RIGHTS_FIELDS = frozenset({"readOnly", "permissions", "ips", "expiredAt"})
# The rest of the documented report: names, ids, times and levels that grant nothing.
INFO_FIELDS = frozenset(
    {
        "id", "note", "apiKey", "secret", "type", "deadlineDay", "createdAt", "unified",
        "uta", "userID", "inviterID", "vipLevel", "mktMakerLevel", "affiliateID",
        "rsaPublicKey", "isMaster", "parentUid", "kycLevel", "kycRegion",
    }
)  # fmt: skip


def verdict(data: Any) -> PermissionVerdict:
    """Read the ``result`` of ``GET /v5/user/query-api``, as an allow-list.

    ``readOnly`` must be the integer 1 (0 is Bybit's "Read-Write"); ``permissions`` must
    be an object of lists of names, each a right listed in ``READ_RIGHTS`` for its group
    (a group the app does not know may only be empty). Wallet rights that move money are
    problems; anything else (another type, another case, an unknown right, a field the
    documentation does not name that grants something) is unknown.
    """
    if not isinstance(data, dict):
        raise TypeError("the key's report is not an object")
    read_only = data["readOnly"]
    problems: list[str] = []
    unknown = case_twins(data, RIGHTS_FIELDS | INFO_FIELDS)
    unknown += [
        f"{name}={value!r}"[:80]
        for name, value in data.items()
        if name not in RIGHTS_FIELDS and name not in INFO_FIELDS and not is_off(value)
    ]
    if type(read_only) is not int or read_only not in (0, 1):
        unknown.append(f"readOnly={read_only!r}")
    elif read_only == 0:
        problems.append("Read-Write")
    permissions = data.get("permissions")
    if not isinstance(permissions, dict):
        unknown.append(f"permissions={permissions!r}")
        permissions = {}
    for group, rights in permissions.items():
        allowed = READ_RIGHTS.get(group)
        if not list_of_str(rights) or (allowed is None and rights):
            unknown.append(f"{group}={rights!r}")
            continue
        for right in rights:
            if group == "Wallet" and right in WALLET_WRITE:
                problems.append(right)
            elif allowed is None or right not in allowed:
                unknown.append(f"{group}.{right}")
    ips = data.get("ips")
    expired_at = data.get("expiredAt")
    expires = None
    if expired_at is None or expired_at == "":
        pass
    elif not isinstance(expired_at, str):
        unknown.append(f"expiredAt={expired_at!r}")
    else:
        try:
            expires = dt.datetime.fromisoformat(expired_at.replace("Z", "+00:00"))
        except ValueError:
            unknown.append(f"expiredAt={expired_at[:40]!r}")
        else:
            if expires.tzinfo is None:
                expires = expires.replace(tzinfo=dt.UTC)
    return PermissionVerdict.judge(
        can_read=type(read_only) is int and read_only == 1,
        problems=problems,
        unknown=unknown,
        ip_restricted=(bool(ips) and ips != ["*"]) if list_of_str(ips) else None,
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

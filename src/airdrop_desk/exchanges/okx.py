"""OKX v5: base64 HMAC-SHA256 of timestamp + method + path + body, ``account/config`` perm."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiRequest, CodeEnvelopeClient, Signed, query_string
from airdrop_desk.exchanges.model import Balance, PermissionVerdict, case_twins, decimal

RIGHTS_FIELDS = frozenset({"perm", "ip"})


def verdict(data: Any) -> PermissionVerdict:
    """Read ``data`` of ``GET /api/v5/account/config``, as an allow-list.

    ``data`` must hold exactly one account whose ``perm`` is a string naming only
    ``read_only``; any other right (``trade``, ``withdraw``, another case) is a problem,
    and a ``perm`` that is not a string is unknown.
    """
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict):
        raise TypeError("the account config is not a list of one object")
    config = data[0]
    perm = config["perm"]
    unknown = case_twins(config, RIGHTS_FIELDS)
    if not isinstance(perm, str):
        unknown.append(f"perm={perm!r}")
        perm = ""
    perms = [p.strip() for p in perm.split(",") if p.strip()]
    ip = config.get("ip")
    return PermissionVerdict.judge(
        can_read="read_only" in perms,
        problems=[p for p in perms if p != "read_only"],
        unknown=unknown,
        ip_restricted=bool(ip.strip()) if isinstance(ip, str) else None,
    )


def iso_timestamp(timestamp_ms: int) -> str:
    moment = dt.datetime.fromtimestamp(timestamp_ms / 1000, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{timestamp_ms % 1000:03d}Z"


class Okx(CodeEnvelopeClient):
    """OKX REST API v5 (``OK-ACCESS-*`` headers)."""

    info = registry.info("okx")
    ok_code = "0"
    default_url = "https://www.okx.com"
    permission_request = ApiRequest("GET", "/api/v5/account/config")
    time_request = ApiRequest("GET", "/api/v5/public/time")
    clock_codes = frozenset({"50102", "50112"})
    auth_codes = frozenset(
        {
            "50100",
            "50101",
            "50103",
            "50104",
            "50105",
            "50106",
            "50107",
            "50110",
            "50111",
            "50113",
            "50114",
            "50119",
            "50120",
        }
    )
    rate_codes = frozenset({"50011", "50061"})

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        ts = iso_timestamp(timestamp_ms)
        query = query_string(request.params) if request.method == "GET" else ""
        target = request.path + (f"?{query}" if query else "")
        signature = base64.b64encode(
            hmac.new(
                self.secret(), f"{ts}{request.method}{target}".encode(), hashlib.sha256
            ).digest()
        )
        return Signed(
            query=query,
            headers={
                "OK-ACCESS-KEY": self.key(),
                "OK-ACCESS-SIGN": signature.decode(),
                "OK-ACCESS-TIMESTAMP": ts,
                "OK-ACCESS-PASSPHRASE": self.passphrase(),
            },
        )

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["data"][0]["ts"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(data)

    def read_balances(self) -> list[Balance]:
        trading = self.call(ApiRequest("GET", "/api/v5/account/balance"))
        out = [
            Balance(d["ccy"], decimal(d["eq"], "eq"), "trading")
            for account in trading
            for d in account["details"]
        ]
        funding = self.call(ApiRequest("GET", "/api/v5/asset/balances"))
        out += [Balance(d["ccy"], decimal(d["bal"], "bal"), "funding") for d in funding]
        return out

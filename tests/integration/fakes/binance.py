"""Fake Binance: ``X-MBX-APIKEY``, signed query/body, ``recvWindow`` rule, -10xx/-20xx codes."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, ClassVar
from urllib.parse import parse_qsl

from fakes.common import FakeBase, Problems, Routes, same
from fakes.server import Account, FakeExchanges, Incoming, Reply

READ_ONLY = {
    "ipRestrict": False,
    "createTime": 1698645219000,
    "enableReading": True,
    "enableSpotAndMarginTrading": False,
    "enableWithdrawals": False,
    "enableInternalTransfer": False,
    "enableMargin": False,
    "enableFutures": False,
    "permitsUniversalTransfer": False,
    "enableVanillaOptions": False,
    "enablePortfolioMarginTrading": False,
}


def error(status: int, code: int, msg: str) -> Reply:
    return Reply(status, {"code": code, "msg": msg})


class FakeBinance(FakeBase):
    name = "binance"
    problems: ClassVar[Problems] = {
        "trade": ("enableSpotAndMarginTrading",),
        "withdraw": ("enableWithdrawals",),
        "transfer": ("enableInternalTransfer", "permitsUniversalTransfer"),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/sapi/v1/account/apiRestrictions"): "permission_reply",
        ("GET", "/api/v3/account"): "spot",
        ("POST", "/sapi/v1/asset/get-funding-asset"): "funding",
    }

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/api/v3/time":
            return Reply(200, {"serverTime": server.now_ms()})
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        key = req.header("X-MBX-APIKEY")
        if not key:
            return error(401, -2014, "API-key format invalid.")
        account = server.account(key)
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        # totalParams is the query string followed by the body; the signature is last.
        total = req.query + (("&" if req.query else "") + req.body.decode() if req.body else "")
        signed, sep, signature = total.rpartition("&signature=")
        if not sep:
            return error(
                400,
                -1102,
                "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
            )
        params = dict(parse_qsl(signed))
        window = int(params.get("recvWindow", "5000"))
        if window > 60000:
            return error(400, -1131, "recvWindow must be less than 60000")
        ts = int(params.get("timestamp", "0"))
        now = server.now_ms()
        if not (ts < now + 1000 and now - ts <= window):
            return error(400, -1021, "Timestamp for this request is outside of the recvWindow.")
        expected = hmac.new(
            account.api_secret.encode(), signed.encode(), hashlib.sha256
        ).hexdigest()
        if not same(expected, signature):
            return error(400, -1022, "Signature for this request is not valid.")
        return account

    def rejected_key(self) -> Reply:
        return error(401, -2015, "Invalid API-key, IP, or permissions for action.")

    def rate_limited(self) -> Reply:
        return Reply(
            429,
            {
                "code": -1003,
                "msg": "Too many requests; current limit is 6000 request weight per 1 MINUTE.",
            },
            {"Retry-After": "0"},
        )

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        body = dict(READ_ONLY)
        if scenario == "trade":
            body["enableSpotAndMarginTrading"] = True
            body["tradingAuthorityExpirationTime"] = server.now_ms() + 86_400_000
        elif scenario == "withdraw":
            body["enableWithdrawals"] = True
        elif scenario == "transfer":
            body["enableInternalTransfer"] = body["permitsUniversalTransfer"] = True
        elif scenario == "ip_restricted":
            body["ipRestrict"] = True
        elif scenario == "custom:trade_until_year_40000":  # an expiry no date can hold
            body["enableSpotAndMarginTrading"] = True
            body["tradingAuthorityExpirationTime"] = 10**23
        elif scenario.startswith("custom:"):
            body[scenario.removeprefix("custom:")] = True
        return body

    def spot(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            {
                "makerCommission": 15,
                "canTrade": False,
                "accountType": "SPOT",
                "balances": [
                    {"asset": "BTC", "free": "0.50000000", "locked": "0.25000000"},
                    {"asset": "LTC", "free": "0.00000000", "locked": "0.00000000"},
                ],
                "permissions": ["SPOT"],
            },
        )

    def funding(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            [
                {
                    "asset": "USDT",
                    "free": "1000",
                    "locked": "0",
                    "freeze": "5",
                    "withdrawing": "0",
                    "btcValuation": "0.01",
                }
            ],
        )

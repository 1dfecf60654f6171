"""Fake OKX: ``OK-ACCESS-*`` headers, ISO timestamp within 30 s, base64 HMAC-SHA256."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from typing import Any, ClassVar

from fakes.common import FakeBase, Problems, Routes, in_window, same
from fakes.server import Account, FakeExchanges, Incoming, Reply


def error(status: int, code: str, msg: str) -> Reply:
    return Reply(status, {"code": code, "msg": msg, "data": []})


class FakeOkx(FakeBase):
    name = "okx"
    problems: ClassVar[Problems] = {
        "trade": ("trade",),
        "withdraw": ("withdraw",),
        "transfer": ("withdraw",),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/api/v5/account/config"): "permission_reply",
        ("GET", "/api/v5/account/balance"): "trading",
        ("GET", "/api/v5/asset/balances"): "funding",
    }

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/api/v5/public/time":
            return Reply(200, self.envelope([{"ts": str(server.now_ms())}]))
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        for header in (
            "OK-ACCESS-KEY",
            "OK-ACCESS-SIGN",
            "OK-ACCESS-TIMESTAMP",
            "OK-ACCESS-PASSPHRASE",
        ):
            if not req.header(header):
                return error(401, "50103", f"Request header {header} can not be empty.")
        account = server.account(req.header("OK-ACCESS-KEY"))
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        ts = req.header("OK-ACCESS-TIMESTAMP") or ""
        try:
            moment = dt.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
        except ValueError:
            return error(401, "50112", "Invalid OK-ACCESS-TIMESTAMP")
        if not in_window(server, int(moment.timestamp() * 1000), 30_000, 30_000):
            return error(401, "50102", "Timestamp request expired")
        if not same(req.header("OK-ACCESS-PASSPHRASE") or "", account.passphrase or ""):
            return error(401, "50105", "Invalid OK-ACCESS-PASSPHRASE")
        target = req.path + (f"?{req.query}" if req.query else "")
        prehash = ts + req.method + target + req.body.decode()
        expected = base64.b64encode(
            hmac.new(account.api_secret.encode(), prehash.encode(), hashlib.sha256).digest()
        ).decode()
        if not same(expected, req.header("OK-ACCESS-SIGN") or ""):
            return error(401, "50113", "Invalid Sign")
        return account

    def rejected_key(self) -> Reply:
        return error(401, "50111", "Invalid OK-ACCESS-KEY")

    def expired_key(self) -> Reply:
        return error(401, "50119", "API key doesn't exist")

    def rate_limited(self) -> Reply:
        return error(429, "50011", "Too Many Requests")

    def envelope(self, data: Any) -> Any:
        return {"code": "0", "data": data, "msg": ""}

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        perm = {
            "trade": "read_only,trade",
            "withdraw": "read_only,withdraw",
            "transfer": "read_only,withdraw",
        }.get(scenario, "read_only")
        ip = "127.0.0.1" if scenario == "ip_restricted" else ""
        return [
            {
                "uid": "44705892343619584",
                "acctLv": "2",
                "posMode": "long_short_mode",
                "autoLoan": False,
                "greeksType": "PA",
                "level": "Lv1",
                "perm": perm,
                "ip": ip,
                "label": "v5 test",
                "roleType": "0",
                "kycLv": "3",
            }
        ]

    def trading(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.envelope(
                [
                    {
                        "totalEq": "41624.32",
                        "details": [
                            {
                                "ccy": "USDT",
                                "eq": "4992.89",
                                "cashBal": "4850.97",
                                "availBal": "4834.31",
                            },
                            {"ccy": "BTC", "eq": "0", "cashBal": "0", "availBal": "0"},
                        ],
                    }
                ]
            ),
        )

    def funding(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.envelope([{"availBal": "37.11", "bal": "37.11", "ccy": "USDT", "frozenBal": "0"}]),
        )

"""Fake Bitget v2: ``ACCESS-*`` headers, 30 s window, ``authorities`` permission codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any, ClassVar

from fakes.common import FakeBase, Problems, Routes, in_window, same
from fakes.server import Account, FakeExchanges, Incoming, Reply

READ = ["coor", "stor", "wtor"]


class FakeBitget(FakeBase):
    name = "bitget"
    problems: ClassVar[Problems] = {
        "trade": ("stow", "coow"),
        "withdraw": ("wwow",),
        "transfer": ("wtow",),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/api/v2/spot/account/info"): "permission_reply",
        ("GET", "/api/v2/spot/account/assets"): "assets",
    }

    def error(self, status: int, code: str, msg: str) -> Reply:
        return Reply(status, {"code": code, "msg": msg, "requestTime": 1700000000000, "data": None})

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/api/v2/public/time":
            return Reply(200, self.envelope({"serverTime": str(server.now_ms())}))
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        for header in ("ACCESS-KEY", "ACCESS-SIGN", "ACCESS-TIMESTAMP", "ACCESS-PASSPHRASE"):
            if not req.header(header):
                return self.error(
                    400, "40001" if header == "ACCESS-KEY" else "40002", f"{header} cannot be empty"
                )
        if req.header("Content-Type") != "application/json":
            return self.error(400, "40010", "Content-Type must be application/json")
        account = server.account(req.header("ACCESS-KEY"))
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        ts = req.header("ACCESS-TIMESTAMP") or "0"
        if not ts.isdigit() or not in_window(server, int(ts), 30_000, 30_000):
            return self.error(400, "40008", "Request timestamp expired")
        if not same(req.header("ACCESS-PASSPHRASE") or "", account.passphrase or ""):
            return self.error(400, "40012", "apikey/password is incorrect")
        target = req.path + (f"?{req.query}" if req.query else "")
        expected = base64.b64encode(
            hmac.new(
                account.api_secret.encode(),
                (ts + req.method + target + req.body.decode()).encode(),
                hashlib.sha256,
            ).digest()
        ).decode()
        if not same(expected, req.header("ACCESS-SIGN") or ""):
            return self.error(400, "40009", "sign signature error")
        return account

    def rejected_key(self) -> Reply:
        return self.error(400, "40006", "Invalid ACCESS_KEY")

    def rate_limited(self) -> Reply:
        return self.error(429, "429", "Too Many Requests")

    def envelope(self, data: Any) -> Any:
        return {"code": "00000", "msg": "success", "requestTime": 1700000000000, "data": data}

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        extra = {"trade": ["stow", "coow"], "withdraw": ["wwow"], "transfer": ["wtow"]}
        return {
            "userId": "3135232451",
            "inviterId": "0",
            "channelCode": "",
            "channel": "",
            "ips": "127.0.0.1" if scenario == "ip_restricted" else "",
            "authorities": READ + extra.get(scenario, []),
            "parentId": 0,
            "traderType": "",
            "regisTime": "1700000000000",
        }

    def assets(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.envelope(
                [
                    {
                        "coin": "usdt",
                        "available": "12.5",
                        "frozen": "0",
                        "locked": "2.5",
                        "limitAvailable": "0",
                        "uTime": "1700000000000",
                    }
                ]
            ),
        )

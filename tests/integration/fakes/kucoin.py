"""Fake KuCoin: ``KC-API-*`` headers, key version 2 signed passphrase, 5 s window."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from typing import Any, ClassVar

from fakes.common import FakeBase, Problems, Routes, in_window, same
from fakes.server import Account, FakeExchanges, Incoming, Reply


def sign(secret: str, text: str) -> str:
    return base64.b64encode(
        hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()
    ).decode()


def error(status: int, code: str, msg: str) -> Reply:
    return Reply(status, {"code": code, "msg": msg})


class FakeKucoin(FakeBase):
    name = "kucoin"
    problems: ClassVar[Problems] = {
        "trade": ("Spot",),
        "withdraw": ("Withdrawal",),
        "transfer": ("Transfer",),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/api/v1/user/api-key"): "permission_reply",
        ("GET", "/api/v1/accounts"): "accounts",
    }

    def make_secret(self) -> str:
        return str(uuid.uuid4())  # KuCoin secrets look like UUIDs

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/api/v1/timestamp":
            return Reply(200, {"code": "200000", "data": server.now_ms()})
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        headers = ("KC-API-KEY", "KC-API-SIGN", "KC-API-TIMESTAMP", "KC-API-PASSPHRASE")
        if not all(req.header(h) for h in headers):
            return error(
                401,
                "400001",
                "Please check the header of your request for "
                "KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, "
                "KC-API-PASSPHRASE",
            )
        account = server.account(req.header("KC-API-KEY"))
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        ts = req.header("KC-API-TIMESTAMP") or "0"
        if not ts.isdigit() or not in_window(server, int(ts), 5000, 5000):
            return error(
                401,
                "400002",
                "KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds",
            )
        if req.header("KC-API-KEY-VERSION") != "2":
            return error(401, "400004", "Invalid KC-API-PASSPHRASE")  # plain text = version 1
        if not same(
            sign(account.api_secret, account.passphrase or ""),
            req.header("KC-API-PASSPHRASE") or "",
        ):
            return error(401, "400004", "Invalid KC-API-PASSPHRASE")
        target = req.path + (f"?{req.query}" if req.query else "")
        expected = sign(account.api_secret, ts + req.method + target + req.body.decode())
        if not same(expected, req.header("KC-API-SIGN") or ""):
            return error(401, "400005", "Signature verification failed")
        return account

    def rejected_key(self) -> Reply:
        return error(401, "400003", "KC-API-KEY not exists")

    def rate_limited(self) -> Reply:
        return error(
            429, "429000", "Too many requests in a short period of time, please retry later."
        )

    def envelope(self, data: Any) -> Any:
        return {"code": "200000", "data": data}

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        permission = {
            "trade": "General,Spot",
            "withdraw": "General,Withdrawal",
            "transfer": "General,Transfer",
        }.get(scenario, "General")
        ip = "127.0.0.1" if scenario == "ip_restricted" else ""
        return {
            "remark": "airdrop-desk",
            "apiKey": account.api_key,
            "apiVersion": 3,
            "permission": permission,
            "ipWhitelist": ip,
            "createdAt": 1700000000000,
            "uid": 165111215,
            "isMaster": True,
        }

    def accounts(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.envelope(
                [
                    {
                        "id": "5bd6e9286d99522a52e458de",
                        "currency": "BTC",
                        "type": "main",
                        "balance": "0.3",
                        "available": "0.3",
                        "holds": "0",
                    },
                    {
                        "id": "5bd6e9216d99522a52e458d6",
                        "currency": "BTC",
                        "type": "trade",
                        "balance": "1.5",
                        "available": "1.5",
                        "holds": "0",
                    },
                    {
                        "id": "5bd6e9216d99522a52e458d7",
                        "currency": "USDT",
                        "type": "trade",
                        "balance": "0",
                        "available": "0",
                        "holds": "0",
                    },
                ]
            ),
        )

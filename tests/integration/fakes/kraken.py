"""Fake Kraken: ``API-Key``/``API-Sign`` over path + SHA256(nonce + body), rising nonces."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any, ClassVar
from urllib.parse import parse_qsl

from fakes.common import FakeBase, Problems, Routes, same
from fakes.server import Account, FakeExchanges, Incoming, Reply

READ = ["query-funds", "query-open-trades", "query-closed-trades", "query-ledger"]


def error(*names: str) -> Reply:
    return Reply(200, {"error": list(names)})


class FakeKraken(FakeBase):
    name = "kraken"
    problems: ClassVar[Problems] = {
        "trade": ("modify-trades", "cancel-close-trades"),
        "withdraw": ("withdraw-funds",),
        "transfer": ("deposit-funds",),
    }
    routes: ClassVar[Routes] = {
        ("POST", "/0/private/GetApiKeyInfo"): "permission_reply",
        ("POST", "/0/private/BalanceEx"): "balances",
    }

    def make_secret(self) -> str:
        return base64.b64encode(os.urandom(64)).decode()

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        if req.header("Content-Type") != "application/x-www-form-urlencoded":
            return error("EAPI:Bad request")
        account = server.account(req.header("API-Key"))
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        body = req.body.decode()
        nonce = dict(parse_qsl(body)).get("nonce", "")
        digest = req.path.encode() + hashlib.sha256((nonce + body).encode()).digest()
        expected = base64.b64encode(
            hmac.new(base64.b64decode(account.api_secret), digest, hashlib.sha512).digest()
        ).decode()
        if not same(expected, req.header("API-Sign") or ""):
            return error("EAPI:Invalid signature")
        if not nonce.isdigit() or int(nonce) <= account.last_nonce:
            return error("EAPI:Invalid nonce")
        account.last_nonce = int(nonce)
        return account

    def rejected_key(self) -> Reply:
        return error("EAPI:Invalid key")

    def rate_limited(self) -> Reply:
        return error("EAPI:Rate limit exceeded")

    def envelope(self, data: Any) -> Any:
        return {"error": [], "result": data}

    def expired_key(self) -> Reply:
        # Kraken reports the expiry; the key is read-only but its time is up.
        return Reply(200, self.envelope(self.permissions_body(READ, valid_until="1700000000")))

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        extra = {
            "trade": ["modify-trades", "cancel-close-trades"],
            "withdraw": ["withdraw-funds"],
            "transfer": ["deposit-funds"],
        }
        body = self.permissions_body(READ + extra.get(scenario, []))
        if scenario == "ip_restricted":
            body["ipAllowlist"] = ["127.0.0.1/32"]
        return body

    def permissions_body(self, permissions: list[str], valid_until: str = "0") -> dict[str, Any]:
        return {
            "apiKeyName": "airdrop-desk",
            "permissions": permissions,
            "nonceWindow": 0,
            "validUntil": valid_until,
            "queryFrom": "0",
            "queryTo": "0",
            "ipAllowlist": [],
            "createdTime": "1700000000",
            "lastUsed": "1700000000",
        }

    def balances(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.envelope(
                {
                    "ZUSD": {"balance": "25435.21", "hold_trade": "8249.76"},
                    "XXBT": {"balance": "1.2435", "hold_trade": "0.8423"},
                    "DOT.S": {"balance": "10", "hold_trade": "0"},
                    "ADA": {"balance": "0.00000000", "hold_trade": "0"},
                }
            ),
        )

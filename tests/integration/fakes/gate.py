"""Fake Gate v4: ``KEY``/``Timestamp``/``SIGN`` headers, HMAC-SHA512, 60 s window."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, ClassVar

from fakes.common import FakeBase, Problems, Routes, in_window, same
from fakes.server import Account, FakeExchanges, Incoming, Reply


def error(status: int, label: str, message: str) -> Reply:
    return Reply(status, {"label": label, "message": message})


def masked(key: str) -> str:
    return f"{key[:4]}{'*' * (len(key) - 8)}{key[-4:]}"


class FakeGate(FakeBase):
    name = "gate"
    problems: ClassVar[Problems] = {
        "trade": ("spot", "futures"),
        "withdraw": ("wallet",),
        "transfer": ("wallet",),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/api/v4/account/main_keys"): "permission_reply",
        ("GET", "/api/v4/spot/accounts"): "accounts",
    }

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/api/v4/spot/time":
            return Reply(200, {"server_time": server.now_ms()})
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        if not (req.header("KEY") and req.header("SIGN") and req.header("Timestamp")):
            return error(401, "MISSING_REQUIRED_HEADER", "Missing required header: KEY")
        account = server.account(req.header("KEY"))
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        ts = req.header("Timestamp") or "0"
        if not ts.isdigit() or not in_window(server, int(ts) * 1000, 60_000, 60_000):
            return error(
                401, "REQUEST_EXPIRED", "gap between request Timestamp and server time exceeds 60"
            )
        payload = "\n".join(
            [req.method, req.path, req.query, hashlib.sha512(req.body).hexdigest(), ts]
        )
        expected = hmac.new(
            account.api_secret.encode(), payload.encode(), hashlib.sha512
        ).hexdigest()
        if not same(expected, req.header("SIGN") or ""):
            return error(401, "INVALID_SIGNATURE", "Signature mismatch")
        return account

    def rejected_key(self) -> Reply:
        return error(401, "INVALID_KEY", "Invalid key provided")

    def rate_limited(self) -> Reply:
        return error(429, "TOO_MANY_REQUESTS", "Request Rate limit Exceeded")

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        names = ["wallet", "spot", "futures", "delivery", "earn", "options", "account"]
        writable = {
            "trade": {"spot", "futures"},
            "withdraw": {"wallet"},
            "transfer": {"wallet"},
        }.get(scenario, set())
        mine = {
            "mode": 1,
            "name": "airdrop-desk",
            "key": masked(account.api_key),
            "perms": [{"name": n, "read_only": n not in writable} for n in names],
            "ip_whitelist": ["127.0.0.1"] if scenario == "ip_restricted" else [],
            "state": 1,
            "created_at": 1700000000,
            "updated_at": 1700000000,
            "last_access": 1700000000,
        }
        other = {
            **mine,
            "key": "zzzz" + "*" * 24 + "9999",
            "name": "trading bot",
            "perms": [{"name": "spot", "read_only": False}],
        }
        return [other, mine]

    def accounts(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200, [{"currency": "ETH", "available": "968.8", "locked": "1.2", "update_id": 98}]
        )

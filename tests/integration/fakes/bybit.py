"""Fake Bybit v5: ``X-BAPI-*`` headers, recv-window rule, retCode envelope."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any, ClassVar

from fakes.common import FakeBase, Problems, Routes, same
from fakes.server import Account, FakeExchanges, Incoming, Reply

NO_RIGHTS = {
    "ContractTrade": [],
    "Spot": [],
    "Wallet": [],
    "Options": [],
    "Derivatives": [],
    "CopyTrading": [],
    "BlockTrade": [],
    "Exchange": [],
    "NFT": [],
    "Affiliate": [],
    "Earn": [],
}


class FakeBybit(FakeBase):
    name = "bybit"
    problems: ClassVar[Problems] = {
        "trade": ("Read-Write",),
        "withdraw": ("Read-Write", "AccountTransfer", "SubMemberTransfer", "Withdraw"),
        "transfer": ("AccountTransfer",),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/v5/user/query-api"): "permission_reply",
        ("GET", "/v5/account/wallet-balance"): "unified",
        ("GET", "/v5/asset/transfer/query-account-coins-balance"): "fund",
    }

    def body(self, server: FakeExchanges, code: int, msg: str, result: Any = None) -> Any:
        return {
            "retCode": code,
            "retMsg": msg,
            "result": result if result is not None else {},
            "retExtInfo": {},
            "time": server.now_ms(),
        }

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/v5/market/time":
            ms = server.now_ms()
            return Reply(
                200,
                self.body(
                    server,
                    0,
                    "OK",
                    {"timeSecond": str(ms // 1000), "timeNano": str(ms * 1_000_000)},
                ),
            )
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        key = req.header("X-BAPI-API-KEY")
        account = server.account(key)
        if account is None or account.exchange != self.name:
            return self.rejected_key()
        ts = req.header("X-BAPI-TIMESTAMP") or "0"
        window = req.header("X-BAPI-RECV-WINDOW") or "5000"
        now = server.now_ms()
        if not (now - int(window) <= int(ts) < now + 1000):
            return Reply(
                200,
                self.body(
                    server,
                    10002,
                    (
                        "invalid request, please check your server timestamp or recv_window param. "
                        f"req_timestamp[{ts}],server_timestamp[{now}],recv_window[{window}]"
                    ),
                ),
            )
        origin = (
            ts + (key or "") + window + (req.query if req.method == "GET" else req.body.decode())
        )
        expected = hmac.new(
            account.api_secret.encode(), origin.encode(), hashlib.sha256
        ).hexdigest()
        if not same(expected, req.header("X-BAPI-SIGN") or ""):
            # Bybit echoes the signed text, which holds the API key.
            return Reply(401, self.body(server, 10004, f"error sign! origin_string[{origin}]"))
        return account

    def rejected_key(self) -> Reply:
        return Reply(
            401,
            {
                "retCode": 10003,
                "retMsg": "API key is invalid.",
                "result": {},
                "retExtInfo": {},
                "time": 0,
            },
        )

    def expired_key(self) -> Reply:
        return Reply(
            200,
            {
                "retCode": 33004,
                "retMsg": "Your api key has expired.",
                "result": {},
                "retExtInfo": {},
                "time": 0,
            },
        )

    def rate_limited(self) -> Reply:
        return Reply(
            200,
            {
                "retCode": 10006,
                "retMsg": "Too many visits!",
                "result": {},
                "retExtInfo": {},
                "time": 0,
            },
        )

    def permission_reply(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        if account.scenario == "expired":
            return self.expired_key()
        return Reply(
            200, self.body(server, 0, "", self.permissions(server, account.scenario, account))
        )

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        rights = {k: list(v) for k, v in NO_RIGHTS.items()}
        read_only = 1
        if scenario == "trade":
            read_only = 0
            rights["Spot"] = ["SpotTrade"]
            rights["ContractTrade"] = ["Order", "Position"]
        elif scenario == "withdraw":
            read_only = 0
            rights["Wallet"] = ["AccountTransfer", "SubMemberTransfer", "Withdraw"]
        elif scenario == "transfer":
            rights["Wallet"] = ["AccountTransfer"]
        restricted = scenario == "ip_restricted"
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=80)
        return {
            "id": "13770661",
            "note": "airdrop-desk",
            "apiKey": account.api_key,
            "readOnly": read_only,
            "secret": "",
            "permissions": rights,
            "ips": ["127.0.0.1"] if restricted else ["*"],
            "type": 1,
            "deadlineDay": -1 if restricted else 80,
            "expiredAt": "" if restricted else expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "createdAt": "2024-03-21T11:16:55Z",
            "unified": 0,
            "uta": 1,
            "userID": 24617703,
            "inviterID": 0,
            "vipLevel": "No VIP",
            "mktMakerLevel": "0",
            "affiliateID": 0,
            "rsaPublicKey": "",
            "isMaster": True,
            "parentUid": "0",
            "kycLevel": "LEVEL_DEFAULT",
            "kycRegion": "",
        }

    def unified(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.body(
                server,
                0,
                "OK",
                {
                    "list": [
                        {
                            "accountType": "UNIFIED",
                            "totalEquity": "3.31",
                            "coin": [
                                {"coin": "BTC", "walletBalance": "0.0002", "equity": "0.0002"},
                                {"coin": "USDC", "walletBalance": "0", "equity": "0"},
                            ],
                        }
                    ]
                },
            ),
        )

    def fund(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        return Reply(
            200,
            self.body(
                server,
                0,
                "success",
                {
                    "accountType": "FUND",
                    "bizType": 1,
                    "accountId": "1631385",
                    "memberId": "1631373",
                    "balance": [
                        {
                            "coin": "USDT",
                            "walletBalance": "11.5",
                            "transferBalance": "11.5",
                            "bonus": "0",
                        }
                    ],
                },
            ),
        )

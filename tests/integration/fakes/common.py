"""Pieces every fake exchange uses: accounts, time windows, routing by path."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from fakes.server import Account, FakeExchanges, Incoming, Reply

from airdrop_desk.exchanges import registry

Route = Callable[[FakeExchanges, Account, Incoming], Reply]
Routes = dict[tuple[str, str], str]  # (method, path) -> name of the answering method
# scenario -> the rights it switches on, in the exchange's own words, as the client reports them
Problems = dict[str, tuple[str, ...]]


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def in_window(server: FakeExchanges, ts_ms: int, behind_ms: int, ahead_ms: int) -> bool:
    """True when ``ts_ms`` is at most ``behind_ms`` old and ``ahead_ms`` early."""
    now = server.now_ms()
    return now - behind_ms <= ts_ms < now + ahead_ms


class FakeBase:
    """A fake with HMAC credentials; subclasses set ``name``, ``routes`` and the bodies."""

    name = ""
    routes: ClassVar[Routes] = {}
    problems: ClassVar[Problems] = {}

    @property
    def passphrase(self) -> bool:
        """Whether keys have a passphrase: as the app's registry says for this exchange."""
        return registry.info(self.name).needs_passphrase

    def new_account(self, scenario: str, **options: str) -> Account:
        return Account(
            self.name,
            f"{scenario[:4]}{secrets.token_hex(30)}",
            self.make_secret(),
            secrets.token_urlsafe(12) if self.passphrase else None,
            scenario,
        )

    def make_secret(self) -> str:
        return secrets.token_hex(32)

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        return None

    def answer(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        route = self.routes.get((req.method, req.path))
        if route is None:
            return Reply(404, {"error": f"no route {req.method} {req.path}"})
        handler: Any = getattr(self, route)
        return handler(server, account, req)

    def permission_reply(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        if account.scenario == "expired":
            return self.expired_key()
        return Reply(200, self.envelope(self.permissions(server, account.scenario, account)))

    def expired_key(self) -> Reply:
        return self.rejected_key()

    def rejected_key(self) -> Reply:
        raise NotImplementedError

    def envelope(self, data: Any) -> Any:
        return data

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        raise NotImplementedError

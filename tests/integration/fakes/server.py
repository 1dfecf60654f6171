"""Fake exchange servers on 127.0.0.1: one HTTP server, one path prefix per exchange.

``http://127.0.0.1:PORT/binance`` is Binance, ``.../kraken`` is Kraken, and so on; the
prefix is stripped before an exchange's fake sees the request, like a reverse proxy.
Each fake checks the exchange's headers, signature and time window the way the
exchange does and answers with its documented bodies. The scenario comes from the
account the API key belongs to (``add(exchange, scenario)``).
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

SCENARIOS = (
    "read_only",
    "trade",
    "withdraw",
    "transfer",
    "ip_restricted",
    "expired",
    "malformed",
    "unauthorized",
    "rate_limited",
    "server_error",
    "slow",
    "drip",  # a read-only report sent one byte at a time
    "huge",  # a read-only report behind 2 MiB of spaces
    "gzip_bomb",  # the same, gzip-compressed: 20 MiB of spaces from about 20 KiB
    "redirect",  # a 302 whose body is a read-only report
    "echo",  # rejected, echoing the key, secret and passphrase in every field
)


@dataclass
class Account:
    """One API key the fake knows, and how the fake should answer requests made with it."""

    exchange: str
    api_key: str
    api_secret: str
    passphrase: str | None
    scenario: str
    public_key: Any = None  # Coinbase: the key the JWT must verify with
    hits: int = 0
    last_nonce: int = 0

    def credentials(self) -> dict[str, str]:
        blob = {"api_key": self.api_key, "api_secret": self.api_secret}
        if self.passphrase:
            blob["passphrase"] = self.passphrase
        return blob


@dataclass
class Incoming:
    """A request as a fake sees it: path without the exchange prefix."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    host: str

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    drip: float = 0.0  # seconds between the body's bytes (0: all at once)

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body).encode()


class Fake(Protocol):
    name: str
    problems: dict[str, tuple[str, ...]]  # scenario -> rights it switches on, as reported

    def new_account(self, scenario: str, **options: str) -> Account: ...

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None: ...

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply: ...

    def rejected_key(self) -> Reply: ...

    def rate_limited(self) -> Reply: ...

    def answer(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply: ...


class FakeExchanges:
    """All fakes behind one ThreadingHTTPServer on an ephemeral loopback port."""

    def __init__(self, fakes: list[Fake]) -> None:
        self.fakes = {f.name: f for f in fakes}
        self.accounts: dict[str, Account] = {}
        self.requests: list[Incoming] = []
        self.clock_offset_ms = 0
        self.slow_seconds = 1.5
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"exchanges": self})
        self._http = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._http.serve_forever, daemon=True, name="fake-exchanges"
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._http.server_address[1])

    def url(self, exchange: str) -> str:
        return f"http://127.0.0.1:{self.port}/{exchange}"

    def env(self) -> dict[str, str]:
        return {f"AIRDROP_DESK_EXCHANGE_URL_{n.upper()}": self.url(n) for n in self.fakes}

    def now_ms(self) -> int:
        return int(time.time() * 1000) + self.clock_offset_ms

    def add(self, exchange: str, scenario: str, **options: str) -> Account:
        assert scenario in SCENARIOS or scenario.startswith("custom:"), scenario
        account = self.fakes[exchange].new_account(scenario, **options)
        with self._lock:
            self.accounts[account.api_key] = account
        return account

    def account(self, api_key: str | None) -> Account | None:
        with self._lock:
            return self.accounts.get(api_key or "")

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def handle(self, req: Incoming) -> Reply:
        with self._lock:
            self.requests.append(req)
        name, _, rest = req.path.lstrip("/").partition("/")
        fake = self.fakes.get(name)
        if fake is None:
            return Reply(404, {"error": "no such fake"})
        req.path = "/" + rest
        public = fake.public(self, req)
        if public is not None:
            return public
        auth = fake.authenticate(self, req)
        if isinstance(auth, Reply):
            return auth
        auth.hits += 1
        scenario = auth.scenario
        if scenario == "unauthorized":
            return fake.rejected_key()
        if scenario == "rate_limited" and auth.hits == 1:
            return fake.rate_limited()
        if scenario == "server_error":
            return Reply(
                500,
                b"<html><body>500 Internal Server Error</body></html>",
                {"Content-Type": "text/html"},
            )
        if scenario == "slow":
            time.sleep(self.slow_seconds)
        if scenario == "malformed":
            return Reply(200, b'{"truncated": tru', {"Content-Type": "application/json"})
        if scenario == "echo":
            return echoed(fake.rejected_key(), auth)
        reply = fake.answer(self, auth, req)
        if scenario in ("drip", "huge", "gzip_bomb", "redirect") and reply.status == 200:
            return shaped(scenario, reply)
        return reply


def shaped(scenario: str, reply: Reply) -> Reply:
    """``reply`` (a read-only report) sent the way ``scenario`` says."""
    if scenario == "drip":
        return Reply(200, reply.encoded(), reply.headers, drip=0.05)
    if scenario == "redirect":
        return Reply(302, reply.body, {**reply.headers, "Location": "https://example.com/"})
    padded = b" " * (2 << 20 if scenario == "huge" else 20 << 20) + reply.encoded()
    if scenario == "huge":
        return Reply(200, padded, reply.headers)
    return Reply(200, gzip.compress(padded, 9), {**reply.headers, "Content-Encoding": "gzip"})


def echoed(reply: Reply, account: Account) -> Reply:
    """``reply`` with every text and code in it followed by the account's secrets, an
    escape sequence and a right-to-left override, as a hostile server might send."""
    tail = "|".join(
        [account.api_key, account.api_secret, account.passphrase or "", "\x1b[2J\u202e"]
    )

    def spoil(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: spoil(v) for k, v in value.items()}
        if isinstance(value, list):
            return [spoil(v) for v in value]
        if isinstance(value, str):
            return f"{value} {tail}"
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return f"{value} {tail}"  # a code sent as text (Binance's negative codes stay)
        return value

    body = reply.body
    if isinstance(body, bytes):
        body = body.decode() + tail
    return Reply(reply.status, spoil(body), reply.headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and hung up (the "slow" scenario) is expected here.
        pass


class _Handler(BaseHTTPRequestHandler):
    exchanges: FakeExchanges
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        req = Incoming(
            self.command,
            parts.path,
            parts.query,
            {k.lower(): v for k, v in self.headers.items()},
            body,
            self.headers.get("Host", ""),
        )
        reply = self.exchanges.handle(req)
        data = reply.encoded()
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not reply.drip:
            self.wfile.write(data)
            return
        for index in range(len(data)):
            self.wfile.write(data[index : index + 1])
            self.wfile.flush()
            time.sleep(reply.drip)

    do_GET = do_POST = _serve

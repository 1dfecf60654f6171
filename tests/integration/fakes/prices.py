"""A fake CoinGecko simple-price API on 127.0.0.1.

``GET /api/v3/simple/price?ids=a,b&vs_currencies=usd&include_last_updated_at=true`` answers
like CoinGecko: an object per known id, unknown ids left out, prices as JSON numbers
(written from exact decimal text). ``fail_next`` holds statuses to answer first (429,
500, ...), ``delay`` slows every answer, ``malformed`` sends broken JSON, ``padding`` puts
that many spaces before the JSON and ``drip`` sends the body a byte at a time.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PRICES = {
    "bitcoin": "67187.34",
    "ethereum": "3412.5",
    "tether": "1.0002",
    "starknet": "0.4213",
    "zksync": "0.1675",
    "polkadot": "7.12",
}
UPDATED_AT = 1_711_356_300  # 2024-03-25 08:45 UTC


class FakePrices:
    """The fake server; ``url`` is the API base to put in AIRDROP_DESK_PRICES_URL."""

    def __init__(self, prices: dict[str, str] | None = None) -> None:
        self.prices = dict(PRICES if prices is None else prices)
        self.updated_at: int | None = UPDATED_AT
        self.fail_next: list[int] = []
        self.delay = 0.0
        self.malformed = False
        self.padding = 0
        self.drip = 0.0
        self.requests: list[list[str]] = []  # the ids asked for, per request
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"fake": self})
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._http.daemon_threads = True
        self._thread = threading.Thread(
            target=self._http.serve_forever, daemon=True, name="fake-prices"
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}/api/v3"

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def answer(self, path: str, query: str) -> tuple[int, bytes, dict[str, str]]:
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            if self.fail_next:
                status = self.fail_next.pop(0)
                body = (
                    b'{"status":{"error_code":429,"error_message":"rate limited"}}'
                    if status == 429
                    else b"<html>error</html>"
                )
                return status, body, {"Retry-After": "0"} if status == 429 else {}
        if path != "/api/v3/simple/price":
            return 404, b'{"error":"not found"}', {}
        params = parse_qs(query)
        if params.get("vs_currencies") != ["usd"]:
            return 400, b'{"error":"Missing parameter vs_currencies"}', {}
        ids = params.get("ids", [""])[0].split(",")
        with self._lock:
            self.requests.append(ids)
        if self.malformed:
            return 200, b'{"bitcoin": {"usd": 6', {}
        parts = []
        for cg_id in ids:
            if cg_id in self.prices:
                stamp = (
                    f', "last_updated_at": {self.updated_at}' if self.updated_at is not None else ""
                )
                parts.append(f'"{cg_id}": {{"usd": {self.prices[cg_id]}{stamp}}}')
        return 200, b" " * self.padding + ("{" + ", ".join(parts) + "}").encode(), {}


class _Handler(BaseHTTPRequestHandler):
    fake: FakePrices
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        status, body, headers = self.fake.answer(parts.path, parts.query)
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not self.fake.drip:
            self.wfile.write(body)
            return
        for index in range(len(body)):
            self.wfile.write(body[index : index + 1])
            self.wfile.flush()
            time.sleep(self.fake.drip)


def start_prices() -> FakePrices:
    return FakePrices()

"""A timeout message states the timeout that fired: connecting gives up before reading."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import pytest

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.http import connect_timeout
from airdrop_desk.exchanges.model import ExchangeError
from airdrop_desk.keys.secret import Credentials
from airdrop_desk.prices.coingecko import CoinGecko, PriceError


@pytest.fixture
def unanswered() -> Iterator[str]:
    """A loopback port whose listen queue is full: a new connection is never accepted."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    queued = []
    for _ in range(3):
        client = socket.socket()
        client.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            client.connect(("127.0.0.1", port))
        queued.append(client)
    time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for client in queued:
            client.close()
        server.close()


def test_an_exchange_that_accepts_no_connection_is_named_with_the_connect_timeout(
    unanswered: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIRDROP_DESK_EXCHANGE_URL_KRAKEN", unanswered)
    cls = registry.client_class("kraken")
    with (
        cls(Credentials.of("key", "c2VjcmV0"), timeout=0.3) as client,
        pytest.raises(ExchangeError) as failed,
    ):
        client.permissions()
    assert "Kraken did not accept a connection within 0.3 s" in str(failed.value)


def test_the_connect_timeout_is_the_one_a_slow_network_meets_first() -> None:
    # A 10 s read timeout connects within 5 s: the message says 5, not 10.
    assert connect_timeout(10.0) == 5.0
    assert connect_timeout(0.5) == 0.5


def test_prices_that_accept_no_connection_say_the_connect_timeout(
    unanswered: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIRDROP_DESK_PRICES_URL", unanswered)
    source = CoinGecko(timeout=0.3)
    with pytest.raises(PriceError, match=r"did not accept a connection within 0.3 s\."):
        source.fetch(["ETH"])

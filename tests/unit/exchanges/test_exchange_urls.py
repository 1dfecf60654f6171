"""Base URLs: https only; the test override is honoured for loopback or https alone."""

from __future__ import annotations

import logging

import httpx
import pytest

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.http import resolve_base_url
from airdrop_desk.exchanges.model import ExchangeError, Failure


def test_every_default_url_is_https() -> None:
    for name in registry.NAMES:
        assert registry.client_class(name).default_url.startswith("https://")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8123",
        "http://localhost:9/x",
        "http://[::1]:80",
        "https://proxy.example.org/okx/",
    ],
)
def test_override_is_honoured(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("AIRDROP_DESK_EXCHANGE_URL_OKX", url)
    assert resolve_base_url("okx", "https://www.okx.com") == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://example.org", "http://10.0.0.1:8080", "ftp://127.0.0.1", "127.0.0.1:8123"]
)
def test_override_to_plain_http_elsewhere_is_refused(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("AIRDROP_DESK_EXCHANGE_URL_OKX", url)
    with pytest.raises(ExchangeError, match="AIRDROP_DESK_EXCHANGE_URL_OKX must be") as caught:
        resolve_base_url("okx", "https://www.okx.com")
    assert caught.value.kind is Failure.CONFIG


def test_no_override_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIRDROP_DESK_EXCHANGE_URL_OKX", raising=False)
    assert resolve_base_url("okx", "https://www.okx.com") == "https://www.okx.com"


def test_httpx_log_lines_lose_their_query(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    url = httpx.URL("https://api.binance.com/api/v3/account?timestamp=1&signature=abc")
    logging.getLogger("httpx").info('HTTP Request: %s %s "%s"', "GET", url, "HTTP/1.1 200 OK")
    assert "signature" not in caplog.text and "/api/v3/account" in caplog.text

"""Our signatures against ccxt's for the same request inputs (fixed time and nonce).

ccxt is a test-only dependency: it signs for every exchange we support, and an
independent implementation agreeing byte for byte is strong evidence both follow
the exchange's documentation.
"""

from __future__ import annotations

import base64
import secrets
import warnings
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiRequest, ExchangeClient
from airdrop_desk.exchanges.credentials import Credentials

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # ccxt's own dependencies may warn on import
    ccxt = pytest.importorskip("ccxt")

TS = 1_717_171_717_123
KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
PASSPHRASE = "correct horse"


def ours(
    name: str, request: ApiRequest, secret: str = SECRET, key: str = KEY, nonce: str = ""
) -> tuple[Any, ExchangeClient]:
    client = registry.client_class(name)(Credentials.of(key, secret, PASSPHRASE))
    try:
        return client.sign(request, TS, nonce), client
    finally:
        client.close()


def theirs(
    name: str,
    path: str,
    api: Any,
    method: str = "GET",
    secret: str = SECRET,
    key: str = KEY,
    **options: Any,
) -> dict[str, Any]:
    exchange = getattr(ccxt, name)(
        {"apiKey": key, "secret": secret, "password": PASSPHRASE, "options": options}
    )
    exchange.nonce = lambda: TS
    exchange.milliseconds = lambda: TS
    exchange.seconds = lambda: TS // 1000
    result: dict[str, Any] = exchange.sign(path, api, method, {})
    return result


def test_binance_matches_ccxt() -> None:
    signed, _ = ours("binance", ApiRequest("GET", "/sapi/v1/account/apiRestrictions"))
    ref = theirs("binance", "account/apiRestrictions", ["sapi"], recvWindow=5000)
    assert ref["url"] == "https://api.binance.com/sapi/v1/account/apiRestrictions?" + signed.query
    assert ref["headers"]["X-MBX-APIKEY"] == signed.headers["X-MBX-APIKEY"]


def test_kraken_matches_ccxt() -> None:
    secret = base64.b64encode(bytes(range(64))).decode()
    signed, _ = ours(
        "kraken", ApiRequest("POST", "/0/private/GetApiKeyInfo"), secret, nonce=str(TS)
    )
    exchange = ccxt.kraken({"apiKey": KEY, "secret": secret})
    exchange.incrementing_nonce = lambda: TS
    ref = exchange.sign("GetApiKeyInfo", ["private"], "POST", {})
    assert ref["body"].encode() == signed.body
    assert ref["headers"]["API-Sign"] == signed.headers["API-Sign"]
    assert ref["headers"]["API-Key"] == signed.headers["API-Key"]


@pytest.mark.parametrize(
    ("name", "path", "api", "ours_path", "sign_header"),
    [
        ("okx", "account/config", ["private"], "/api/v5/account/config", "OK-ACCESS-SIGN"),
        ("bybit", "v5/user/query-api", ["private"], "/v5/user/query-api", "X-BAPI-SIGN"),
        ("kucoin", "user/api-key", ["private"], "/api/v1/user/api-key", "KC-API-SIGN"),
        (
            "bitget",
            "v2/spot/account/info",
            ["private", "spot"],
            "/api/v2/spot/account/info",
            "ACCESS-SIGN",
        ),
        ("gate", "main_keys", ["private", "account"], "/api/v4/account/main_keys", "SIGN"),
    ],
)
def test_header_signed_exchanges_match_ccxt(
    name: str, path: str, api: Any, ours_path: str, sign_header: str
) -> None:
    signed, _ = ours(name, ApiRequest("GET", ours_path))
    ref = theirs(name, path, api)
    assert urlsplit(ref["url"]).path == ours_path
    assert ref["headers"][sign_header] == signed.headers[sign_header]
    for header, value in signed.headers.items():
        if header in ref["headers"]:
            assert ref["headers"][header] == value, header


@pytest.mark.parametrize(
    ("name", "path", "api", "ours_path", "params"),
    [
        (
            "bybit",
            "v5/account/wallet-balance",
            ["private"],
            "/v5/account/wallet-balance",
            {"accountType": "UNIFIED"},
        ),
        ("okx", "account/balance", ["private"], "/api/v5/account/balance", {"ccy": "BTC,ETH"}),
        ("kucoin", "accounts", ["private"], "/api/v1/accounts", {"type": "main"}),
        ("gate", "accounts", ["private", "spot"], "/api/v4/spot/accounts", {"currency": "BTC"}),
    ],
)
def test_signed_queries_match_ccxt(
    name: str, path: str, api: Any, ours_path: str, params: dict[str, str]
) -> None:
    signed, _ = ours(name, ApiRequest("GET", ours_path, params))
    exchange = getattr(ccxt, name)({"apiKey": KEY, "secret": SECRET, "password": PASSPHRASE})
    exchange.nonce = lambda: TS
    ref = exchange.sign(path, api, "GET", dict(params))
    assert dict(parse_qsl(urlsplit(ref["url"]).query)) == params
    assert urlsplit(ref["url"]).query == signed.query
    for header, value in signed.headers.items():
        if header in ref["headers"]:
            assert ref["headers"][header] == value, header


def _coinbase_pair(algorithm: str) -> tuple[str, str, Any]:
    if algorithm == "ES256":
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ).decode()
        name = f"organizations/{secrets.token_hex(8)}/apiKeys/{secrets.token_hex(8)}"
        return name, pem, key.public_key()
    ed = ed25519.Ed25519PrivateKey.generate()
    raw = ed.private_bytes_raw() + ed.public_key().public_bytes_raw()
    return secrets.token_hex(16), base64.b64encode(raw).decode(), ed.public_key()


@pytest.mark.parametrize("algorithm", ["ES256", "EdDSA"])
def test_coinbase_jwt_agrees_with_ccxt(algorithm: str) -> None:
    """ECDSA signatures are randomised, so both tokens are verified and their claims compared.

    Claims differ only where ccxt follows an older CDP format for ECDSA keys (``iss``
    "coinbase-cloud" plus an audience); ours follow Coinbase's Advanced Trade SDK.
    """
    name, secret, public = _coinbase_pair(algorithm)
    nonce = secrets.token_hex(16)
    signed, _ = ours(
        "coinbase", ApiRequest("GET", "/api/v3/brokerage/key_permissions"), secret, name, nonce
    )
    exchange = ccxt.coinbase({"apiKey": name, "secret": secret})
    exchange.seconds = lambda: TS // 1000
    exchange.random_bytes = lambda _n: nonce
    ref = exchange.sign("brokerage/key_permissions", ["v3", "private"], "GET", {})
    tokens = [h["Authorization"].removeprefix("Bearer ") for h in (signed.headers, ref["headers"])]
    decoded = [
        jwt.decode(
            t,
            public,
            algorithms=[algorithm],
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_aud": False,
                "verify_iat": False,
            },
        )
        for t in tokens
    ]
    heads = [jwt.get_unverified_header(t) for t in tokens]
    mine, cc = decoded
    for claim in ("sub", "nbf", "exp"):
        assert mine[claim] == cc[claim], claim
    assert mine["exp"] - mine["nbf"] == 120
    uri = "GET api.coinbase.com/api/v3/brokerage/key_permissions"
    if algorithm == "EdDSA":
        assert mine["uris"] == cc["uris"] == [uri]
        assert mine["aud"] == cc["aud"] == ["cdp_service"]
        assert mine["iss"] == cc["iss"] == "cdp"
    else:
        assert mine["uri"] == cc["uri"] == uri
        assert mine["iss"] == "cdp"
    for field in ("alg", "kid", "nonce"):
        assert heads[0][field] == heads[1][field], field

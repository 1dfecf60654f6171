"""CDP private keys in every form a user may paste them."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from airdrop_desk.exchanges.coinbase import load_signing_key
from airdrop_desk.exchanges.model import ExchangeError, Failure


def ec_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


@pytest.mark.parametrize("form", ["as is", "escaped", "one line", "spaces"])
def test_ec_pem_in_any_pasted_form(form: str) -> None:
    pem = ec_pem()
    text = {
        "as is": pem,
        "escaped": pem.replace("\n", "\\n"),
        "one line": pem.replace("\n", ""),
        "spaces": pem.replace("\n", " "),
    }[form]
    key, algorithm = load_signing_key(text)
    assert algorithm == "ES256" and isinstance(key, ec.EllipticCurvePrivateKey)


def test_ed25519_as_64_or_32_bytes() -> None:
    ed = ed25519.Ed25519PrivateKey.generate()
    seed = ed.private_bytes_raw()
    for raw in (seed + ed.public_key().public_bytes_raw(), seed):
        key, algorithm = load_signing_key(base64.b64encode(raw).decode())
        assert algorithm == "EdDSA"
        assert isinstance(key, ed25519.Ed25519PrivateKey)
        assert key.private_bytes_raw() == seed


BROKEN_PEM = "-----BEGIN EC PRIVATE KEY-----AAAA-----END EC PRIVATE KEY-----"


@pytest.mark.parametrize(
    "secret",
    [
        "not-a-key-at-all!",
        base64.b64encode(b"x" * 48).decode(),
        BROKEN_PEM,
        "-----BEGIN EC PRIVATE KEY----- truncated",
    ],
)
def test_bad_secrets_are_a_clear_error_without_the_value(secret: str) -> None:
    with pytest.raises(ExchangeError) as caught:
        load_signing_key(secret)
    assert caught.value.kind is Failure.CONFIG
    assert secret not in str(caught.value) and "Coinbase API secret" in str(caught.value)

"""Secrets never show themselves; credentials round-trip through their keyring text."""

from __future__ import annotations

import logging
import pickle

import pytest

from airdrop_desk.exchanges.credentials import Credentials, Secret, fingerprint, mask_key

VALUE = "s3cr3t-VALUE-that-must-not-leak"


def test_secret_is_masked_everywhere_it_could_be_printed(caplog: pytest.LogCaptureFixture) -> None:
    secret = Secret(VALUE)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("secret %s %r", secret, secret)
    shown = [
        str(secret),
        repr(secret),
        f"{secret}",
        f"{secret!r}",
        f"{secret:>40}",
        "%s" % secret,  # noqa: UP031
        repr([secret]),
        caplog.text,
    ]
    assert all(VALUE not in text for text in shown)
    assert secret.reveal() == VALUE
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        hash(secret)
    assert Secret(VALUE) == Secret(VALUE) and Secret(VALUE) != Secret("other")


def test_credentials_repr_and_json_round_trip() -> None:
    creds = Credentials.of(" AbCdEfGhIjKlMnOp \n", VALUE, "pass-phrase")
    assert creds.api_key.reveal() == "AbCdEfGhIjKlMnOp"  # pasted whitespace is trimmed
    text = repr(creds)
    assert VALUE not in text and "pass-phrase" not in text and "AbCdEfGhIjKlMnOp" not in text
    assert "AbCd…MnOp" in text
    again = Credentials.from_json(creds.to_json())
    assert again.api_secret == creds.api_secret and again.passphrase == creds.passphrase
    assert Credentials.of("k", "s").passphrase is None


def test_bad_keyring_text_is_not_echoed() -> None:
    with pytest.raises(ValueError) as caught:
        Credentials.from_json('{"api_key": "' + VALUE)
    assert VALUE not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_mask_and_fingerprint() -> None:
    assert mask_key("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv") == "vmPU…E2zv"
    assert mask_key("organizations/org-1/apiKeys/0f7c1a2b-3c4d-5e6f") == "0f7c…5e6f"
    assert mask_key("short") == "…rt" and mask_key("abc") == "…"
    assert fingerprint("key") == fingerprint("key") != fingerprint("key2")
    assert len(fingerprint("key")) == 64


def test_the_key_vault_names_the_same_types() -> None:
    from airdrop_desk.keys import secret

    assert (secret.Credentials, secret.Secret) == (Credentials, Secret)

"""How ``keys add`` reads secrets: hidden prompts or JSON on stdin, never argv."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from airdrop_desk.cli.keys import UsageError, read_credentials


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_json_on_stdin() -> None:
    creds = read_credentials(
        True,
        io.StringIO(json.dumps({"api_key": "k" * 16, "api_secret": "s" * 16, "passphrase": "p"})),
    )
    assert creds.api_key.reveal() == "k" * 16 and creds.passphrase is not None


@pytest.mark.parametrize(
    ("text", "needs", "message"),
    [
        ("", False, "not one JSON object"),
        ("[1]", False, "one JSON object"),
        ('{"api_key": "k"}', False, "'api_secret' is missing"),
        ('{"api_key": "k", "api_secret": " "}', False, "'api_secret' is missing"),
        ('{"api_key": "k", "api_secret": "s", "secret": "x"}', False, "unknown fields"),
        ('{"api_key": "k", "api_secret": "s"}', True, "need 'passphrase'"),
        ('{"api_key": "k", "api_secret": "s", "passphrase": 5}', True, "must be a string"),
        ('{"api_key": "k", "api_secret": "TOPSECRET"' + " " * 70000 + "}", False, "more than"),
    ],
)
def test_bad_stdin_is_a_usage_error_that_never_echoes(text: str, needs: bool, message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        read_credentials(needs, io.StringIO(text))
    assert "TOPSECRET" not in str(caught.value)


def test_hidden_prompts_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["key-value", "secret-value", "pass-value"])
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    creds = read_credentials(True, Terminal())
    assert creds.api_secret.reveal() == "secret-value" and len(prompts) == 3
    assert all("hidden" in p for p in prompts)


def test_key_layers_do_not_import_qt() -> None:
    code = (
        "import sys, airdrop_desk.keys.vault, airdrop_desk.cli.keys, "
        "airdrop_desk.exchanges; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

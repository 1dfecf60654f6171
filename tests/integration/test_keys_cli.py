"""``python -m airdrop_desk keys ...`` as a user runs it: a subprocess, real keyring, fakes."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes.secret_service import SecretService
from fakes.server import Account, FakeExchanges

import airdrop_desk

SRC = str(Path(airdrop_desk.__file__).resolve().parents[1])
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path, secret_service: SecretService, fakes: FakeExchanges) -> Run:
    env = {
        **secret_service.env,
        **fakes.env(),
        "PYTHONPATH": SRC,
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }

    def run(
        *args: str, stdin: str = "", extra: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "airdrop_desk",
                "keys",
                *args,
                "--data-dir",
                str(tmp_path / "data"),
            ],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=30,
            env={**env, **(extra or {})},
        )

    return run


def blob(account: Account) -> str:
    return json.dumps(account.credentials())


def test_add_list_check_audit_remove(cli: Run, fakes: FakeExchanges, tmp_path: Path) -> None:
    account = fakes.add("binance", "read_only")
    added = cli("add", "--exchange", "binance", "--label", "main", stdin=blob(account))
    assert added.returncode == 0, added.stderr
    assert "Linked 'main' (binance, key " in added.stdout
    assert "verified read-only" in added.stdout
    assert "IP restriction: none. Recommended" in added.stdout
    assert "Stored in: SecretService Keyring." in added.stdout

    again = cli("add", "--exchange", "binance", "--label", "other", stdin=blob(account))
    assert again.returncode == 1 and "already linked as 'main'" in again.stderr

    okx = fakes.add("okx", "read_only")
    assert cli("add", "--exchange", "okx", "--label", "okx", stdin=blob(okx)).returncode == 0

    listing = cli("list")
    assert listing.returncode == 0
    assert f"{account.api_key[:4]}…{account.api_key[-4:]}" in listing.stdout
    assert "verified" in listing.stdout and "Keyring: SecretService Keyring." in listing.stdout
    as_json = json.loads(cli("list", "--format", "json").stdout)
    assert [k["label"] for k in as_json["keys"]] == ["main", "okx"]

    assert cli("check").returncode == 0
    okx.scenario = "trade"
    check = cli("check")
    assert check.returncode == 1
    assert (
        "okx (okx): locked, not used: its rights grew. OKX reports rights beyond "
        "reading: trade." in check.stdout
    )
    assert "main (binance): verified read-only" in check.stdout
    assert cli("check", "main").returncode == 0
    used = cli("balances", "okx")
    assert used.returncode == 1 and "'okx' was not used" in used.stderr

    balances = cli("balances", "main", "--format", "json")
    assert balances.returncode == 0, balances.stderr
    assert {"asset": "BTC", "amount": "0.75000000", "wallet": "spot"} in json.loads(balances.stdout)

    removed = cli("remove", "main")
    assert removed.returncode == 0 and "Removed 'main'" in removed.stdout
    assert cli("remove", "main").returncode == 1
    assert "main" not in cli("list").stdout

    exports = {fmt: cli("audit", "--format", fmt) for fmt in ("table", "json", "csv")}
    assert all(r.returncode == 0 for r in exports.values())
    entries = json.loads(exports["json"].stdout)
    assert {e["label"] for e in entries} == {"main", "okx"}  # removal keeps them
    assert {"/sapi/v1/account/apiRestrictions", "/api/v3/account"} <= {
        e["endpoint"] for e in entries if e["label"] == "main"
    }
    rows = list(csv.reader(io.StringIO(exports["csv"].stdout)))
    assert rows[0][:3] == ["at", "exchange", "label"] and len(rows) == len(entries) + 1

    assert cli("remove", "okx").returncode == 0  # leave the session's keyring as found
    data = tmp_path / "data"
    files = [p.read_bytes() for p in data.rglob("*") if p.is_file()]
    outputs = [r.stdout + r.stderr for r in exports.values()] + [listing.stdout, check.stdout]
    for value in (account.api_key, account.api_secret, okx.api_secret, okx.passphrase or "-"):
        assert not any(value.encode() in f for f in files)
        assert not any(value in o for o in outputs)


def test_refused_and_unverifiable_keys_exit_1(cli: Run, fakes: FakeExchanges) -> None:
    withdraw = cli(
        "add", "--exchange", "kraken", "--label", "k", stdin=blob(fakes.add("kraken", "withdraw"))
    )
    assert withdraw.returncode == 1
    assert "Kraken reports rights beyond reading: withdraw-funds" in withdraw.stderr
    broken = cli(
        "add", "--exchange", "bitget", "--label", "b", stdin=blob(fakes.add("bitget", "malformed"))
    )
    assert broken.returncode == 1
    assert "Could not verify the key: Bitget sent a reply this app cannot read" in broken.stderr
    assert cli("check").stdout.strip() == "No exchange keys linked."


def test_usage_errors_exit_2(cli: Run, fakes: FakeExchanges) -> None:
    account = fakes.add("okx", "read_only")
    no_passphrase = json.dumps({"api_key": account.api_key, "api_secret": account.api_secret})
    cases = [
        (["add", "--exchange", "okx", "--label", "x"], no_passphrase, "passphrase"),
        (
            ["add", "--exchange", "okx", "--label", "x"],
            "not json " + account.api_secret,
            "not one JSON object",
        ),
        (["add", "--exchange", "okx"], blob(account), "--label"),
        (["add", "--exchange", "mtgox", "--label", "x"], blob(account), "invalid choice"),
        (
            ["add", "--exchange", "okx", "--label", "x", "--api-secret", "s"],
            "",
            "unrecognized arguments",
        ),
    ]
    for args, stdin, expected in cases:
        result = cli(*args, stdin=stdin)
        assert result.returncode == 2, (args, result.stderr)
        assert expected in result.stderr
        assert account.api_secret not in result.stderr + result.stdout


def test_add_is_refused_without_a_secure_keyring(cli: Run, fakes: FakeExchanges) -> None:
    account = fakes.add("binance", "read_only")
    result = cli(
        "add",
        "--exchange",
        "binance",
        "--label",
        "x",
        stdin=blob(account),
        extra={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert result.returncode == 1
    assert "no system keyring was found" in result.stderr
    assert account.hits == 0  # refused before the key was sent anywhere
    listing = cli("list", extra={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert "Keyring: none (no system keyring was found)." in listing.stdout


def test_no_secret_is_accepted_on_the_command_line() -> None:
    from airdrop_desk.cli import build_parser

    argv = ["keys", "add", "--exchange", "okx", "--label", "x", "--api-key", "k"]
    with pytest.raises(SystemExit) as caught:
        build_parser(argv).parse_args(argv)
    assert caught.value.code == 2
    # The same options without the secret parse: the refusal is about --api-key alone.
    assert build_parser(argv[:-2]).parse_args(argv[:-2]).keys_action == "add"
    assert os.environ.get("PYTHON_KEYRING_BACKEND") is None  # the test process is untouched


def test_rotation_reminder(cli: Run, fakes: FakeExchanges, tmp_path: Path) -> None:
    account = fakes.add("kucoin", "read_only")
    assert cli("add", "--exchange", "kucoin", "--label", "old", stdin=blob(account)).returncode == 0
    db = sqlite3.connect(tmp_path / "data" / "airdrop-desk.sqlite3")
    with db:  # as if it had been linked in January 2024
        db.execute("UPDATE exchange_keys SET linked_at = '2024-01-01T00:00:00.000Z'")
    db.close()
    assert "2024-03-31 (overdue)" in cli("list").stdout
    check = cli("check")
    assert check.returncode == 0  # still read-only; rotating is advice, not a failure
    assert "Rotation due since 2024-03-31: create a new read-only key on kucoin" in check.stdout
    assert cli("remove", "old").returncode == 0

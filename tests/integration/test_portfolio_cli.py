"""``python -m airdrop_desk portfolio ...`` as a user runs it: subprocess, keyring, fakes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fakes.prices import FakePrices
from fakes.secret_service import SecretService
from fakes.server import FakeExchanges

import airdrop_desk
from airdrop_desk.storage.db import open_database

SRC = str(Path(airdrop_desk.__file__).resolve().parents[1])
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path, secret_service: SecretService, fakes: FakeExchanges) -> Iterator[Run]:
    prices = FakePrices()
    env = {
        **secret_service.env,
        **fakes.env(),
        "PYTHONPATH": SRC,
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "AIRDROP_DESK_PRICES_URL": prices.url,
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(tmp_path / "data")],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    try:
        yield run
    finally:
        prices.close()


def test_sync_show_export_and_holdings(cli: Run, fakes: FakeExchanges) -> None:
    account = fakes.add("coinbase", "read_only")
    linked = cli(
        "keys",
        "add",
        "--exchange",
        "coinbase",
        "--label",
        "cb",
        stdin=json.dumps(account.credentials()),
    )
    assert linked.returncode == 0, linked.stderr

    first_day = dt.datetime.now(dt.UTC).date()
    synced = cli("portfolio", "sync")
    assert synced.returncode == 0, synced.stderr
    assert "cb (coinbase): 2 asset(s) synced" in synced.stdout
    assert "Prices refreshed for 2 asset(s)." in synced.stdout
    assert "[1/1] cb: synced" in synced.stderr

    added = cli("portfolio", "holdings", "add", "strk", "1250.5", "--where", "Argent")
    assert added.returncode == 0 and "Added #1: 1250.5 STRK in Argent." in added.stdout
    assert "Its price comes with the next 'airdrop-desk portfolio sync'." in added.stdout
    unknown = cli("portfolio", "holdings", "add", "WAT", "3")
    assert "no price source knows WAT; it is shown as unpriced" in unknown.stdout
    bad = cli("portfolio", "holdings", "add", "ETH", "1,5")
    assert bad.returncode == 1
    assert bad.stderr.strip() == (
        "airdrop-desk: '1,5' is not a number (use a dot for decimals, e.g. 1250.5)."
    )
    assert (
        cli("portfolio", "holdings", "add", "ETH", "-2")
        .stderr.strip()
        .endswith("The amount must be more than zero.")
    )

    resynced = cli("portfolio", "sync", "--format", "json")
    assert json.loads(resynced.stdout)["prices"]["unpriced"] == ["WAT"]
    last_day = dt.datetime.now(dt.UTC).date()
    shown = cli("portfolio", "show")
    assert shown.returncode == 0
    lines = shown.stdout.splitlines()
    assert lines[0].split() == [
        "Asset",
        "Amount",
        "Price",
        "Price",
        "age",
        "Value",
        "Held",
        "in",
        "Status",
    ]
    assert any(ln.startswith("WAT") and ln.rstrip().endswith("unpriced") for ln in lines)
    assert "Prices from CoinGecko" in shown.stdout

    exported = cli("portfolio", "show", "--by", "source", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["source"], r["where"]) for r in rows[:2]] == [
        ("exchange", "Coinbase · cb · spot"),
        ("manual", "Argent"),
    ]
    # Coinbase: 0.15 BTC at 67187.34 + 2 ETH at 3412.5; Argent: 1250.5 STRK at 0.4213
    assert rows[0]["value_usd"] == "16903.10" and rows[1]["value_usd"] == "526.84"
    assert rows[-1]["source"] == "Total" and rows[-1]["status"] == "unpriced: WAT"

    history = json.loads(cli("portfolio", "show", "--by", "history", "--format", "json").stdout)
    # One value point per UTC day: the second sync replaced the first's, unless a UTC
    # midnight fell between them.
    assert len(history["rows"]) == 1 + (last_day - first_day).days
    assert history["rows"][-1]["unpriced_assets"] == 1

    listing = cli("portfolio", "holdings", "list", "--format", "json")
    assert [h["asset"] for h in json.loads(listing.stdout)] == ["STRK", "WAT"]
    assert cli("portfolio", "holdings", "remove", "2").stdout.strip() == "Removed #2."
    assert cli("portfolio", "holdings", "remove", "2").returncode == 1

    account.scenario = "unauthorized"
    failed = cli("portfolio", "sync")
    assert failed.returncode == 1
    assert "not synced: cb; their last balances are kept and shown as stale" in failed.stderr
    after = cli("portfolio", "show", "--by", "source")
    assert "stale (last sync failed" in after.stdout
    assert cli("keys", "remove", "cb").returncode == 0


def test_roi_from_claims_and_tick_costs(cli: Run, tmp_path: Path) -> None:
    roi = cli("portfolio", "roi")
    assert roi.returncode == 0 and "No claims or task costs recorded yet." in roi.stdout
    missing = cli("portfolio", "show", "--profile", "Nobody")
    assert missing.returncode == 1
    assert (
        missing.stderr.strip() == "airdrop-desk: No profile is named 'Nobody' (profiles: none yet)."
    )

    db = open_database(tmp_path / "data" / "airdrop-desk.sqlite3", tmp_path / "backups")
    with db.atomic():  # what the checklist writes: a profile, a ticked task with a fee, a claim
        db.execute("INSERT INTO profiles (id, name, created_at) VALUES (1, 'Alice', 'x')")
        db.execute(
            "INSERT INTO tracked_projects (id, profile_id, project_id, added_at) "
            "VALUES (1, 1, 'starknet', 'x')"
        )
        db.execute(
            "INSERT INTO tasks (id, tracked_id, title, position, created_at) "
            "VALUES (1, 1, 'Bridge', 0, 'x')"
        )
        db.execute(
            "INSERT INTO ticks (task_id, at, cost_native, cost_token, cost_usd) "
            "VALUES (1, '2023-09-03T15:00:00+00:00', 0.002, 'ETH', 5.1)"
        )
        db.execute(
            "INSERT INTO claims (profile_id, project_id, status, amount, token, "
            "claim_date, updated_at) VALUES (1, 'starknet', 'claimed', 1250, 'STRK', "
            "'2024-02-20', 'x')"
        )
    db.close()
    recorded = cli("portfolio", "claim-value", "starknet", "$2,400", "--profile", "alice")
    assert recorded.stdout.strip() == (
        "Recorded $2400 as the value of the starknet claim of Alice."
    )
    assert cli("portfolio", "sync").returncode == 0  # no keys: prices only
    rows = list(csv.DictReader(io.StringIO(cli("portfolio", "roi", "--format", "csv").stdout)))
    assert [
        (
            r["project"],
            r["received"],
            r["value_at_claim_usd"],
            r["value_now_usd"],
            r["costs_usd"],
            r["cost_basis"],
            r["net_now_usd"],
        )
        for r in rows
    ] == [
        ("Starknet", "1250 STRK", "2400.00", "526.63", "5.10", "recorded value", "521.53"),
        ("Total", "1 project(s)", "2400.00", "526.63", "5.10", "recorded value", "521.53"),
    ]
    assigned = cli("portfolio", "assign", "nope", "--profile", "Alice")
    assert assigned.returncode == 1 and "No linked key is labelled 'nope'." in assigned.stderr

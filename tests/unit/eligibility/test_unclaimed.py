"""An eligible match is unclaimed value at today's price in the portfolio; past its
deadline without a recorded claim it reads "missed" (eligibility check, portfolio)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from alloc_helpers import EVM, filler, write_csv

from airdrop_desk.app import run as app_run
from airdrop_desk.core.portfolio import Quote
from airdrop_desk.core.tracking import Claim
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.points_repo import ClaimsRepo
from airdrop_desk.storage.portfolio_repo import PortfolioRepo


def cli(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = app_run([*args, "--data-dir", str(data)])
    return code, capsys.readouterr().out


def test_unclaimed_value_missed_and_claimed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert cli(data, capsys, "profiles", "add", "Main", "--address", f"evm={EVM}")[0] == 0
    lists = [  # project, amount, deadline
        ("Starknet", "1250.5", "2099-12-31"),  # still to claim
        ("Uniswap", "400", "2021-01-01"),  # the deadline passed, no claim recorded
        ("Arbitrum", "625", "2099-12-31"),  # claimed: an airdrop holding, not unclaimed
    ]
    for project, amount, deadline in lists:
        path = write_csv(tmp_path / f"{project.lower()}.csv", [(EVM, amount), (filler(1), "9")])
        code, _ = cli(data, capsys, "eligibility", "import", str(path), "--project", project,
                      "--deadline", deadline)  # fmt: skip
        assert code == 0
    db = open_database(data / "airdrop-desk.sqlite3", tmp_path / "backups")
    now = dt.datetime.now(dt.UTC)
    ClaimsRepo(db, lambda: now).set_claim(1, "arbitrum", Claim("claimed", 625, "ARB"))
    PortfolioRepo(db).store_quotes([Quote("STRK", Decimal("0.40"), now, "test")])
    db.close()

    _, out = cli(data, capsys, "eligibility", "check", "--format", "json")
    assert {(r["project"], r["status"]) for r in json.loads(out)} == {
        ("starknet", "eligible"),
        ("uniswap", "deadline passed"),
        ("arbitrum", "eligible"),
    }  # fmt: skip: what the lists say; the table adds what the claim records say
    _, out = cli(data, capsys, "eligibility", "check")
    lines = out.splitlines()
    assert any("uniswap" in ln and "deadline passed (missed)" in ln for ln in lines)
    assert any("arbitrum" in ln and "eligible (claimed)" in ln for ln in lines)
    _, out = cli(data, capsys, "eligibility", "check", "--address", EVM, "--format", "json")
    assert sorted(r["status"] for r in json.loads(out)) == [
        "deadline passed",
        "eligible",
        "eligible",
    ]  # fmt: skip: an address alone has no claim records

    _, out = cli(data, capsys, "portfolio", "show", "--by", "unclaimed", "--format", "csv")
    rows = [(r["project"], r["asset"], r["amount"], r["price_usd"], r["value_usd"],
             r["deadline"], r["status"]) for r in csv.DictReader(io.StringIO(out))]  # fmt: skip
    assert rows == [
        ("Starknet", "STRK", "1250.5", "0.4", "500.20", "2099-12-31", "eligible"),
        ("Uniswap", "UNI", "400", "", "", "2021-01-01", "missed; unpriced"),
        ("", "", "", "", "500.20", "", ""),
    ]
    _, out = cli(data, capsys, "portfolio", "show", "--by", "unclaimed")
    shown = [line.split() for line in out.splitlines()]
    assert ["Main", "Starknet", "STRK", "1250.5", "$0.4", "$500.20", "2099-12-31",
            "eligible"] in shown  # fmt: skip
    assert ["Main", "Uniswap", "UNI", "400", "unpriced", "unpriced", "2021-01-01", "missed;",
            "unpriced"] in shown  # fmt: skip
    assert ["Total", "$500.20"] in shown  # what is still to claim
    _, out = cli(data, capsys, "portfolio", "show")
    assert "Unclaimed airdrops: $500.20 (1 to claim, 1 missed)" in out
    assert "ARB" in out  # the claimed one is held, at its own line

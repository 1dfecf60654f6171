"""``airdrop-desk today`` and ``task add``: what is printed, the exit codes, over a real
database in a temporary data folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from test_tracking_cli import Cli

from airdrop_desk.core.board import RECORD_KEYS


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


def _today(cli: Cli) -> list[dict[str, object]]:
    records: list[dict[str, object]] = json.loads(cli.ok("today", "--format", "json"))
    return records


def test_tasks_added_on_the_command_line_are_on_the_today_list(cli: Cli) -> None:
    today = dt.date.today()
    for name in ("Main", "Alt"):
        cli.ok("profiles", "add", name)
        cli.ok("track", "starknet", "--profile", name)
    assert _today(cli) == []  # catalog tasks neither repeat nor have a due date
    out = cli.ok(
        "task",
        "add",
        "Swap  on a DEX",
        "--profile",
        "main",
        "--project",
        "Starknet",
        "--every",
        "daily",
    )
    assert out.startswith("Added task ") and "“Swap on a DEX” (Daily) to Starknet" in out
    past = (today - dt.timedelta(days=3)).isoformat()
    cli.ok("task", "add", "Register", "--profile", "Alt", "--project", "starknet", "--due", past)
    cli.ok("task", "add", "Stake", "--profile", "Alt", "--project", "starknet", "--every", "3d")
    ahead = (today + dt.timedelta(days=30)).isoformat()
    cli.ok("task", "add", "Later", "--profile", "Alt", "--project", "starknet", "--due", ahead)
    records = _today(cli)
    assert [list(r) for r in records] == [list(RECORD_KEYS)] * 3
    first = records[0]
    assert (first["profile"], first["title"], first["overdue"]) == (
        "Alt",
        "Register",
        True,
    )  # the overdue task first: it has the earliest deadline
    by_title = {r["title"]: r for r in records}
    assert set(by_title) == {"Register", "Swap on a DEX", "Stake"}  # not the one ahead
    assert by_title["Swap on a DEX"]["due"] == today.isoformat()
    assert by_title["Swap on a DEX"]["recurrence"] == "daily"
    assert by_title["Stake"]["recurrence"] == "3d" and by_title["Register"]["due"] == past
    swap = str(by_title["Swap on a DEX"]["task_id"])
    cli.ok("tick", swap)
    assert "Swap on a DEX" not in [r["title"] for r in _today(cli)]
    table = cli.ok("today")
    assert table.splitlines()[0].split() == ["ID", "DUE", "PROFILE", "PROJECT", "TASK", "REPEATS"]
    assert "3 days overdue" in table
    assert table.rstrip().endswith("2 due now, 1 overdue · 2 profile(s)")


def test_task_add_refuses_bad_values_in_one_line(cli: Cli) -> None:
    cli.ok("profiles", "add", "Main")
    cli.ok("track", "starknet")
    err = cli.refused(
        "task", "add", " ", "--project", "starknet", "--every", "hourly", "--due", "2025-02-30"
    )
    assert "A task needs a title." in err and "2025-02 has no day 30." in err
    assert "'hourly' is not a repeat; use daily, weekly, monthly or Nd" in err
    assert "Repeat every 1 to 365 days." in cli.refused(
        "task", "add", "Stake", "--project", "starknet", "--every", "400d"
    )
    assert "does not track Linea; track it first" in cli.refused(
        "task", "add", "Bridge", "--project", "linea"
    )
    assert "no project “nowhere”" in cli.refused("task", "add", "X", "--project", "nowhere")
    code, out, err = cli("task", "add", "No project")
    assert (code, out) == (2, "") and "--project" in err
    code, _out, err = cli("today", "--format", "xml")
    assert code == 2 and "invalid choice" in err
    assert _today(cli) == []  # nothing refused was saved


def test_today_csv_cells_are_not_formulas(cli: Cli) -> None:
    cli.ok("profiles", "add", "=Main")
    cli.ok("track", "starknet")
    cli.ok("task", "add", "@SUM(A1)", "--project", "starknet", "--every", "weekly")
    rows = list(csv.reader(io.StringIO(cli.ok("today", "--format", "csv"))))
    assert rows[0] == list(RECORD_KEYS)
    assert rows[1][1:4] == ["'=Main", "Starknet", "'@SUM(A1)"]
    assert rows[1][5:] == ["weekly", "no"]

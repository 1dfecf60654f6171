"""``airdrop-desk profiles|tasks|tick|untick|track``: stdout, stderr and exit codes over a
real database in a temporary data folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from airdrop_desk.app import run as app_run

EVM = "0x52908400098527886e0f7030069857d2e4169ee7"
EVM_CHECKSUMMED = "0x52908400098527886E0F7030069857D2E4169EE7"
KEYS = {"id", "profile", "project", "title", "done", "last_done", "recurrence", "due"}


class Cli:
    """Runs the command line's entry point in this process, as ``airdrop-desk ARGS``."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir, self.capsys = data_dir, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = app_run([*args, "--data-dir", str(self.data_dir)])
        except SystemExit as exc:  # argparse: usage errors
            code = int(exc.code or 0)
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, err) == (0, ""), err
        return out

    def refused(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 1 and out == "", (code, out)
        assert err.count("\n") == 1, err  # one line
        return err

    def tasks(self, *args: str) -> list[dict[str, object]]:
        records: list[dict[str, object]] = json.loads(self.ok("tasks", "--format", "json", *args))
        return records


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


def test_profiles_are_added_with_checked_addresses_listed_and_removed(cli: Cli) -> None:
    assert "0 profile(s)" in cli.ok("profiles")
    assert "no profile yet" in cli.refused("tasks")
    err = cli.refused("profiles", "add", "Main", "--address", "evm=0x123")
    assert "40 hex digits" in err
    assert json.loads(cli.ok("profiles", "list", "--format", "json")) == []  # nothing saved
    cli.ok("profiles", "add", "Main", "--address", f"evm={EVM}")
    assert json.loads(cli.ok("profiles", "list", "--format", "json")) == [
        {
            "name": "Main",
            "archived": False,
            "addresses": [{"chain": "evm", "address": EVM_CHECKSUMMED}],
        }
    ]
    assert "already a profile named" in cli.refused("profiles", "add", "main")
    code, _out, err = cli("profiles", "add", "Alt", "--address", f"bitcoin={EVM}")
    assert code == 2 and "'bitcoin' is not a chain; use evm, solana, starknet, cosmos" in err
    assert "There is no profile named “Nobody”" in cli.refused("profiles", "remove", "Nobody")
    assert "Removed profile “Main”" in cli.ok("profiles", "remove", "Main")
    assert "0 profile(s)" in cli.ok("profiles")


def test_track_tick_untick_and_the_task_list(cli: Cli) -> None:
    cli.ok("profiles", "add", "Main")
    assert "now tracks Starknet: 4 task(s)" in cli.ok("track", "STARKNET")  # by name
    assert "already tracks Starknet" in cli.ok("track", "starknet")
    tasks = cli.tasks()
    assert [set(t) for t in tasks] == [KEYS] * 4
    assert {(t["profile"], t["project"], t["done"]) for t in tasks} == {("Main", "Starknet", False)}
    first = str(tasks[0]["id"])
    out = cli.ok("tick", first, "--note", "bridged", "--tx", "0x" + "ab" * 32, "--cost-usd", "1.5")
    assert "Starknet: 1 of 4 done." in out
    after = cli.tasks()
    assert after[0]["done"] is True and after[0]["last_done"] is not None
    assert [t["id"] for t in cli.tasks("--due")] == [t["id"] for t in tasks[1:]]
    assert "A fee cannot be negative." in cli.refused("tick", first, "--cost-usd", "-2")
    assert "transaction hash" in cli.refused("tick", first, "--tx", "hello")
    assert "Starknet: 0 of 4 done." in cli.ok("untick", first)
    assert "not done in the current period" in cli.refused("untick", first)
    assert "There is no task 999" in cli.refused("tick", "999")
    table = cli.ok("tasks", "--project", "starknet")
    header = "ID  PROJECT   DONE  TASK"
    assert table.startswith(header) and "REPEATS  DUE  LAST DONE" in table.splitlines()[0]
    assert "0 of 4 done · profile “Main”" in table


def test_the_profile_is_the_only_one_the_last_used_or_named(cli: Cli) -> None:
    cli.ok("profiles", "add", "Main")
    cli.ok("track", "starknet")
    cli.ok("profiles", "add", "Alt")
    assert "Which profile? Name one with --profile (Alt, Main)." in cli.refused("tasks")
    cli.ok("track", "linea", "--profile", "alt")
    assert {t["project"] for t in cli.tasks("--profile", "Alt")} == {"Linea"}
    assert "no project “nowhere”" in cli.refused("track", "nowhere", "--profile", "Alt")


def test_csv_cells_are_not_formulas_to_a_spreadsheet(cli: Cli, tmp_path: Path) -> None:
    from airdrop_desk.core import tracking_ops as ops
    from airdrop_desk.core.tracking import Task
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    cli.ok("profiles", "add", "=Main")
    cli.ok("track", "starknet")
    db_file = cli.data_dir / "airdrop-desk.sqlite3"
    db = open_database(db_file, cli.data_dir / "backups")
    try:
        repo = TrackingRepo(db)
        [profile] = repo.profiles()
        tracked = repo.tracked(profile.id)["starknet"]
        formula = Task(0, 0, '=HYPERLINK("http://x","y")', 0, dt.date(2025, 1, 1))
        ops.add_task(repo, tracked, formula)
    finally:
        db.close()
    rows = list(csv.DictReader(io.StringIO(cli.ok("tasks", "--format", "csv"))))
    assert rows[-1]["title"] == '\'=HYPERLINK("http://x","y")'
    assert {r["profile"] for r in rows} == {"'=Main"}
    assert rows[0]["done"] == "no"


def test_the_installed_command_gives_usage_errors_exit_code_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "airdrop_desk", "tick", "--data-dir", str(tmp_path), "abc"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "invalid int value: 'abc'" in result.stderr

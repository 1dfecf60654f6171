"""``airdrop-desk eligibility``: import, lists, check and remove over a real data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alloc_helpers import EVM, filler, write_csv

from airdrop_desk.app import run as app_run


def cli(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = app_run([*args, "--data-dir", str(data)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_check_lists_and_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    cow = write_csv(tmp_path / "cow.csv", [(EVM.lower(), "1622117402945374150006871"),
                                           (filler(1), "5000000000000000000")])  # fmt: skip
    code, out, err = cli(data, capsys, "profiles", "add", "Main", "--address", f"evm={EVM}",
                         "--identity", "github=@OctoCat")  # fmt: skip
    assert (code, err) == (0, "")
    code, out, _ = cli(data, capsys, "profiles", "list", "--format", "json")
    assert json.loads(out)[0]["identities"] == [{"kind": "github", "handle": "OctoCat"}]
    code, out, err = cli(data, capsys, "eligibility", "import", str(cow), "--token", "COW")
    assert (code, err) == (0, "")
    assert "your addresses never leave it" in out
    assert "cow: 2 rows, not linked to a project." in out
    code, out, _ = cli(data, capsys, "eligibility", "check", "--format", "json")
    assert json.loads(out) == [{
        "profile": "Main", "address": EVM, "list": "cow", "project": None, "token": "COW",
        "amount": "1622117.402945374150006871", "deadline": None, "status": "eligible",
    }]  # fmt: skip
    code, out, _ = cli(data, capsys, "eligibility", "check", "--address", filler(1))
    assert "5.00 COW" in out and "eligible" in out
    code, out, _ = cli(data, capsys, "eligibility", "lists", "--format", "json")
    [listed] = json.loads(out)
    assert set(listed) == {"id", "name", "project", "token", "decimals", "rows", "deadline",
                           "source", "sha256", "imported_at"}  # fmt: skip
    assert (listed["rows"], listed["decimals"], listed["token"]) == (2, 18, "COW")
    code, out, _ = cli(data, capsys, "eligibility", "remove", str(listed["id"]))
    assert out == f"Removed list {listed['id']} “cow” (2 rows).\n"
    code, out, _ = cli(data, capsys, "eligibility", "check", "--format", "json")
    assert json.loads(out) == []


def test_a_bad_list_is_one_line_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_csv(tmp_path / "bad.csv", [(EVM, "1"), ("0xnothex", "2")])
    code, _out, err = cli(tmp_path / "data", capsys, "eligibility", "import", str(bad))
    assert code == 1
    assert err.endswith("bad.csv: line 3: '0xnothex' is not an address. Nothing was imported.\n")


def test_an_empty_address_or_handle_is_refused_not_every_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    cli(data, capsys, "profiles", "add", "Main", "--address", f"evm={EVM}")
    cow = write_csv(tmp_path / "cow.csv", [(EVM, "5")])
    assert cli(data, capsys, "eligibility", "import", str(cow), "--token", "COW")[0] == 0
    code, out, err = cli(data, capsys, "eligibility", "check", "--address", " ")
    assert (code, out) == (1, "")
    assert "is not an EVM, Starknet, Solana or Cosmos address" in err
    code, out, err = cli(data, capsys, "eligibility", "check", "--identity", "")
    assert (code, out) == (1, "")
    assert "Name a handle" in err

"""``python -m airdrop_desk projects``: what a user gets on stdout, stderr and exit code."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from airdrop_desk import __version__

RECORD_KEYS = {
    "name",
    "aliases",
    "tier",
    "score",
    "score_kind",
    "narratives",
    "ecosystem",
    "competitors",
    "raised_usd",
    "valuation_usd",
    "investors",
    "token",
    "status",
    "sources",
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for the module: the first run stores the catalog, later runs read it."""
    return tmp_path_factory.mktemp("cli-data")


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(data_dir)],
        cwd=data_dir,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def ok(data_dir: Path, *args: str) -> str:
    result = run(data_dir, "projects", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def json_names(data_dir: Path, *args: str) -> list[str]:
    return [record["name"] for record in json.loads(ok(data_dir, *args, "--format", "json"))]


def test_default_table(data_dir: Path) -> None:
    lines = ok(data_dir).splitlines()
    assert lines[-1] == "26 of 26 projects"
    assert re.split(r"\s{2,}", lines[0]) == [
        "Project",
        "Tier",
        "Score",
        "Raised",
        "Narratives",
        "Token",
        "Status",
    ]
    rows = {re.split(r"\s{2,}", line)[0]: re.split(r"\s{2,}", line) for line in lines[1:-1]}
    assert len(rows) == 26
    assert rows["Starknet"] == [
        "Starknet",
        "was Confirmed",  # its airdrop is over: the tier was a prediction
        "92%",
        "$100M",
        "ZK rollups, Layer 2",
        "STRK",
        "Airdropped",
    ]
    assert rows["Dymension"][3] == "$6.7M"
    assert rows["LayerZero"][2] == "—"
    assert rows["Arbitrum"][1] == "Past airdrop"
    # A live project's tier is still a prediction; its status is today's.
    assert rows["Extended"][1:] == [
        "Possible",
        "—",
        "—",
        "Perp DEX, Points, Unified margin",
        "—",
        "Farming",
    ]
    assert rows["Polymarket"][-2:] == ["POLY", "Rumoured"]


def test_confirmed_and_likely_as_json(data_dir: Path) -> None:
    records = json.loads(
        ok(data_dir, "--tier", "confirmed", "--tier", "likely", "--format", "json")
    )
    assert [r["name"] for r in records] == [
        "Starknet",
        "peaq",
        "Dymension",
        "Movement",
        "LayerZero",
        "Scroll",
        "Linea",
        "Ten",
        "Avail",
        "Parcl",
        "Variational",
        "Polymarket",
        "OpenSea",
    ]
    for record in records:
        assert set(record) >= RECORD_KEYS, record["name"]
        assert record["tier"] in ("confirmed", "likely")
        assert record["sources"], record["name"]
        for source in record["sources"]:
            assert {"url", "title"} <= set(source)
            assert source["title"]
            assert source["url"] is None or source["url"].startswith("https://")
    linea = next(r for r in records if r["name"] == "Linea")
    # The article's $450M was ConsenSys's Series D: Linea has no raise of its own.
    assert (linea["score"], linea["score_kind"], linea["raised_usd"]) == (90, "tech score", None)
    assert linea["aliases"] == ["Linear"]
    assert next(r for r in records if r["name"] == "LayerZero")["score"] is None


def test_min_score(data_dir: Path) -> None:
    assert json_names(data_dir, "--min-score", "90") == ["Starknet", "Linea", "Eclipse", "Taiko"]
    table = ok(data_dir, "--min-score", "90").splitlines()
    assert [line.split()[0] for line in table[1:-1]] == ["Starknet", "Linea", "Eclipse", "Taiko"]
    assert table[-1] == "4 of 26 projects"


def test_search_as_csv(data_dir: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(data_dir, "--search", "tyco", "--format", "csv"))))
    # Taiko's own alias is Tyco: named exactly as typed, it comes first.
    assert [r["name"] for r in rows] == ["Taiko", "Starknet", "Scroll", "Linea"]
    taiko = rows[0]
    assert taiko["aliases"] == "Tyco"
    assert taiko["score"] == "90"
    assert taiko["raised_usd"] == "22000000"
    assert taiko["valuation_usd"] == ""
    assert taiko["investors"] == "KuCoin Ventures; GSR"
    assert rows[1]["competitors"] == "Linea; Scroll; Taiko; Polygon zkEVM"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--investor", "Paradigm"], ["Starknet"]),
        (["--investor", "sequoia"], ["Starknet", "Scroll"]),
        (["--narrative", "DePIN"], ["peaq"]),
        (["--ecosystem", "Cosmos"], ["Dymension"]),
        (["--has-points", "--tier", "possible"], ["Taiko", "ZetaChain", "Extended", "MetaMask"]),
        (["--search", "Taka Global"], ["Starknet"]),
        (["--search", "obscuro", "--min-score", "89"], ["Ten"]),
        (["--search", "nothing like this"], []),
    ],
)
def test_filters(data_dir: Path, args: list[str], expected: list[str]) -> None:
    assert json_names(data_dir, *args) == expected


def test_search_says_why_each_project_matched(data_dir: Path) -> None:
    records = json.loads(ok(data_dir, "--search", "tyco", "--format", "json"))
    assert [(r["name"], r["matched"]) for r in records] == [
        ("Taiko", [{"field": "alias", "value": "Tyco"}]),
        ("Starknet", [{"field": "competitor", "value": "Tyco"}]),
        ("Scroll", [{"field": "competitor", "value": "Tyco"}]),
        ("Linea", [{"field": "competitor", "value": "Tyco"}]),
    ]
    (starknet,) = json.loads(ok(data_dir, "--search", "L2 tiger", "--format", "json"))
    assert starknet["matched"] == [
        {"field": "narrative", "value": "Layer 2"},
        {"field": "investor", "value": "Tiger Global"},
    ]
    no_search = json.loads(ok(data_dir, "--tier", "past", "--format", "json"))
    assert [r["matched"] for r in no_search] == [[], []]


def test_synonyms_and_organisations_on_the_command_line(data_dir: Path) -> None:
    assert json_names(data_dir, "--search", "layer2", "--tier", "likely") == [
        "Scroll",
        "Linea",
        "Ten",
    ]
    assert json_names(data_dir, "--investor", "Dragonfly") == ["Parcl", "ZKsync"]
    assert json_names(data_dir, "--investor", "dragonfly capital") == ["Parcl", "ZKsync"]


def test_a_raised_range_entered_backwards_is_read_the_other_way_round(data_dir: Path) -> None:
    result = run(data_dir, "projects", "--raised-min", "7M", "--raised-max", "5M")
    assert result.returncode == 0
    assert result.stderr == ("note: --raised-min is above --raised-max; read the other way round\n")
    assert [line.split()[0] for line in result.stdout.splitlines()[1:-1]] == [
        "peaq",
        "Dymension",
        "Astria",
    ]


def test_empty_result_table(data_dir: Path) -> None:
    assert ok(data_dir, "--narrative", "Gaming").splitlines()[-1] == "0 of 26 projects"


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["projects", "--bogus"], "unrecognized arguments: --bogus"),
        (["projects", "--tier", "bogus"], "argument --tier: invalid choice: 'bogus'"),
        (["projects", "--min-score", "abc"], "argument --min-score: 'abc' is not a whole number"),
        (["projects", "--min-score", "101"], "argument --min-score: 101 is outside 0..100"),
        (["projects", "--min-score", "-1"], "argument --min-score"),
        (["projects", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (
            ["projects", "--raised-min", "lots"],
            "argument --raised-min: 'lots' is not an amount like 250000, 200k, 1.5M or 3B",
        ),
        (["projects", "--raised-max=-1M"], "argument --raised-max: '-1M' is not an amount"),
        (["projects", "--points-program", "maybe"], "argument --points-program: 'maybe' is not"),
        (["projects", "--my-status", "done"], "argument --my-status: needs --profile"),
        (["projects", "--my-status", "finished", "--profile", "x"], "'finished' is not one of"),
        (["--size", "10x10"], "argument --size: '10x10' is outside"),
        (["--size", "big"], "argument --size: 'big' is not a size like 1280x800"),
        (["nonsense-command"], "invalid choice: 'nonsense-command'"),
    ],
)
def test_usage_errors(data_dir: Path, args: list[str], problem: str) -> None:
    result = run(data_dir, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: airdrop-desk" in result.stderr
    assert problem in result.stderr
    assert "Traceback" not in result.stderr


def test_version(data_dir: Path) -> None:
    result = run(data_dir, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"airdrop-desk {__version__}"


def test_help_lists_the_filters(data_dir: Path) -> None:
    result = run(data_dir, "projects", "--help")
    assert result.returncode == 0
    for option in (
        "--tier",
        "--min-score",
        "--narrative",
        "--ecosystem",
        "--investor",
        "--search",
        "--has-points",
        "--points-program",
        "--raised-min",
        "--raised-max",
        "--my-status",
        "--status",
        "--section",
        "--profile",
        "--format",
    ):
        assert option in result.stdout


@pytest.mark.parametrize("output", ["json", "table"])
def test_reader_closing_the_pipe_early_is_not_an_error(data_dir: Path, output: str) -> None:
    """``airdrop-desk projects | head -1``: no traceback when head stops reading."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "airdrop_desk",
            "projects",
            "--format",
            output,
            "--data-dir",
            str(data_dir),
        ],
        cwd=data_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first byte is written
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) in (0, 1)
    assert stderr == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--raised-min", "100M", "--raised-max", "150M"],
            ["Starknet", "LayerZero", "Scroll", "Aztec"],
        ),
        (
            ["--raised-min", "100000000", "--raised-max", "150,000,000"],
            ["Starknet", "LayerZero", "Scroll", "Aztec"],
        ),
        (["--raised-max", "6.7m"], ["peaq", "Dymension", "Movement", "Parcl", "Astria"]),
        (["--raised-min", "1B"], []),
        (
            ["--points-program", "yes"],
            [
                "Scroll",
                "Linea",
                "Ten",
                "Parcl",
                "Taiko",
                "ZetaChain",
                "Variational",
                "Extended",
                "MetaMask",
                "OpenSea",
            ],
        ),
        (["--points-program", "no", "--tier", "likely"], ["Avail", "Polymarket"]),
    ],
)
def test_the_window_filters_on_the_command_line(
    data_dir: Path, args: list[str], expected: list[str]
) -> None:
    assert json_names(data_dir, *args) == expected


def test_my_status_for_a_profile(tmp_path: Path) -> None:
    """The profile's status with each project, as the window's "My status" filter has it."""
    from airdrop_desk.catalog import load_catalog
    from airdrop_desk.paths import Paths
    from airdrop_desk.resources import bundled_catalog_path
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    projects = {p.id: p for p in load_catalog(bundled_catalog_path()).projects}
    paths = Paths(tmp_path)
    db = open_database(paths.database, paths.backups)
    try:
        repo = TrackingRepo(db)
        main = repo.create_profile("Main wallet")
        repo.track(main.id, projects["scroll"])
        repo.track(main.id, projects["taiko"])
        repo.track(repo.create_profile("Other").id, projects["linea"])
    finally:
        db.close()
    mine = ["--profile", "main WALLET"]
    assert json_names(tmp_path, "--my-status", "in-progress", *mine) == ["Scroll", "Taiko"]
    assert json_names(tmp_path, "--my-status", "In progress", *mine) == ["Scroll", "Taiko"]
    assert json_names(tmp_path, "--my-status", "done", *mine) == []
    untracked = json_names(tmp_path, "--my-status", "not_tracked", *mine)
    assert len(untracked) == 24 and "Linea" in untracked and "Scroll" not in untracked
    table = ok(tmp_path, "--my-status", "in-progress", "--profile", "Other").splitlines()
    assert table[-1] == "1 of 26 projects"

    result = run(tmp_path, "projects", "--my-status", "done", "--profile", "Nobody")
    assert result.returncode == 2
    assert "argument --profile: no profile is named 'Nobody' (profiles: Main wallet, Other)" in (
        result.stderr
    )


def test_csv_cells_from_the_catalog_never_run_as_formulas(tmp_path: Path) -> None:
    from airdrop_desk.resources import bundled_catalog_path

    catalog = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    starknet = catalog["projects"][0]
    starknet["name"]["name"] = '=HYPERLINK("https://drainer.example","Claim")'
    starknet["investors"][0]["name"] = "@SUM(A1:A9)"
    starknet["ecosystem"] = "+cmd|' /C calc'!A0"
    hostile = tmp_path / "catalog.json"
    hostile.write_text(json.dumps(catalog), encoding="utf-8")
    result = run(tmp_path, "projects", "--catalog", str(hostile), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    row = next(r for r in rows if "drainer.example" in r["name"])
    assert row["name"] == '\'=HYPERLINK("https://drainer.example","Claim")'
    assert row["investors"].startswith("'@SUM(A1:A9); ")
    assert row["ecosystem"] == "'+cmd|' /C calc'!A0"
    cells = [cell for r in rows for cell in r.values()]
    assert [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")] == []

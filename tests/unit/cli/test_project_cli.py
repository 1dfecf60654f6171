"""``airdrop-desk project``: your own projects over a real database, and one row per
project when a feed lists the same official domain."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from airdrop_desk.app import run as app_run
from airdrop_desk.catalog.load import parse_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.storage.catalog_repo import import_catalog
from airdrop_desk.storage.db import open_database


class Cli:
    """Runs ``airdrop-desk ARGS`` in this process over one data folder."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir, self.capsys = data_dir, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = app_run([*args, "--data-dir", str(self.data_dir)])
        except SystemExit as exc:
            code = int(exc.code or 0)
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, err) == (0, ""), err
        return out

    def refused(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, out) == (1, ""), (code, out, err)
        assert err.count("\n") == 1, err
        return err

    def projects(self, *args: str) -> list[dict[str, object]]:
        found: list[dict[str, object]] = json.loads(self.ok("projects", "--format", "json", *args))
        return found

    def tasks(self) -> list[dict[str, object]]:
        found: list[dict[str, object]] = json.loads(self.ok("tasks", "--format", "json"))
        return found


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


NEBULA = (
    "project", "add", "Nebula", "--site", "nebula.example", "--site", "docs.nebula.example",
    "--status", "no token", "--tier", "likely", "--narrative", "DePIN", "--ecosystem", "Cosmos",
    "--token", "NEB", "--note", "Farm weekly", "--source", "https://nebula.example/blog",
    "--task", "Bridge to the testnet;every=weekly", "--task", "Swap;every=3 days;detail=DEX",
    "--event", "snapshot=2027-01-15:Season 1 snapshot", "--points", "Nebula XP;1 XP per bridge",
)  # fmt: skip


def test_added_project_is_listed_filtered_and_marked_yours(cli: Cli) -> None:
    assert "Added Nebula (yours-nebula)" in cli.ok(*NEBULA)
    records = {r["name"]: r for r in cli.projects()}
    assert len(records) == 27
    mine = records["Nebula"]
    assert (mine["origin"], mine["status"], mine["tier"], mine["token"]) == (
        "yours", "no token", "likely", "NEB",
    )  # fmt: skip
    assert mine["official_sites"] == ["nebula.example", "docs.nebula.example"]
    assert [s["title"] for s in mine["sources"]] == ["Entered by you", "nebula.example"]  # type: ignore[index]
    assert {r["origin"] for n, r in records.items() if n != "Nebula"} == {"catalog"}
    assert [r["name"] for r in cli.projects("--narrative", "depin")] == ["peaq", "Nebula"]
    assert [r["name"] for r in cli.projects("--search", "nebula")] == ["Nebula"]
    table = cli.ok("projects", "--search", "nebula")
    assert "From" in table.splitlines()[0] and "Yours" in table


def test_tracking_your_project_makes_your_tasks_the_checklist(cli: Cli) -> None:
    cli.ok(*NEBULA)
    cli.ok("profiles", "add", "Main")
    assert "now tracks Nebula: 2 task(s)" in cli.ok("track", "nebula")
    tasks = cli.tasks()
    assert [(t["title"], t["recurrence"]) for t in tasks] == [
        ("Bridge to the testnet", "Weekly"),
        ("Swap", "Every 3 days"),
    ]


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("project", "add", ""), "NAME: is required"),
        (("project", "add", "X", "--site", "not a domain"), "--site: 'not a domain'"),
        (("project", "add", "X", "--site", "starknet.io"), "--site: starknet.io is already"),
        (("project", "add", "starknet"), "NAME: a project named"),
        (("project", "add", "X" * 10_000), "NAME: is 10,000 characters"),
        (("project", "add", "X", "--note", "a\u202eb"), "--note: contains"),
        (("project", "add", "X", "--task", "T;every=hourly"), "--task: every=hourly"),
        (("project", "add", "X", "--event", "snapshot"), "--event: 'snapshot'"),
        (("project", "add", "X", "--status", "moon"), "--status: 'moon'"),
        (("project", "edit", "nobody", "--tier", "likely"), "NAME: you have no project"),
        (("project", "remove", "nobody"), "NAME: you have no project"),
        (("project", "export", "--out", "x.json"), "NAME: you have no projects"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    cli: Cli, args: tuple[str, ...], flag: str
) -> None:
    err = cli.refused(*args)
    assert f"airdrop-desk project {args[1]}: {flag}" in err
    assert len(cli.projects()) == 26


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli("project", "add", "X", "--bogus")[0] == 2
    assert cli("project")[0] == 2
    assert cli("project", "edit", "X", "--clear", "name")[0] == 2


def test_edit_changes_only_what_is_given_and_keeps_the_id(cli: Cli) -> None:
    cli.ok(*NEBULA)
    cli.ok("project", "edit", "NEBULA", "--name", "Nebula Labs", "--clear", "events")
    (mine,) = [r for r in cli.projects() if r["origin"] == "yours"]
    assert (mine["id"], mine["name"], mine["token"]) == ("yours-nebula", "Nebula Labs", "NEB")
    listed = json.loads(cli.ok("project", "list", "--format", "json"))
    assert [p["name"] for p in listed] == ["Nebula Labs"]
    # its own domains stay allowed; another project's are not
    cli.ok("project", "edit", "yours-nebula", "--site", "nebula.example")
    assert "is already the official domain of Starknet" in cli.refused(
        "project", "edit", "Nebula Labs", "--site", "starknet.io"
    )


def test_from_file_sets_every_field(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "p.json"
    spec.write_text(
        json.dumps(
            {
                "name": "Orbit",
                "sites": ["orbit.example"],
                "tasks": [{"title": "Stake", "every": "daily", "detail": "min 10"}],
                "points": [{"name": "Orbit Points"}],
                "events": [{"kind": "claim_open", "date": "2027-03-01", "label": "Claim"}],
            }
        )
    )
    cli.ok("project", "add", "--from", str(spec), "--tier", "confirmed")
    cli.ok("profiles", "add", "Main")
    cli.ok("track", "orbit")
    assert [(t["title"], t["recurrence"]) for t in cli.tasks()] == [("Stake", "Daily")]
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps({"name": "Typo", "site": ["typo.example"]}))
    assert "--from: " in cli.refused("project", "add", "--from", str(typo))
    assert "unknown field(s) site" in cli.refused("project", "add", "--from", str(typo))


def test_export_writes_a_catalog_file_that_catalog_import_accepts(cli: Cli, tmp_path: Path) -> None:
    cli.ok(*NEBULA)
    cli.ok("project", "add", "Orbit", "--site", "orbit.example")
    out = tmp_path / "shared" / "mine.json"
    assert "Wrote 1 project(s)" in cli.ok("project", "export", "--out", str(out), "nebula")
    catalog = parse_catalog(out.read_bytes(), out.name)  # the bundled format, validated
    (shared,) = catalog.projects
    assert (shared.id, shared.name.name, shared.official_sites[0]) == (
        "nebula", "Nebula", "nebula.example",
    )  # fmt: skip
    assert "Imported" in cli.ok("catalog", "import", str(out), "--allow-removals")
    # The imported project has your project's domain: one row, yours.
    rows = cli.projects()
    assert [(r["id"], r["origin"]) for r in rows if "nebula" in str(r["id"])] == [
        ("yours-nebula", "yours")
    ]


def test_one_row_per_project_your_tick_survives_a_feed_and_its_removal(cli: Cli) -> None:
    cli.ok(*NEBULA)
    cli.ok("profiles", "add", "Main")
    cli.ok("track", "nebula")
    first = str(cli.tasks()[0]["id"])
    cli.ok("tick", first, "--note", "bridged")
    before = {r["name"]: r for r in cli.projects()}["Nebula"]

    paths = Paths(cli.data_dir)
    feed = json.loads(json.dumps(FEED))
    data = json.dumps(feed).encode()
    db = open_database(paths.database, paths.backups)
    version = import_catalog(
        db,
        parse_catalog(data, "feed.json"),
        hashlib.sha256(data).hexdigest() + ":friends",
        "feed.json",
        activate=False,
        feed="friends",
    )

    rows = cli.projects()
    assert len(rows) == 28  # 26 + Nebula (one row) + the feed's other project
    (nebula,) = [r for r in rows if r["id"] == "yours-nebula"]
    assert nebula["name"] == "Nebula Network"  # the feed's fields win ...
    assert nebula["token"] == "NEB"  # ... yours fill what it lacks
    assert nebula["origin"] == "yours"
    assert {r["name"]: r["origin"] for r in rows}["Comet"] == "friends"
    assert "Nebula Network" not in {r["name"] for r in rows if r["id"] != "yours-nebula"}
    tasks = cli.tasks()
    assert tasks[0]["done"] is True and tasks[0]["project"] == "Nebula Network"

    with db.atomic():
        db.execute("DELETE FROM catalog_versions WHERE id = ?", [version])
    db.close()
    rows = cli.projects()
    assert len(rows) == 27
    assert {r["name"]: r for r in rows}["Nebula"] == before
    assert cli.tasks()[0]["done"] is True


def test_your_projects_are_user_data_and_catalog_changes_leave_them(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok(*NEBULA)
    export = tmp_path / "export.json"
    cli.ok("export", "--format", "json", "--out", str(export))
    tables = {t["name"] for t in json.loads(export.read_text())["tables"]}
    assert "user_projects" in tables
    cli.ok("project", "remove", "nebula")
    assert len(cli.projects()) == 26
    cli.ok("import", str(export))
    assert [r["name"] for r in cli.projects() if r["origin"] == "yours"] == ["Nebula"]
    shared = tmp_path / "c.json"
    cli.ok("project", "add", "Orbit", "--site", "orbit.example")
    cli.ok("project", "export", "--out", str(shared), "orbit")
    cli.ok("catalog", "import", str(shared), "--allow-removals")
    cli.ok("catalog", "rollback")
    assert sorted(r["name"] for r in cli.projects() if r["origin"] == "yours") == [
        "Nebula",
        "Orbit",
    ]


FEED = {
    "schema_version": 1,
    "catalog_version": "2026.12.1",
    "article_source": "feed-list",
    "sources": [
        {"id": "feed-list", "title": "Friends' list", "date": "2026-12-01"},
        {"id": "nebula-docs", "title": "Nebula docs", "url": "https://docs.nebula.example/"},
    ],
    "projects": [
        {
            "id": "nebula",
            "name": {"name": "Nebula Network"},
            "tier": "likely",
            "description": "Nebula as the feed describes it.",
            "official_sites": ["nebula.example"],
            "official_sites_sources": ["nebula-docs"],
        },
        {
            "id": "comet",
            "name": {"name": "Comet"},
            "tier": "possible",
            "description": "Another project.",
            "official_sites": ["comet.example"],
            "official_sites_sources": ["nebula-docs"],
        },
    ],
}

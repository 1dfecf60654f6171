"""The feeds and catalog commands: exit 0 done, 1 refused with a message, 2 usage."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from feed_helpers import BUNDLED, FeedServer, Keys, feed_catalog, needs_minisign, serve


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    state, http = serve()
    try:
        yield state
    finally:
        http.shutdown()
        http.server_close()


@needs_minisign
def test_feeds_add_list_check_remove(tmp_path: Path, server: FeedServer) -> None:
    data, keys = tmp_path / "data", Keys(tmp_path / "keys")
    url = server.publish("/feed.json", keys, feed_catalog())
    added = run(data, "feeds", "add", url, "--key", keys.public, "--name", "Points watch")
    assert added.returncode == 0, added.stderr
    assert "Subscribed to Points watch: version 2026.12.1 with 2 projects" in added.stdout
    assert "New: Quarry, Lantern" in added.stdout
    again = run(data, "feeds", "add", url, "--key", str(keys.pub), "--name", "Other")
    assert again.returncode == 1 and "already subscribed" in again.stderr
    [listed] = json.loads(run(data, "feeds", "list", "--format", "json").stdout)
    assert listed["name"] == "Points watch" and listed["catalog_version"] == "2026.12.1"
    assert listed["public_key"] == keys.public and listed["outcome"] == "applied"

    server.publish("/feed.json", keys, feed_catalog("2026.12.0").replace(b"live.", b"now."))
    refused = run(data, "feeds", "check", "--format", "json")
    assert refused.returncode == 1
    [result] = json.loads(refused.stdout)
    assert result["outcome"] == "refused" and result["refused"] == "rollback"
    server.publish("/feed.json", keys, feed_catalog("2026.12.2").replace(b"live.", b"now."))
    checked = run(data, "feeds", "check", "Points watch")
    assert checked.returncode == 0, checked.stderr
    assert "Feed Points watch: 2026.12.1 → 2026.12.2: 2 changed." in checked.stdout

    assert run(data, "feeds", "remove", "Points watch").returncode == 0
    gone = run(data, "feeds", "remove", "Points watch")
    assert gone.returncode == 1 and "no feed has this name" in gone.stderr
    assert "No feeds subscribed" in run(data, "feeds", "list").stdout
    assert run(data, "feeds", "add", url).returncode == 2  # --key is required


def catalog_file(tmp_path: Path, change: Any) -> str:
    doc = json.loads(json.dumps(BUNDLED))
    doc["catalog_version"] = "2027.01.01"
    change(doc)
    path = tmp_path / "update.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def active_version(data: Path) -> str:
    listed = json.loads(run(data, "catalog", "versions", "--format", "json").stdout)
    return next(v["catalog_version"] for v in listed if v["active"])


def test_an_import_that_removes_projects_needs_allow_removals(tmp_path: Path) -> None:
    data = tmp_path / "data"
    file = catalog_file(tmp_path, lambda d: d["projects"].pop())
    refused = run(data, "catalog", "import", file)
    removed = BUNDLED["projects"][-1]["name"]["name"]
    assert refused.returncode == 1
    assert f"it would remove 1 project: {removed}" in refused.stderr
    assert "--allow-removals" in refused.stderr
    assert active_version(data) == BUNDLED["catalog_version"]
    done = run(data, "catalog", "import", file, "--allow-removals")
    assert done.returncode == 0 and f"Removed: {removed}" in done.stdout
    assert "unverified: the file is not signed" in done.stdout
    [_, new] = json.loads(run(data, "catalog", "versions", "--format", "json").stdout)
    assert new["verification"] == "unverified" and new["active"]


def test_an_empty_catalog_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "projects").returncode == 0  # the bundled catalog is stored
    file = catalog_file(tmp_path, lambda d: d.update(projects=[]))
    refused = run(data, "catalog", "import", file, "--allow-removals")
    assert refused.returncode == 1 and "the catalog has no projects" in refused.stderr
    assert active_version(data) == BUNDLED["catalog_version"]


def test_an_unsigned_import_may_not_change_official_domains_unasked(tmp_path: Path) -> None:
    data = tmp_path / "data"

    def move(doc: dict[str, Any]) -> None:
        doc["projects"][0]["official_sites"] = ["starknet-claim.example"]

    file = catalog_file(tmp_path, move)
    refused = run(data, "catalog", "import", file)
    assert refused.returncode == 1 and "official domains of Starknet" in refused.stderr
    assert "--allow-domain-change" in refused.stderr
    assert active_version(data) == BUNDLED["catalog_version"]
    done = run(data, "catalog", "import", file, "--allow-domain-change")
    assert done.returncode == 0 and "official sites" in done.stdout


def test_a_bidi_rename_is_refused_and_a_plain_rename_is_in_the_diff(tmp_path: Path) -> None:
    data = tmp_path / "data"

    def rename(text: str) -> Any:
        return lambda doc: doc["projects"][0]["name"].update(name=text)

    refused = run(data, "catalog", "import", catalog_file(tmp_path, rename("Stark\u202enet")))
    assert refused.returncode == 1
    assert "project 'starknet': field 'name.name'" in refused.stderr
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in refused.stderr
    done = run(data, "catalog", "import", catalog_file(tmp_path, rename("StarkNet")))
    assert done.returncode == 0
    assert "StarkNet: name Starknet → StarkNet" in done.stdout

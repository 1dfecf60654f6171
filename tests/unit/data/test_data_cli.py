"""The command line for catalog updates, export/import and backups, as a user runs it.

Every command: exit 0 and a plain report on success; exit 1 and one line on stderr on
failure; exit 2 for a usage mistake.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from data_helpers import folder_state, make_data

from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.userdata import snapshot


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(data_dir)],
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def ok(data_dir: Path, *args: str) -> str:
    result = run(data_dir, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def fails(data_dir: Path, *args: str, code: int = 1) -> str:
    result = run(data_dir, *args)
    assert result.returncode == code, (result.stdout, result.stderr)
    if code == 1:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("airdrop-desk ")
    return result.stderr


def test_help_lists_the_commands(tmp_path: Path) -> None:
    text = ok(tmp_path, "--help")
    for command in ("catalog", "export", "import", "backup"):
        assert f"    {command} " in text


def test_export_and_import_round_trip(data: Paths, tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    report = ok(data.data_dir, "export", "--format", "json", "--out", str(out))
    assert f"to {out}" in report and "exchange keys are not exported" in report
    ok(data.data_dir, "export", "--format", "csv", "--out", str(tmp_path / "mine.zip"))
    ok(data.data_dir, "export", "--format", "csv", "--out", str(tmp_path / "mine-csv"))
    for source in ("mine.json", "mine.zip", "mine-csv"):
        target = tmp_path / f"into-{source}"
        report = ok(target, "import", str(tmp_path / source))
        assert report.startswith("Imported ")
        assert snapshot(target / "airdrop-desk.sqlite3") == snapshot(data.database)
    again = ok(data.data_dir, "import", str(out))
    assert "-before-import.sqlite3" in again


def test_export_and_import_failures(data: Paths, fresh: Paths, tmp_path: Path) -> None:
    assert "the following arguments are required: --format" in fails(
        data.data_dir, "export", "--out", "x.json", code=2
    )
    assert "there is no data to export yet" in fails(
        fresh.data_dir, "export", "--format", "json", "--out", str(tmp_path / "x.json")
    )
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    assert "new or empty folder" in fails(
        data.data_dir, "export", "--format", "csv", "--out", str(busy)
    )
    before = folder_state(data.data_dir)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "airdrop-desk-data", "format_version": 1, "schema": [', "utf-8")
    assert "bad.json: not valid JSON" in fails(data.data_dir, "import", str(bad))
    assert "cannot read the file" in fails(data.data_dir, "import", str(tmp_path / "no.json"))
    assert folder_state(data.data_dir) == before
    fails(data.data_dir, "import", code=2)


def test_backup_commands(data: Paths) -> None:
    created = ok(data.data_dir, "backup", "create")
    assert created.startswith("Created airdrop-desk-") and "-manual.sqlite3" in created
    listing = ok(data.data_dir, "backup", "list")
    assert "manual" in listing and "1 backup(s)" in listing and "the newest 14 are kept" in listing
    [entry] = json.loads(ok(data.data_dir, "backup", "list", "--format", "json"))
    restored = ok(data.data_dir, "backup", "restore", entry["name"])
    assert restored.startswith(f"Restored {entry['name']}.")
    assert "-before-restore.sqlite3" in restored
    assert ok(data.data_dir, "backup", "restore", "--latest").startswith("Restored ")
    assert "No backup named 'nope'" in fails(data.data_dir, "backup", "restore", "nope")
    fails(data.data_dir, "backup", "restore", code=2)
    fails(data.data_dir, "backup", "restore", "x", "--latest", code=2)


def test_backup_restore_after_damage_keeps_the_damaged_file(data: Paths) -> None:
    ok(data.data_dir, "backup", "create")
    blob = bytearray(data.database.read_bytes())
    blob[8192:8492] = b"\x5a" * 300
    data.database.write_bytes(bytes(blob))
    assert "cannot be read as a database" in fails(data.data_dir, "backup", "create")
    report = ok(data.data_dir, "backup", "restore", "--latest")
    assert "The damaged file was set aside as airdrop-desk-damaged-" in report
    aside = [
        p
        for p in data.data_dir.iterdir()
        if p.name.startswith("airdrop-desk-damaged-") and p.suffix == ".sqlite3"
    ]
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(blob)
    ok(data.data_dir, "projects")  # the app works again


def test_backup_create_without_data(fresh: Paths) -> None:
    assert "no Airdrop Desk data" in fails(fresh.data_dir, "backup", "create")
    assert not fresh.database.exists()


def test_catalog_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    doc = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    doc["catalog_version"] = "2027.01.01"
    doc["projects"][0]["tier"] = "past"
    new = tmp_path / "newer.json"
    new.write_text(json.dumps(doc), encoding="utf-8")
    report = ok(data, "catalog", "import", str(new))
    assert report.splitlines()[:2] == [
        "Imported catalog 2027.01.01 (version #2, 26 projects, from newer.json, "
        "unverified: the file is not signed).",
        "Catalog 2026.12.06 → 2027.01.01: 1 changed.",
    ]
    assert "Starknet: tier Confirmed → Past airdrop" in report
    versions = ok(data, "catalog", "versions")
    assert "*  2   2027.01.01" in versions and "2 version(s)" in versions
    listed = json.loads(ok(data, "catalog", "versions", "--format", "json"))
    assert [v["active"] for v in listed] == [False, True]
    back = ok(data, "catalog", "rollback")
    assert back.startswith("Rolled back to catalog 2026.12.06")
    assert "no earlier catalog version" in fails(data, "catalog", "rollback")
    changes = json.loads(ok(data, "catalog", "import", str(new), "--format", "json"))
    assert changes["stored"] is False and changes["changes"]["changed"][0]["id"] == "starknet"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b'{"schema_version": 7}', "missing field 'catalog_version'"),
        ("{}".encode("utf-16"), "UTF-16"),
    ],
)
def test_catalog_import_failures(tmp_path: Path, content: bytes, expected: str) -> None:
    data = make_data(tmp_path / "data").data_dir
    before = folder_state(data)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert expected in fails(data, "catalog", "import", str(bad))
    assert "only https://" in fails(data, "catalog", "import", "http://example.com/c.json")
    assert folder_state(data) == before
    fails(data, "catalog", "import", code=2)

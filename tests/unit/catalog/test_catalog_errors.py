"""Broken catalog files are refused with a message naming the file, project and field.

Each case writes the bundled catalog with one mutation into a temporary folder.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from airdrop_desk.catalog import CatalogError, load_catalog
from airdrop_desk.resources import bundled_catalog_path

BAD_NAME = "broken-catalog.json"
Mutation = Callable[[dict[str, Any]], object]


@pytest.fixture(scope="module")
def bundled() -> dict[str, Any]:
    return json.loads(bundled_catalog_path().read_bytes())


def project(data: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in data["projects"] if p["id"] == pid)


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / BAD_NAME
    path.write_bytes(data)
    return path


def mutated(bundled: dict[str, Any], mutation: Mutation) -> bytes:
    data = copy.deepcopy(bundled)
    mutation(data)
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def refused(path: Path) -> str:
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    return str(info.value)


def test_the_unmutated_catalog_loads(bundled: dict[str, Any], tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, mutated(bundled, lambda d: None)))
    assert len(catalog.projects) == 26


# (case, mutation, project id, how the message names the field, what it says is wrong)
PROJECT_CASES: list[tuple[str, Mutation, str, str, str]] = [
    (
        "score-type",
        lambda d: project(d, "linea")["score"].update(value="90"),
        "linea",
        "field 'score.value'",
        "expected a whole number, got text",
    ),
    (
        "score-101",
        lambda d: project(d, "linea")["score"].update(value=101),
        "linea",
        "field 'score.value'",
        "expected a whole number of at most 100",
    ),
    (
        "unknown-field",
        lambda d: project(d, "taiko").update(colour="red"),
        "taiko",
        "unknown field 'colour'",
        "unknown field",
    ),
    (
        "missing-field",
        lambda d: project(d, "aztec").pop("tier"),
        "aztec",
        "missing field 'tier'",
        "missing field",
    ),
    (
        "missing-nested",
        lambda d: project(d, "starknet")["events"][1].pop("label"),
        "starknet",
        "field 'events[1]'",
        "missing field 'label'",
    ),
    (
        "duplicate-id",
        lambda d: project(d, "taiko").update(id="linea"),
        "linea",
        "field 'id'",
        "used twice",
    ),
    (
        "competitor-link",
        lambda d: project(d, "starknet")["competitors"][0].update(project_id="nowhere"),
        "starknet",
        "field 'competitors[0].project_id'",
        "unknown project 'nowhere'",
    ),
    (
        "unknown-source",
        lambda d: project(d, "taiko")["token"]["sources"].append("no-such-source"),
        "taiko",
        "field 'token.sources'",
        "unknown source 'no-such-source'",
    ),
    (
        "impossible-date",
        lambda d: project(d, "starknet")["events"][0].update(date="2024-02-30"),
        "starknet",
        "field 'events[0].date'",
        "'2024-02-30' is not a real date",
    ),
    (
        "bad-tier",
        lambda d: project(d, "peaq").update(tier="maybe"),
        "peaq",
        "field 'tier'",
        "'maybe'",
    ),
    # Every number has a bound the database can hold (SQLite stops at 2**63).
    (
        "raised-too-large",
        lambda d: project(d, "starknet")["raised"].update(usd=10**40),
        "starknet",
        "field 'raised.usd'",
        "of at most 10000000000000",
    ),
    (
        "raised-past-sqlite",
        lambda d: project(d, "starknet")["raised"].update(usd=2**63),
        "starknet",
        "field 'raised.usd'",
        "of at most 10000000000000",
    ),
    (
        "valuation-too-large",
        lambda d: project(d, "movement").update(valuation={"usd": 10**14, "wording": "x"}),
        "movement",
        "field 'valuation.usd'",
        "of at most 10000000000000",
    ),
    (
        "raised-negative",
        lambda d: project(d, "starknet")["raised"].update(usd=-1),
        "starknet",
        "field 'raised.usd'",
        "of at least 0",
    ),
    (
        "score-negative",
        lambda d: project(d, "taiko")["score"].update(value=-5),
        "taiko",
        "field 'score.value'",
        "of at least 0",
    ),
    (
        "unknown-status",
        lambda d: project(d, "extended").update(status="live"),
        "extended",
        "field 'status'",
        "'live'",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "pid", "field", "problem"),
    [case[1:] for case in PROJECT_CASES],
    ids=[case[0] for case in PROJECT_CASES],
)
def test_project_problem_named_precisely(
    bundled: dict[str, Any], tmp_path: Path, mutation: Mutation, pid: str, field: str, problem: str
) -> None:
    message = refused(write(tmp_path, mutated(bundled, mutation)))
    assert message.startswith(f"{BAD_NAME}: ")
    assert f"project '{pid}'" in message
    assert field in message
    assert problem in message


def first_web_source(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["sources"] if s.get("url"))


CATALOG_CASES: list[tuple[str, Mutation, str, str]] = [
    (
        "http-url",
        lambda d: first_web_source(d).update(url="http://example.com/page"),
        "field 'sources[blockhead-2024-02-15].url'",
        "must start with https://",
    ),
    (
        "source-date",
        lambda d: first_web_source(d).update(date="2024-13"),
        "field 'sources[blockhead-2024-02-15].date'",
        "'2024-13' is not a real date",
    ),
    (
        "empty-title",
        lambda d: d["sources"][2].update(title=""),
        "field 'sources[2].title'",
        "expected text of at least 1 character",
    ),
    (
        "schema-version",
        lambda d: d.update(schema_version=2),
        "field 'schema_version'",
        "schema version 2 is not supported",
    ),
    (
        "schema-version-huge",
        lambda d: d.update(schema_version=10**40),
        "field 'schema_version'",
        "of at most 2147483648",
    ),
    (
        "article-source",
        lambda d: d.update(article_source="elsewhere"),
        "field 'article_source'",
        "unknown source 'elsewhere'",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "field", "problem"),
    [case[1:] for case in CATALOG_CASES],
    ids=[case[0] for case in CATALOG_CASES],
)
def test_catalog_level_problem_named_precisely(
    bundled: dict[str, Any], tmp_path: Path, mutation: Mutation, field: str, problem: str
) -> None:
    message = refused(write(tmp_path, mutated(bundled, mutation)))
    assert message.startswith(f"{BAD_NAME}: ")
    assert "project '" not in message
    assert field in message
    assert problem in message


def latin1(raw: bytes) -> bytes:
    fixed = raw.replace(b'"Tiger Global"', '"Tigér Global"'.encode("latin-1"))
    assert fixed != raw
    return fixed


FILE_CASES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("truncated", lambda raw: raw[: len(raw) // 2], "not valid JSON"),
    ("not-utf8", latin1, "not UTF-8 text (byte 0xe9 on line"),
    ("empty", lambda raw: b"", "the file is empty"),
    ("array", lambda raw: b"[]", "expected an object, got a list"),
    (
        "projects-array",
        lambda raw: json.dumps(json.loads(raw)["projects"]).encode(),
        "expected an object, got a list",
    ),
    ("binary", lambda raw: bytes(range(256)), "not valid JSON"),
]


@pytest.mark.parametrize(
    ("damage", "problem"), [case[1:] for case in FILE_CASES], ids=[case[0] for case in FILE_CASES]
)
def test_unreadable_file_named(
    tmp_path: Path, damage: Callable[[bytes], bytes], problem: str
) -> None:
    raw = bundled_catalog_path().read_bytes()
    message = refused(write(tmp_path, damage(raw)))
    assert message.startswith(f"{BAD_NAME}: ")
    assert problem in message
    assert "Traceback" not in message


def test_missing_file_named_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    message = refused(path)
    assert str(path) in message
    assert "cannot read the file" in message


def run_app(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "airdrop_desk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("use_command", [False, True], ids=["window", "projects-command"])
def test_app_refuses_a_bad_catalog(
    bundled: dict[str, Any], tmp_path: Path, use_command: bool
) -> None:
    bad = write(
        tmp_path, mutated(bundled, lambda d: project(d, "linea")["score"].update(value=101))
    )
    shot = tmp_path / "out.png"
    data_dir = tmp_path / "data"
    if use_command:
        result = run_app("projects", "--catalog", str(bad), "--data-dir", str(data_dir))
    else:
        result = run_app(
            "--catalog", str(bad), "--screenshot", str(shot), "--data-dir", str(data_dir)
        )
    assert result.returncode == 1, result.stderr
    assert f"{BAD_NAME}: project 'linea': field 'score.value'" in result.stderr
    assert "expected a whole number of at most 100" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not shot.exists()
    assert not data_dir.exists()  # nothing was written for a catalog that cannot load


@pytest.mark.parametrize("command", ["projects", "import"])
def test_an_amount_past_what_the_database_holds_is_refused_plainly(
    bundled: dict[str, Any], tmp_path: Path, command: str
) -> None:
    """A raise of 10**40 USD once passed validation and failed inside SQLite with a
    traceback; now the file is refused with the project and field named."""
    bad = write(
        tmp_path,
        mutated(bundled, lambda d: project(d, "starknet")["raised"].update(usd=10**40)),
    )
    data_dir = tmp_path / "data"
    if command == "projects":
        result = run_app("projects", "--catalog", str(bad), "--data-dir", str(data_dir))
    else:
        result = run_app("catalog", "import", str(bad), "--data-dir", str(data_dir))
    assert result.returncode == 1, result.stderr
    assert f"{BAD_NAME}: project 'starknet': field 'raised.usd'" in result.stderr
    assert "of at most 10000000000000" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [[], ["projects"]], ids=["window", "projects-command"])
def test_app_reports_a_missing_catalog_file(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere.json"
    shot = tmp_path / "out.png"
    result = run_app(
        *command,
        "--catalog",
        str(missing),
        "--data-dir",
        str(tmp_path / "data"),
        *([] if command else ["--screenshot", str(shot)]),
    )
    assert result.returncode == 1, result.stderr
    assert f"{missing}: cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not shot.exists()


def test_a_utf8_byte_order_mark_is_accepted(tmp_path) -> None:
    raw = bundled_catalog_path().read_bytes()
    target = tmp_path / "with-bom.json"
    target.write_bytes(b"\xef\xbb\xbf" + raw)
    assert len(load_catalog(target).projects) == 26


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\t ", "the file is empty"),
        ('{"a": 1}'.encode("utf-16"), "UTF-16"),
    ],
)
def test_empty_and_utf16_files_are_named_plainly(tmp_path, content, reason) -> None:
    target = tmp_path / "catalog.json"
    target.write_bytes(content)
    with pytest.raises(CatalogError) as caught:
        load_catalog(target)
    assert reason in str(caught.value) and "catalog.json" in str(caught.value)

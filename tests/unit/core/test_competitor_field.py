"""The "competitor" filter: which projects compete with a given one.

Added as the recipe for a catalog field says (one declaration in ``core.fields``): the
engine, the window's picker and ``airdrop-desk projects --competitor`` follow from it,
and its value is kept in the row's extra JSON, so the database needed no migration.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path


@pytest.fixture(scope="module")
def index() -> ProjectIndex:
    """Over the bundled catalog's article section, which the expected lists are typed from."""
    projects = load_catalog(bundled_catalog_path()).projects
    return ProjectIndex.from_projects(p for p in projects if p.section == "From the article")


def names(index: ProjectIndex, spec: FilterSpec) -> list[str]:
    return [index.rows[i].name for i in index.filter(spec)]


@pytest.mark.parametrize(
    ("competitor", "expected"),
    [
        ("Polygon zkEVM", ["Starknet", "Scroll", "Linea", "Taiko"]),
        ("polygon ZKEVM", ["Starknet", "Scroll", "Linea", "Taiko"]),  # any case
        ("Railgun", ["Ten", "Aztec"]),
        ("Solana", ["peaq"]),  # Solana the competitor, not the narrative
        ("Polygon", []),  # a whole name, not a part of one
    ],
)
def test_projects_competing_with(index: ProjectIndex, competitor: str, expected: list[str]) -> None:
    assert names(index, FilterSpec(competitor=competitor)) == expected


def test_the_picker_offers_competitors_with_counts(index: ProjectIndex) -> None:
    competitors = index.facet_values()["competitor"]
    assert competitors[:5] == [
        ("Polygon zkEVM", 4),
        ("Linea", 3),
        ("Scroll", 3),
        ("Starknet", 3),
        ("Taiko", 3),
    ]
    for value, count in competitors:
        assert len(index.filter(FilterSpec(competitor=value))) == count, value


def test_stored_and_read_back_from_the_database(tmp_path: Path) -> None:
    loaded = ensure_catalog(Paths(tmp_path), bundled_catalog_path())
    index = ProjectIndex(loaded.rows)
    assert names(index, FilterSpec(competitor="Railgun")) == ["Ten", "Aztec"]
    assert ("Polygon zkEVM", 4) in loaded.facets()["competitor"]
    loaded.reader.close()


def test_on_the_command_line(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "airdrop_desk", "projects", "--competitor", "Taiko"]
    result = subprocess.run(
        [*command, "--format", "json", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [r["name"] for r in json.loads(result.stdout)] == ["Starknet", "Scroll", "Linea"]

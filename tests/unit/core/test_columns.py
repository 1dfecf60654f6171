"""The project table's columns: money formatting and sorting, as the table shows them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import msgspec
import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.columns import COLUMN_KEYS, COLUMNS, Column, SortRanks, format_usd
from airdrop_desk.core.domain import TIERS, Catalog, Project
from airdrop_desk.core.fields import STATUS_ORDER
from airdrop_desk.core.fields import project_row as row_from_project
from airdrop_desk.core.rows import ProjectRow
from airdrop_desk.resources import bundled_catalog_path


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (None, "—"),
        (0, "$0"),
        (999, "$999"),
        (1_000, "$1K"),
        (1_500, "$1.5K"),
        (999_949, "$999.9K"),
        (999_999, "$1M"),  # never "$1000K"
        (1_000_000, "$1M"),
        (3_400_000, "$3.4M"),
        (6_000_000, "$6M"),
        (6_700_000, "$6.7M"),
        (1_049_999, "$1M"),
        (450_000_000, "$450M"),
        (999_950_000, "$1B"),
        (1_800_000_000, "$1.8B"),
        (8_000_000_000, "$8B"),
        (12_345_000_000_000, "$12345B"),
    ],
)
def test_format_usd(amount: int | None, shown: str) -> None:
    assert format_usd(amount) == shown


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The bundled catalog's article section: the expected lists below are typed from it
    (the live section has tests of its own)."""
    bundled = load_catalog(bundled_catalog_path())
    article = [p for p in bundled.projects if p.section == "From the article"]
    return msgspec.structs.replace(bundled, projects=article)


@pytest.fixture(scope="module")
def projects(catalog: Catalog) -> list[Project]:
    return list(catalog.projects)


@pytest.fixture(scope="module")
def rows(projects: list[Project]) -> list[ProjectRow]:
    return [row_from_project(p) for p in projects]


def column(key: str) -> Column:
    return COLUMNS[COLUMN_KEYS.index(key)]


def sort(
    rows: list[ProjectRow], key: str, descending: bool, subset: list[int] | None = None
) -> list[int]:
    subset = list(range(len(rows))) if subset is None else subset
    return SortRanks(rows).sort(subset, COLUMN_KEYS.index(key), descending)


def sorted_names(
    rows: list[ProjectRow], key: str, descending: bool, subset: list[int] | None = None
) -> list[str]:
    return [rows[i].name for i in sort(rows, key, descending, subset)]


def test_columns_shown_in_the_table() -> None:
    assert [c.title for c in COLUMNS] == [
        "Project",
        "Tier",
        "Score",
        "Raised",
        "Narratives",
        "Token",
        "From",
        "Status",
    ]
    assert [c.key for c in COLUMNS if c.numeric] == ["score", "raised"]


@pytest.mark.parametrize(
    ("pid", "key", "shown"),
    [
        ("starknet", "score", "92%"),
        ("layerzero", "score", "—"),
        ("dymension", "raised", "$6.7M"),
        ("ten", "raised", "—"),
        ("arbitrum", "tier", "Past airdrop"),
        ("aztec", "status", "Token sale"),
        ("astria", "token", "—"),
        ("peaq", "narratives", "Layer 1, DePIN"),
        ("uniswap", "narratives", ""),
    ],
)
def test_cell_text(rows: list[ProjectRow], pid: str, key: str, shown: str) -> None:
    row = next(r for r in rows if r.id == pid)
    assert column(key).display(row) == shown


SORTED = {
    ("name", False): [
        "Arbitrum",
        "Astria",
        "Avail",
        "Aztec",
        "Dymension",
        "Eclipse",
        "LayerZero",
        "Linea",
        "Movement",
        "Parcl",
        "peaq",
        "Scroll",
        "Starknet",
        "Taiko",
        "Ten",
        "Token Metrics",
        "Uniswap",
        "ZetaChain",
        "ZKsync",
    ],
    ("tier", True): [
        "Arbitrum",
        "Uniswap",
        "Token Metrics",
        "Eclipse",
        "Taiko",
        "Aztec",
        "ZKsync",
        "ZetaChain",
        "Astria",
        "Scroll",
        "Linea",
        "Ten",
        "Avail",
        "Parcl",
        "Starknet",
        "peaq",
        "Dymension",
        "Movement",
        "LayerZero",
    ],
    # numeric columns: "ascending" reads like a ranking, best first
    ("score", False): [
        "Eclipse",
        "Starknet",
        "Linea",
        "Taiko",
        "peaq",
        "Scroll",
        "Ten",
        "Aztec",
        "ZKsync",
        "ZetaChain",
        "Dymension",
        "Avail",
        "Astria",
        "Movement",
        "Parcl",
        "LayerZero",
        "Token Metrics",
        "Arbitrum",
        "Uniswap",
    ],
    ("score", True): [
        "Parcl",
        "Movement",
        "Dymension",
        "Avail",
        "Astria",
        "peaq",
        "Scroll",
        "Ten",
        "Aztec",
        "ZKsync",
        "ZetaChain",
        "Linea",
        "Taiko",
        "Starknet",
        "Eclipse",
        "LayerZero",
        "Token Metrics",
        "Arbitrum",
        "Uniswap",
    ],
    ("raised", False): [  # Linea's $450M was ConsenSys's: Linea's raise is not known
        "ZKsync",
        "LayerZero",
        "Scroll",
        "Starknet",
        "Aztec",
        "ZetaChain",
        "Taiko",
        "Eclipse",
        "Dymension",
        "peaq",
        "Astria",
        "Parcl",
        "Movement",
        "Linea",
        "Ten",
        "Avail",
        "Token Metrics",
        "Arbitrum",
        "Uniswap",
    ],
    ("raised", True): [
        "Movement",
        "Parcl",
        "Astria",
        "peaq",
        "Dymension",
        "Eclipse",
        "Taiko",
        "ZetaChain",
        "Starknet",
        "Aztec",
        "LayerZero",
        "Scroll",
        "ZKsync",
        "Linea",
        "Ten",
        "Avail",
        "Token Metrics",
        "Arbitrum",
        "Uniswap",
    ],
}


@pytest.mark.parametrize(("key", "descending"), list(SORTED))
def test_sorted_table(rows: list[ProjectRow], key: str, descending: bool) -> None:
    assert sorted_names(rows, key, descending) == SORTED[key, descending]


# Each column's raw value, worked out here from the project itself; None is "missing".
RAW: dict[str, Callable[[Project], Any]] = {
    "name": lambda p: p.name.name.casefold(),
    "tier": lambda p: TIERS.index(p.tier),
    "score": lambda p: -p.score.value if p.score else None,  # best first when ascending
    "raised": lambda p: -p.raised.usd if p.raised else None,
    "narratives": lambda p: ", ".join(p.narratives).casefold() or None,
    "token": lambda p: p.token.symbol if p.token else None,
    "status": lambda p: STATUS_ORDER[p.status] if p.status else None,  # lifecycle order
    "origin": lambda p: None,  # the catalog's own projects: "From" is empty
}


def without_status(rows: list[ProjectRow], ids: set[str]) -> list[ProjectRow]:
    return [r._replace(status=None) if r.id in ids else r for r in rows]


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", COLUMN_KEYS)
def test_missing_values_last_and_ties_in_catalog_order(
    projects: list[Project], rows: list[ProjectRow], key: str, descending: bool
) -> None:
    gone = {"starknet", "scroll"}  # the catalog has every status: take two away
    projects = [msgspec.structs.replace(p, status=None) if p.id in gone else p for p in projects]
    assert set(RAW) == set(COLUMN_KEYS)
    order = sort(without_status(rows, gone), key, descending)
    assert sorted(order) == list(range(len(projects)))
    values = [RAW[key](projects[i]) for i in order]
    present = [v for v in values if v is not None]
    missing_at = len(present)
    assert all(v is None for v in values[missing_at:]), "a missing value sorts before a value"
    assert order[missing_at:] == sorted(order[missing_at:]), "missing rows leave catalog order"
    assert present == sorted(present, reverse=descending)
    for a, b in itertools.pairwise(order[:missing_at]):
        if RAW[key](projects[a]) == RAW[key](projects[b]):
            assert a < b, f"tie between {projects[a].id} and {projects[b].id} reordered"


@pytest.mark.parametrize("descending", [False, True])
def test_status_missing_last(rows: list[ProjectRow], descending: bool) -> None:
    changed = without_status(rows, {"starknet", "scroll"})
    assert sorted_names(changed, "status", descending)[-2:] == ["Starknet", "Scroll"]


@pytest.mark.parametrize("descending", [False, True])
def test_token_missing_last(rows: list[ProjectRow], descending: bool) -> None:
    shown = sorted_names(rows, "token", descending)
    assert shown[-1] == "Astria"
    assert shown[0] == ("LayerZero" if descending else "Arbitrum")  # ZRO / ARB


@pytest.mark.parametrize(
    ("descending", "expected"),
    [
        (False, ["Starknet", "Linea", "Taiko", "Scroll"]),
        (True, ["Scroll", "Linea", "Taiko", "Starknet"]),
    ],
)
def test_sorting_a_filtered_subset_keeps_only_those_rows(
    rows: list[ProjectRow], descending: bool, expected: list[str]
) -> None:
    tyco = [0, 5, 6, 11]  # Starknet, Scroll, Linea, Taiko: what a "tyco" search shows
    assert sorted_names(rows, "score", descending, tyco) == expected


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", COLUMN_KEYS)
def test_any_subset_sorts_like_the_full_table(
    rows: list[ProjectRow], key: str, descending: bool
) -> None:
    full = sort(rows, key, descending)
    ranks = SortRanks(rows)
    for step in (2, 3, 5):
        subset = list(range(len(rows)))[::-1][::step]  # any order in, sorted order out
        expected = [i for i in full if i in subset]
        assert ranks.sort(subset, COLUMN_KEYS.index(key), descending) == expected

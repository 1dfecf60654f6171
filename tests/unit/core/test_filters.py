"""The filter engine over the bundled catalog, as the filter bar and the CLI use it.

Expected project lists are typed in from the catalog (catalog order), never computed
from the engine, so a change in matching shows up as a changed list of names.
"""

from __future__ import annotations

import random

import msgspec
import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.domain import Catalog
from airdrop_desk.core.fields import project_row as row_from_project
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.resources import bundled_catalog_path

M = 1_000_000


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The bundled catalog's article section: the expected lists below are typed from it
    (the live section has tests of its own)."""
    bundled = load_catalog(bundled_catalog_path())
    article = [p for p in bundled.projects if p.section == "From the article"]
    return msgspec.structs.replace(bundled, projects=article)


@pytest.fixture
def index(catalog: Catalog) -> ProjectIndex:
    return ProjectIndex.from_projects(catalog.projects)


def names(index: ProjectIndex, spec: FilterSpec) -> list[str]:
    return [index.rows[i].name for i in index.filter(spec)]


def test_default_spec_shows_every_project_in_catalog_order(index: ProjectIndex) -> None:
    assert FilterSpec().is_default()
    assert not FilterSpec(has_points=True).is_default()
    assert index.filter(FilterSpec()) == list(range(19))
    assert len(index) == 19


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # names, and names printed (garbled) by the article
        ("Dymension", ["Dymension"]),
        ("Starknet", ["Starknet", "Scroll", "Linea", "ZKsync"]),  # + those naming it a rival
        ("Tyco", ["Starknet", "Scroll", "Linea", "Taiko"]),  # Taiko's alias + competitor lists
        ("Linear", ["Starknet", "Linea"]),  # Linea's alias + Starknet's competitor list
        ("Obscuro", ["Ten"]),
        ("Obscura", ["Ten", "Aztec"]),  # Aztec lists "Ten (formerly Obscura)" as competitor
        ("Askec", ["Ten", "Aztec"]),
        ("ZkSync", ["ZKsync"]),
        ("Zetachain", ["ZetaChain"]),
        # investors, by meant name and by printed name
        ("Taka Global", ["Starknet"]),
        ("Tiger Global", ["Starknet"]),
        ("Paradigm", ["Starknet"]),
        ("Qcoin", ["Ten", "Taiko"]),
        # narratives
        ("DePIN", ["peaq"]),
        ("privacy", ["Ten", "Aztec"]),
        ("shared sequencers", ["Astria"]),
        # competitors
        ("Railgun", ["Ten", "Aztec"]),
        ("Celestia", ["Avail"]),  # Astria's ecosystem is Celestia, but ecosystems are a facet
        # token symbols
        ("STRK", ["Starknet"]),
        ("TMAI", ["Token Metrics"]),
        # nothing
        ("no such project", []),
    ],
)
def test_text_search(index: ProjectIndex, query: str, expected: list[str]) -> None:
    assert names(index, FilterSpec(text=query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sequoia paradigm", ["Starknet"]),  # Scroll has Sequoia but not Paradigm
        ("paradigm sequoia", ["Starknet"]),
        ("layer 2 privacy", ["Ten", "Aztec"]),
        ("zk linea", ["Starknet", "Linea", "Taiko", "ZKsync"]),
        ("  tyco    scroll ", ["Starknet", "Scroll", "Taiko"]),
        ("tyco depin", []),
    ],
)
def test_every_word_must_match(index: ProjectIndex, query: str, expected: list[str]) -> None:
    assert names(index, FilterSpec(text=query)) == expected


@pytest.mark.parametrize("query", ["tyco", "TYCO", "tYcO", "Tyco"])
def test_search_ignores_case(index: ProjectIndex, query: str) -> None:
    assert names(index, FilterSpec(text=query)) == ["Starknet", "Scroll", "Linea", "Taiko"]


@pytest.mark.parametrize(
    ("tiers", "expected"),
    [
        ({"confirmed"}, ["Starknet", "peaq", "Dymension", "Movement", "LayerZero"]),
        ({"announced", "past"}, ["Token Metrics", "Arbitrum", "Uniswap"]),
        (
            {"confirmed", "likely"},
            [
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
            ],
        ),
    ],
)
def test_tiers(index: ProjectIndex, tiers: set[str], expected: list[str]) -> None:
    assert names(index, FilterSpec(tiers=frozenset(tiers))) == expected


@pytest.mark.parametrize(
    ("low", "expected"),
    [
        (90, ["Starknet", "Linea", "Eclipse", "Taiko"]),
        (94, ["Eclipse"]),
        (95, []),
        (
            88,
            [
                "Starknet",
                "peaq",
                "Scroll",
                "Linea",
                "Ten",
                "Eclipse",
                "Taiko",
                "Aztec",
                "ZKsync",
                "ZetaChain",
            ],
        ),
    ],
)
def test_min_score(index: ProjectIndex, low: int, expected: list[str]) -> None:
    assert names(index, FilterSpec(min_score=low)) == expected


def test_projects_without_a_score_are_excluded_by_any_min_score(index: ProjectIndex) -> None:
    shown = names(index, FilterSpec(min_score=0))
    assert len(shown) == 15
    for unscored in ("LayerZero", "Token Metrics", "Arbitrum", "Uniswap"):
        assert unscored not in shown


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            FilterSpec(narrative="ZK rollups"),
            ["Starknet", "Scroll", "Linea", "Taiko", "Aztec", "ZKsync"],
        ),
        (
            FilterSpec(narrative="zk ROLLUPS"),
            ["Starknet", "Scroll", "Linea", "Taiko", "Aztec", "ZKsync"],
        ),
        (FilterSpec(narrative="Rollups"), ["Dymension", "Ten", "Astria"]),  # exact, not "ZK ..."
        (FilterSpec(narrative="DePIN"), ["peaq"]),
        (FilterSpec(ecosystem="Cosmos"), ["Dymension"]),
        (FilterSpec(ecosystem="solana"), ["Parcl"]),  # Eclipse: Solana narrative, Ethereum eco
        (
            FilterSpec(ecosystem="Ethereum"),
            [
                "Starknet",
                "Movement",
                "Scroll",
                "Linea",
                "Ten",
                "Eclipse",
                "Taiko",
                "Aztec",
                "ZKsync",
            ],
        ),
        (FilterSpec(investor="Paradigm"), ["Starknet"]),
        (FilterSpec(investor="sequoia"), ["Starknet", "Scroll"]),
        (FilterSpec(investor="Global"), []),  # the investor facet is an exact name
        (FilterSpec(has_points=True), ["Scroll", "Linea", "Ten", "Parcl", "Taiko", "ZetaChain"]),
        (FilterSpec(tiers=frozenset({"possible"}), min_score=90, text="zk"), ["Taiko"]),
        (FilterSpec(narrative="Layer 2", investor="Sequoia", text="tyco"), ["Starknet", "Scroll"]),
    ],
)
def test_facets(index: ProjectIndex, spec: FilterSpec, expected: list[str]) -> None:
    assert names(index, spec) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        # Linea's $450M was ConsenSys's Series D: Linea has no raise of its own.
        (100 * M, None, ["Starknet", "LayerZero", "Scroll", "Aztec", "ZKsync"]),
        (None, 10 * M, ["peaq", "Dymension", "Movement", "Parcl", "Astria"]),
        (5 * M, 7 * M, ["peaq", "Dymension", "Astria"]),
        (
            0,
            None,
            [
                "Starknet",
                "peaq",
                "Dymension",
                "Movement",
                "LayerZero",
                "Scroll",
                "Parcl",
                "Eclipse",
                "Taiko",
                "Aztec",
                "ZKsync",
                "ZetaChain",
                "Astria",
            ],
        ),
        (500 * M, None, []),
    ],
)
def test_raised_range(
    index: ProjectIndex, low: int | None, high: int | None, expected: list[str]
) -> None:
    assert names(index, FilterSpec(raised_min=low, raised_max=high)) == expected


def test_unknown_raise_is_excluded_by_a_maximum(index: ProjectIndex) -> None:
    shown = names(index, FilterSpec(raised_max=10**15))
    assert len(shown) == 13
    for undisclosed in ("Linea", "Ten", "Avail", "Token Metrics", "Arbitrum", "Uniswap"):
        assert undisclosed not in shown


QUERIES = [
    "tyco",
    "l2 zk",
    "layer two",
    "zk-rollup",
    "Taka Global",
    "zk linea",
    "Obscuro",
    "layer 2 privacy",
    "  seq  uoia ",
    "a b",
    "lineaX",
    "ß",
    "Linear",
]
FACETS = [
    FilterSpec(),
    FilterSpec(tiers=frozenset({"likely", "possible"})),
    FilterSpec(min_score=89, has_points=True),
    FilterSpec(narrative="Layer 2"),
]


def typing_session(query: str) -> list[str]:
    """Every text the search box shows while ``query`` is typed and then deleted."""
    typed = [query[:i] for i in range(len(query) + 1)]
    return typed + typed[-2::-1]


@pytest.mark.parametrize("base", FACETS, ids=["none", "tiers", "score+points", "narrative"])
def test_typing_gives_the_same_rows_as_a_fresh_index(catalog: Catalog, base: FilterSpec) -> None:
    rows = [row_from_project(p) for p in catalog.projects]
    index = ProjectIndex(rows)
    for query in QUERIES:
        for text in typing_session(query):
            spec = base.with_(text=text)
            fresh = ProjectIndex(rows).filter(spec)
            assert index.filter(spec) == fresh, repr(text)


def test_random_edits_and_facet_changes_match_a_fresh_index(catalog: Catalog) -> None:
    rng = random.Random(20241127)
    alphabet = "abcdeiklnorstyz 2"
    rows = [row_from_project(p) for p in catalog.projects]
    index = ProjectIndex(rows)
    text, base = "", FilterSpec()
    for step in range(3000):
        roll = rng.random()
        if roll < 0.55:  # type a character somewhere
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(alphabet) + text[at:]
        elif roll < 0.95 and text:  # delete a character somewhere
            at = rng.randrange(len(text))
            text = text[:at] + text[at + 1 :]
        else:
            base = rng.choice(FACETS)
        text = text[:12]
        spec = base.with_(text=text)
        assert index.filter(spec) == ProjectIndex(rows).filter(spec), (step, spec)


def test_facet_values(index: ProjectIndex) -> None:
    facets = index.facet_values()
    assert facets["narrative"] == [
        ("Layer 2", 8),
        ("ZK rollups", 6),
        ("Modular", 5),
        ("Rollups", 3),
        ("Appchains", 2),
        ("Cross-chain", 2),
        ("Interoperability", 2),
        ("Layer 1", 2),
        ("Privacy", 2),
        ("Solana", 2),
        ("Aptos", 1),
        ("Data availability", 1),
        ("DePIN", 1),
        ("Move", 1),
        ("Omnichain", 1),
        ("Real-world assets", 1),
        ("Shared sequencers", 1),
        ("Sui", 1),
    ]
    assert facets["ecosystem"] == [
        ("Ethereum", 9),
        ("Celestia", 1),
        ("Cosmos", 1),
        ("Polkadot", 1),
        ("Polygon", 1),
        ("Solana", 1),
    ]
    investors = facets["investor"]
    assert investors[:8] == [
        ("a16z crypto", 2),
        ("Big Brain Holdings", 2),
        ("Cogitent Ventures", 2),
        ("Dragonfly", 2),  # "Dragonfly" and "Dragonfly Capital": one organisation
        ("GSR", 2),
        ("KuCoin", 2),  # "KuCoin Labs" and "KuCoin Ventures"
        ("Sequoia", 2),
        ("Tribe Capital", 2),
    ]
    assert ("Tiger Global", 1) in investors
    assert "Taka Global" not in dict(investors)  # pickers show the meant name only
    assert "Dragonfly Capital" not in dict(investors)
    assert all(count == 1 for _, count in investors[8:])


@pytest.mark.parametrize("facet", ["narrative", "ecosystem", "investor"])
def test_facet_counts_match_the_rows_shown(index: ProjectIndex, facet: str) -> None:
    for value, count in index.facet_values()[facet]:
        assert len(index.filter(FilterSpec(**{facet: value}))) == count, value

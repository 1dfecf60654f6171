"""Search that finds what people type: synonyms, why a project matched, exact matches
first, picker counts that follow the other filters, one investor per organisation and
ranges entered backwards.

Expected lists are typed in from the bundled catalog, never computed by the engine.
"""

from __future__ import annotations

import msgspec
import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.domain import Catalog, Project
from airdrop_desk.core.fields import FACETS
from airdrop_desk.core.filters import FilterSpec, ProjectIndex, Reason, backwards, explain
from airdrop_desk.core.synonyms import expand, organisation, organisation_name
from airdrop_desk.resources import bundled_catalog_path

M = 1_000_000
LAYER_2 = ["Starknet", "Scroll", "Linea", "Ten", "Eclipse", "Taiko", "Aztec", "ZKsync"]
ZK_ROLLUPS = ["Starknet", "Scroll", "Linea", "Taiko", "Aztec", "ZKsync"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The bundled catalog's article section: the expected lists are typed from it (the
    live watchlist has tests of its own)."""
    bundled = load_catalog(bundled_catalog_path())
    article = [p for p in bundled.projects if p.section == "From the article"]
    return msgspec.structs.replace(bundled, projects=article)


@pytest.fixture
def index(catalog: Catalog) -> ProjectIndex:
    return ProjectIndex.from_projects(catalog.projects)


def project(catalog: Catalog, name: str) -> Project:
    return next(p for p in catalog.projects if p.name.name == name)


def names(index: ProjectIndex, spec: FilterSpec) -> list[str]:
    return [index.rows[i].name for i in index.filter(spec)]


def ranked(index: ProjectIndex, spec: FilterSpec) -> list[str]:
    return [index.rows[i].name for i in index.rank(spec, index.filter(spec))]


# -- synonyms ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("L2", LAYER_2),
        ("layer2", LAYER_2),
        ("Layer 2", LAYER_2),
        ("layer-2", LAYER_2),
        ("layer two", LAYER_2),
        ("zk rollup", ZK_ROLLUPS),
        ("zkrollup", ZK_ROLLUPS),
        ("ZK-Rollups", ZK_ROLLUPS),
        ("zero knowledge", ["Starknet", "Scroll", "Linea", "Taiko", "Aztec", "ZKsync"]),
        ("rwa", ["Parcl"]),
        ("real world assets", ["Parcl"]),
        ("decentralized physical infrastructure", ["peaq"]),
        ("appchain", ["Dymension", "Movement"]),
        ("andreessen horowitz", ["Scroll", "Aztec"]),  # a16z crypto
        ("l2 privacy", ["Ten", "Aztec"]),
        ("l1", ["peaq", "ZetaChain"]),
    ],
)
def test_synonyms_find_what_people_type(
    index: ProjectIndex, query: str, expected: list[str]
) -> None:
    assert names(index, FilterSpec(text=query)) == expected


def test_words_spelling_a_synonym_become_one_term() -> None:
    assert expand(["layer", "2", "privacy"]) == [
        ("layer 2", "layer2", "l2", "layer two"),
        ("privacy",),
    ]
    assert expand(["l2"])[0][:2] == ("l2", "layer 2")
    assert expand(["zk", "rollups"]) == [
        ("zk rollups", "zk rollup", "zk-rollup", "zkrollup", "validity rollup")
    ]
    assert expand(["layer"]) == [("layer",)]  # half a phrase is a plain word


# -- why it matched ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "query", "why"),
    [
        ("Starknet", "starknet", [Reason("name", "Starknet")]),
        ("Taiko", "tyco", [Reason("alias", "Tyco")]),
        ("Starknet", "tyco", [Reason("competitor", "Tyco")]),  # how the article printed Taiko
        ("Starknet", "tiger", [Reason("investor", "Tiger Global")]),
        ("Starknet", "taka global", [Reason("investor", "Taka Global")]),
        ("Starknet", "l2", [Reason("narrative", "Layer 2")]),
        ("Starknet", "strk", [Reason("token", "STRK")]),
        (
            "Starknet",
            "sequoia paradigm",
            [Reason("investor", "Sequoia"), Reason("investor", "Paradigm")],
        ),
        ("Starknet", "", []),
    ],
)
def test_each_match_says_why(catalog: Catalog, name: str, query: str, why: list[Reason]) -> None:
    assert explain(project(catalog, name), query) == why


def test_reasons_read_as_people_say_them() -> None:
    assert str(Reason("alias", "Tyco")) == "alias Tyco"
    assert str(Reason("name", "Taiko")) == "name"


# -- exact matches first ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tyco", ["Taiko", "Starknet", "Scroll", "Linea"]),  # Taiko's alias, then rivals
        ("Linea", ["Linea", "Starknet", "Taiko", "ZKsync"]),
        ("linear", ["Linea", "Starknet"]),  # Linea's alias
        ("star", ["Starknet", "Scroll", "Linea", "ZKsync"]),  # no exact name: a name holds it
        ("scroll", ["Scroll", "Starknet", "Taiko", "ZKsync"]),
        ("zk", ["ZKsync", "Starknet", "Scroll", "Linea", "Taiko", "Aztec"]),
    ],
)
def test_exact_name_or_alias_matches_rank_first(
    index: ProjectIndex, query: str, expected: list[str]
) -> None:
    assert ranked(index, FilterSpec(text=query)) == expected


def test_ranking_keeps_the_given_order_within_each_quality(index: ProjectIndex) -> None:
    spec = FilterSpec(text="scroll")
    backwards_order = list(reversed(index.filter(spec)))
    shown = [index.rows[i].name for i in index.rank(spec, backwards_order)]
    assert shown == ["Scroll", "ZKsync", "Taiko", "Starknet"]


def test_no_search_keeps_the_order(index: ProjectIndex) -> None:
    spec = FilterSpec(tiers=frozenset({"confirmed"}))
    rows = index.filter(spec)
    assert index.rank(spec, rows) == rows


# -- picker counts follow the other filters ---------------------------------------------
def test_picker_counts_follow_the_other_filters(index: ProjectIndex) -> None:
    confirmed = FilterSpec(tiers=frozenset({"confirmed"}))
    assert index.facet_counts(confirmed, "investor") == [
        ("Big Brain Holdings", 1),
        ("Borderless Capital", 1),
        ("Cogitent Ventures", 1),
        ("Fundamental Labs", 1),
        ("Paradigm", 1),
        ("Sequoia", 1),  # 2 in the whole catalog: Scroll is not confirmed
        ("Tiger Global", 1),
        ("Token Metrics Ventures", 1),
    ]
    # A picker's own choice does not narrow its counts: the others stay on offer.
    assert index.facet_counts(confirmed.with_(investor="Paradigm"), "investor") == (
        index.facet_counts(confirmed, "investor")
    )
    assert index.facet_counts(FilterSpec(text="l2"), "ecosystem") == [("Ethereum", 8)]


SPECS = [
    FilterSpec(),
    FilterSpec(tiers=frozenset({"confirmed"})),
    FilterSpec(tiers=frozenset({"likely", "possible"}), min_score=89),
    FilterSpec(text="zk", has_points=True),
    FilterSpec(narrative="Layer 2", investor="Sequoia"),
    FilterSpec(raised_min=5 * M, raised_max=200 * M, ecosystem="Ethereum"),
    FilterSpec(text="no such project"),
]


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("key", [fc.key for _, fc in FACETS if fc.kind == "pick"])
def test_no_picker_entry_leads_to_no_rows(index: ProjectIndex, spec: FilterSpec, key: str) -> None:
    offered = index.facet_counts(spec, key)
    for value, count in offered:
        assert count > 0, value
        assert len(index.filter(spec.with_(**{key: value}))) == count, value
    if spec.text == "no such project":
        assert offered == []


# -- one investor per organisation ------------------------------------------------------
@pytest.mark.parametrize(
    ("spelt", "same_as"),
    [
        ("Dragonfly Capital", "dragonfly"),
        ("DRAGONFLY", "Dragonfly"),
        ("KuCoin Labs", "KuCoin Ventures"),
        ("Coinbase Ventures", "Coinbase"),
        ("Foo Digital Investments", "foo"),
        ("Maven 11", "Maven-11"),
    ],
)
def test_spellings_of_one_organisation(spelt: str, same_as: str) -> None:
    assert organisation(spelt) == organisation(same_as)


def test_a_name_is_never_reduced_to_nothing() -> None:
    assert organisation("Capital") == "capital"
    assert organisation("Capital Ventures") == "capital"
    assert organisation("Tiger Global") != organisation("Tiger")
    assert organisation_name("Dragonfly Capital") == "Dragonfly"


@pytest.mark.parametrize("picked", ["Dragonfly", "Dragonfly Capital", "dragonfly capital"])
def test_filtering_by_an_organisation_finds_every_spelling(
    index: ProjectIndex, picked: str
) -> None:
    assert names(index, FilterSpec(investor=picked)) == ["Parcl", "ZKsync"]


def test_the_catalog_keeps_its_printed_names(catalog: Catalog) -> None:
    printed = {ref.name for p in catalog.projects for ref in p.investors}
    assert {"Dragonfly", "Dragonfly Capital"} <= printed


# -- ranges entered backwards -----------------------------------------------------------
def test_a_range_entered_backwards_is_turned_round(index: ProjectIndex) -> None:
    entered = {"raised_min": 7 * M, "raised_max": 5 * M}
    assert [facet.name for facet in backwards(entered)] == ["raised"]
    spec = FilterSpec(**entered)
    assert spec == FilterSpec(raised_min=5 * M, raised_max=7 * M)
    assert names(index, spec) == ["peaq", "Dymension", "Astria"]


def test_a_range_the_right_way_round_is_left_alone() -> None:
    assert backwards({"raised_min": 5 * M, "raised_max": 7 * M}) == []
    assert backwards({"raised_min": 5 * M}) == []
    assert FilterSpec(raised_min=5 * M, raised_max=5 * M).raised_max == 5 * M

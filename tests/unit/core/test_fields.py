"""Catalog fields declared once: amounts people type, saved filters, and what each facet does.

Expected project lists are typed in from the bundled catalog (catalog order).
"""

from __future__ import annotations

import json

import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.fields import (
    CHOICES,
    FACETS,
    FIELDS,
    FILTER_DEFAULTS,
    MIN,
    PICK,
    PROFILE,
    RANGE,
    SEARCH,
    TOGGLE,
    Facet,
    parse_usd,
    parse_yes_no,
)
from airdrop_desk.core.filters import FilterSpec, ProjectIndex, spec_from_json, spec_to_json
from airdrop_desk.resources import bundled_catalog_path

WITH_POINTS = ["Scroll", "Linea", "Ten", "Parcl", "Taiko", "ZetaChain"]


@pytest.fixture(scope="module")
def index() -> ProjectIndex:
    """Over the bundled catalog's article section, which the expected lists are typed from."""
    projects = load_catalog(bundled_catalog_path()).projects
    return ProjectIndex.from_projects(p for p in projects if p.section == "From the article")


def names(index: ProjectIndex, spec: FilterSpec) -> list[str]:
    return [index.rows[i].name for i in index.filter(spec)]


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("250000", 250_000),
        ("200k", 200_000),
        ("1.5M", 1_500_000),
        ("1.5m", 1_500_000),
        ("$3B", 3_000_000_000),
        ("250,000", 250_000),
        (" 0 ", 0),
    ],
)
def test_amounts_as_people_type_them(text: str, usd: int) -> None:
    assert parse_usd(text) == usd


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("abc", "'abc' is not an amount like 250000, 200k, 1.5M or 3B"),
        ("1.5X", "is not an amount like"),
        ("", "is not an amount like"),
        ("-5M", "'-5M' is not an amount of 0 or more"),
        ("nan", "is not an amount of 0 or more"),
    ],
)
def test_amounts_that_are_not_amounts_are_named(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_usd(text)


def test_yes_and_no() -> None:
    assert [parse_yes_no(t) for t in ("yes", "Y", "true", "no", "N ", "false")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(ValueError, match="'maybe' is not yes or no"):
        parse_yes_no("maybe")


def test_points_program_yes_no_and_any(index: ProjectIndex) -> None:
    assert names(index, FilterSpec(has_points=True)) == WITH_POINTS
    without = names(index, FilterSpec(has_points=False))
    assert len(without) == 13
    assert not set(without) & set(WITH_POINTS)
    assert len(names(index, FilterSpec(has_points=None))) == 19


def test_a_spec_names_only_filters_that_exist() -> None:
    with pytest.raises(TypeError, match="no filter named 'colour'"):
        FilterSpec(colour="red")
    assert FilterSpec(narrative=None, tiers=[], text="") == FilterSpec()
    assert FilterSpec(tiers=["likely"]).tiers == frozenset({"likely"})
    assert FilterSpec(min_score=0) != FilterSpec()  # 0% is a filter: projects with a score
    assert FilterSpec(has_points=False) != FilterSpec()


def sample(facet: Facet) -> dict[str, object]:
    """A value that filters, for each key of ``facet``."""
    choices = list(facet.choices or {})
    if facet.kind == RANGE:
        return dict(zip(facet.filter_keys(), (10_000_000, 500_000_000), strict=True))
    value = {
        SEARCH: lambda: "zk",
        CHOICES: lambda: frozenset(choices[:2]),
        PROFILE: lambda: choices[-1],
        MIN: lambda: 80,
        PICK: lambda: "Layer 2",
        TOGGLE: lambda: False,
    }[facet.kind]()
    return {facet.key: value}


def test_every_filter_survives_saving_and_reading_back() -> None:
    values = {k: v for _, facet in FACETS for k, v in sample(facet).items()}
    spec = FilterSpec(**values)
    assert set(spec.facets()) | {"text"} == set(FILTER_DEFAULTS)  # every filter is set
    saved = spec_to_json(spec)
    assert json.loads(saved)["tiers"] == sorted(values["tiers"])  # type: ignore[call-overload]
    assert spec_from_json(saved) == spec


def test_filters_saved_by_an_earlier_version_read_back() -> None:
    earlier = '{"text": "zk", "tiers": ["possible"], "min_score": 89, "has_points": true}'
    assert spec_from_json(earlier) == FilterSpec(
        text="zk", tiers=frozenset({"possible"}), min_score=89, has_points=True
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, FilterSpec()),
        ("", FilterSpec()),
        ("not json", FilterSpec()),
        ("[1, 2]", FilterSpec()),
        ('{"min_score": "high"}', FilterSpec()),  # not written by this app: all dropped
        ('{"tiers": "likely"}', FilterSpec()),
        ('{"text": "zk", "a_filter_since_removed": 3}', FilterSpec(text="zk")),
    ],
)
def test_saved_filters_not_understood_are_dropped(raw: object, expected: FilterSpec) -> None:
    assert spec_from_json(raw) == expected


def test_every_facet_can_be_set_from_the_command_line() -> None:
    flagged = {flag.key for _, facet in FACETS for flag in facet.flags}
    assert flagged == set(FILTER_DEFAULTS)


def test_field_keys_are_unique() -> None:
    keys = [f.key for f in FIELDS]
    assert len(keys) == len(set(keys))
    filter_keys = [k for _, facet in FACETS for k in facet.filter_keys()]
    assert len(filter_keys) == len(set(filter_keys))


def test_pickers_offer_the_most_common_values_only(index: ProjectIndex) -> None:
    """A large catalog can have a value per project; the picker keeps the most common."""
    few = index.facet_values(limit=3)
    assert few["narrative"] == [("Layer 2", 8), ("ZK rollups", 6), ("Modular", 5)]
    assert all(len(values) <= 3 for values in few.values())

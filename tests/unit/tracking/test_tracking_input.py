"""Form input for ticks and claims: impossible dates, negative or non-numeric amounts."""

from __future__ import annotations

import datetime as dt

import pytest

from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.core.tracking import (
    Claim,
    FieldErrors,
    my_status,
    parse_claim,
    parse_date,
    parse_tick_details,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-02-30", "has no day 30"),
        ("2023-02-29", "has no day 29"),
        ("2025-13-01", "no month 13"),
        ("14/03/2025", "YYYY-MM-DD"),
        ("soon", "not a date"),
    ],
)
def test_impossible_dates_are_named(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_date(text)


def test_real_dates_and_empty() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date(" ") is None
    with pytest.raises(ValueError, match="Enter a date"):
        parse_date("", required=True)


def test_tick_details_report_every_bad_field_at_once() -> None:
    with pytest.raises(FieldErrors) as exc:
        parse_tick_details("ok", "not-a-hash", "-0.1", "E T H", "twelve")
    assert set(exc.value.errors) == {"tx", "cost_native", "cost_token", "cost_usd"}
    assert "negative" in exc.value.errors["cost_native"]
    assert "not a number" in exc.value.errors["cost_usd"]
    good = parse_tick_details(" swapped ", "0x" + "ab" * 32, "0.0004", "eth", "$1.20")
    assert (good.note, good.cost_native, good.cost_token, good.cost_usd) == (
        "swapped",
        0.0004,
        "ETH",
        1.2,
    )
    link = parse_tick_details("", "https://starkscan.co/tx/0x1", "", "", "")
    assert link.tx.startswith("https://") and link.cost_native is None


def test_claims() -> None:
    assert parse_claim("claimed", "1,250.5", "strk", "2024-02-21") == Claim(
        "claimed", 1250.5, "STRK", dt.date(2024, 2, 21)
    )
    with pytest.raises(FieldErrors) as exc:
        parse_claim("claimed", "-3", "", "2024-02-31")
    assert set(exc.value.errors) == {"amount", "day"}


def test_my_status_rules_and_the_shared_filter_facet(catalog_rows) -> None:  # type: ignore[no-untyped-def]
    assert my_status(False, 0, 0, None) == "not_tracked"
    assert my_status(True, 4, 4, None) == "done"
    assert my_status(True, 1, 4, Claim("claimed")) == "claimed"
    assert my_status(True, 0, 0, None) == "in_progress"
    index = ProjectIndex(catalog_rows)
    assert len(index.filter(FilterSpec(my_status="not_tracked"))) == 26
    index.set_my_status({"starknet": "in_progress", "scroll": "claimed"})
    assert [catalog_rows[i].id for i in index.filter(FilterSpec(my_status="claimed"))] == ["scroll"]
    not_tracked = index.filter(FilterSpec(my_status="not_tracked"))
    assert len(not_tracked) == 24
    # a new status map re-filters even for the same spec
    index.set_my_status({})
    assert index.filter(FilterSpec(my_status="claimed")) == []


@pytest.fixture
def catalog_rows():  # type: ignore[no-untyped-def]
    from airdrop_desk.catalog.load import parse_catalog
    from airdrop_desk.core.fields import project_row as row_from_project
    from airdrop_desk.resources import bundled_catalog_path

    catalog = parse_catalog(bundled_catalog_path().read_bytes(), "catalog.json")
    return [row_from_project(p) for p in catalog.projects]

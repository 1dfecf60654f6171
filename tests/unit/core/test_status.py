"""A project's status on a given day: the catalog's word, moved on by its dated events."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.domain import Event, Project
from airdrop_desk.core.fields import project_row
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.core.status import span, status_on
from airdrop_desk.core.vocab import FARMABLE, STATUSES
from airdrop_desk.resources import bundled_catalog_path

D = dt.date
# A season with a snapshot, then a claim window.
SEASON = [("snapshot", "2026-10-01"), ("claim_open", "2026-11-01"), ("claim_close", "2026-11-30")]


@pytest.mark.parametrize(
    ("stated", "events", "today", "as_of", "expected"),
    [
        # The catalog's word stands until a dated event moves it on.
        ("farming", SEASON, D(2026, 9, 30), "2026-09-01", "farming"),
        ("farming", SEASON, D(2026, 10, 1), "2026-09-01", "snapshot taken"),
        ("farming", SEASON, D(2026, 10, 31), "2026-09-01", "snapshot taken"),
        ("farming", SEASON, D(2026, 11, 1), "2026-09-01", "claim open"),
        ("farming", SEASON, D(2026, 11, 30), "2026-09-01", "claim open"),  # its last day
        ("farming", SEASON, D(2026, 12, 1), "2026-09-01", "airdropped"),
        ("rumoured", SEASON, D(2026, 12, 1), None, "airdropped"),
        (None, SEASON, D(2026, 10, 5), None, "snapshot taken"),
        (None, [], D(2026, 10, 5), None, None),
        ("rumoured", [], D(2030, 1, 1), None, "rumoured"),
        # A claim window open today is "claim open", even for an airdropped project.
        ("airdropped", SEASON, D(2026, 11, 15), None, "claim open"),
        ("airdropped", SEASON, D(2026, 12, 15), None, "airdropped"),
        # A claim with no end date: open once reached, unless the catalog calls it over.
        ("farming", [("claim_open", "2026-11-01")], D(2026, 11, 2), None, "claim open"),
        ("airdropped", [("claim_open", "2020-09-16")], D(2026, 12, 6), None, "airdropped"),
        # Outcomes without an airdrop to claim stay, whatever the dates say.
        ("token sale", SEASON, D(2026, 11, 15), None, "token sale"),
        ("no token", SEASON, D(2026, 12, 15), None, "no token"),
        ("no airdrop confirmed", SEASON, D(2026, 10, 2), None, "no airdrop confirmed"),
        # Events on or before the catalog's day are already in its word: a claim of
        # another token that closed before the curator wrote "rumoured" does not overrule it.
        ("rumoured", [("claim_close", "2026-03-09")], D(2026, 12, 6), "2026-03-11", "rumoured"),
        ("rumoured", [("claim_close", "2026-03-09")], D(2026, 12, 6), "2026-03", "rumoured"),
        ("rumoured", [("claim_close", "2026-04-09")], D(2026, 12, 6), "2026-03", "airdropped"),
        # ... but a window open today is a fact on any day.
        ("rumoured", SEASON, D(2026, 11, 3), "2026-12-01", "claim open"),
        # The newest event that happened decides: a later season's snapshot after a claim.
        (
            "farming",
            [*SEASON, ("snapshot", "2027-02-01")],
            D(2027, 2, 2),
            "2026-09-01",
            "snapshot taken",
        ),
        # Month and year dates count only once the whole month or year has passed.
        ("farming", [("snapshot", "2026-10")], D(2026, 10, 31), None, "farming"),
        ("farming", [("snapshot", "2026-10")], D(2026, 11, 1), None, "snapshot taken"),
        ("farming", [("snapshot", "2026")], D(2026, 12, 31), None, "farming"),
        (
            "farming",
            [("claim_open", "2026-11"), ("claim_close", "2026-12")],
            D(2026, 12, 6),
            None,
            "claim open",
        ),
        (
            "farming",
            [("claim_open", "2026-11"), ("claim_close", "2026-12")],
            D(2027, 1, 1),
            None,
            "airdropped",
        ),
        # A time of day is kept by the catalog; the day is what counts.
        ("farming", [("claim_open", "2026-11-01T12:00Z")], D(2026, 11, 1), None, "claim open"),
        # Other kinds of events do not move a status.
        (
            "rumoured",
            [("tge", "2026-01-01"), ("deadline", "2026-02")],
            D(2026, 12, 6),
            None,
            "rumoured",
        ),
    ],
)
def test_status_on_a_day(
    stated: str | None,
    events: list[tuple[str, str]],
    today: dt.date,
    as_of: str | None,
    expected: str | None,
) -> None:
    assert status_on(stated, events, today, as_of) == expected
    assert expected is None or expected in STATUSES


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
        ("2024-10-22", D(2024, 10, 22), D(2024, 10, 22)),
        ("2024-02-20T12:00Z", D(2024, 2, 20), D(2024, 2, 20)),
    ],
)
def test_a_catalog_date_spans_what_it_can_mean(text: str, first: dt.date, last: dt.date) -> None:
    assert span(text) == (first, last)


@pytest.fixture(scope="module")
def projects() -> list[Project]:
    return list(load_catalog(bundled_catalog_path()).projects)


def with_events(project: Project, *events: tuple[str, str]) -> Project:
    added = [Event(kind=k, date=d, label=k, sources=["article"]) for k, d in events]  # type: ignore[arg-type]
    return msgspec.structs.replace(project, events=added, status="farming", as_of="2026-09-01")


def test_rows_carry_the_status_of_the_day_they_are_shown(projects: list[Project]) -> None:
    extended = next(p for p in projects if p.id == "extended")
    season = with_events(extended, *SEASON)
    rows = [project_row(season)]
    index = ProjectIndex(rows, today=D(2026, 9, 30))
    assert index.rows[0].status == "farming"
    claim = FilterSpec(statuses=frozenset({"claim open"}))
    assert index.filter(claim) == []
    assert index.set_today(D(2026, 11, 2)) is True  # the date changed while the app ran
    assert index.rows[0].status == "claim open"
    assert rows[0].status == "farming"  # the rows given stay as the catalog states them
    assert index.filter(claim) == [0]
    assert index.set_today(D(2026, 11, 3)) is False  # nothing changed: views need not redraw
    index.set_today(D(2026, 12, 1))
    assert index.filter(claim) == []
    assert index.filter(FilterSpec(statuses=frozenset({"airdropped"}))) == [0]


def test_farmable_now_on_the_bundled_catalog(projects: list[Project]) -> None:
    """On the day the live section was checked, Farmable now shows it and nothing else;
    the article's airdrops are all over."""
    index = ProjectIndex([project_row(p) for p in projects], today=D(2026, 12, 6))
    farmable = [index.rows[i].name for i in index.filter(FilterSpec(statuses=FARMABLE))]
    assert farmable == [
        "Variational",
        "Extended",
        "Polymarket",
        "MetaMask",
        "Base",
        "Arc",
        "OpenSea",
    ]
    statuses = {r.id: r.status for r in index.rows}
    assert statuses["extended"] == "farming"
    assert statuses["polymarket"] == "rumoured"
    assert statuses["variational"] == "snapshot taken"
    assert statuses["metamask"] == "rumoured"  # its LINEA rewards claim closed before as_of
    assert statuses["aztec"] == "token sale"
    assert statuses["starknet"] == "airdropped"


def test_the_bundled_catalog_on_past_days(projects: list[Project]) -> None:
    """The article's airdropped projects show "claim open" while their windows were open;
    otherwise the catalog's "airdropped" stands (it was written after the fact)."""
    index = ProjectIndex([project_row(p) for p in projects], today=D(2024, 3, 1))
    statuses = {r.id: r.status for r in index.rows}
    assert (statuses["starknet"], statuses["layerzero"]) == ("claim open", "airdropped")
    index.set_today(D(2024, 6, 21))
    statuses = {r.id: r.status for r in index.rows}
    assert (statuses["starknet"], statuses["layerzero"]) == ("airdropped", "claim open")
    index.set_today(D(2024, 9, 21))
    assert {r.id: r.status for r in index.rows}["layerzero"] == "airdropped"

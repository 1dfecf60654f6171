"""Your own projects: every field checked with a message naming it, and one row per
project when layers are composed."""

from __future__ import annotations

import pytest

from airdrop_desk.core.compose import CATALOG, YOURS, Layer, compose, merge_project
from airdrop_desk.core.fields import project_row
from airdrop_desk.core.projects import (
    EventInput,
    PointsInput,
    ProjectDraft,
    ProjectFieldError,
    Taken,
    TaskInput,
    build_project,
    check_domain,
    check_unique,
    draft_of,
    project_id_for,
)

TODAY = "2026-12-06"


def build(**fields: object) -> object:
    draft = ProjectDraft(**{"name": "Nebula", **fields})  # type: ignore[arg-type]
    return build_project(draft, "yours-nebula", TODAY)


def refused(**fields: object) -> ProjectFieldError:
    with pytest.raises(ProjectFieldError) as caught:
        build(**fields)
    return caught.value


def test_every_field_is_kept_and_cites_you_and_your_pages() -> None:
    draft = ProjectDraft(
        name=" Nebula Testnet ",
        sites=("https://Nebula.Example/", "docs.nebula.example"),
        status="no token",
        tier="likely",
        narratives=("Layer 2", "ZK"),
        ecosystem="Ethereum",
        token="$neb",
        description="A rollup.\nSecond line.",
        notes=("Farm weekly",),
        sources=("https://nebula.example/blog/points",),
        tasks=(TaskInput("Bridge", "weekly"), TaskInput("Swap", "every_n_days", 3, "on the DEX")),
        points=(PointsInput("Nebula XP", "1 XP per bridge"),),
        events=(
            EventInput("snapshot", "2027-01-15", "Season 1 snapshot"),
            EventInput("tge", "2027"),
        ),
    )
    project, sources = build_project(draft, "yours-nebula-testnet", TODAY)
    assert project.name.name == "Nebula Testnet"
    assert project.official_sites == ["nebula.example", "docs.nebula.example"]
    assert (project.status, project.tier, project.token.symbol) == ("no token", "likely", "NEB")
    assert [(t.title, t.recurrence, t.every_days) for t in project.task_templates] == [
        ("Bridge", "weekly", None),
        ("Swap", "every_n_days", 3),
    ]
    assert [(e.kind, e.date, e.label) for e in project.events] == [
        ("snapshot", "2027-01-15", "Season 1 snapshot"),
        ("tge", "2027", "Tge"),
    ]
    assert [(s.title, s.url, s.date) for s in sources] == [
        ("Entered by you", None, TODAY),
        ("nebula.example", "https://nebula.example/blog/points", None),
    ]
    assert project.task_templates[0].sources == [s.id for s in sources]
    assert draft_of(project, sources).tasks[1] == TaskInput("Swap", "every_n_days", 3, "on the DEX")


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"name": ""}, "name", "is required"),
        ({"name": "   "}, "name", "is required"),
        ({"name": "x" * 10_000}, "name", "10,000 characters"),
        ({"description": "y" * 10_000}, "description", "at most 4,000"),
        ({"name": "Neb\u202eula"}, "name", "U+202E"),
        ({"name": "Neb\u2066ula"}, "name", "U+2066"),
        ({"name": "Neb\u200bula"}, "name", "U+200B"),
        ({"name": "Neb\x07ula"}, "name", "U+0007"),
        ({"name": "Neb\x85ula"}, "name", "U+0085"),
        ({"name": "Neb\nula"}, "name", "U+000A"),
        ({"notes": ("ok", "bad\u202d")}, "notes", "U+202D"),
        ({"sites": ("not a domain",)}, "sites", "not a domain"),
        ({"sites": ("example",)}, "sites", "not a domain"),
        ({"sites": ("example.org/path",)}, "sites", "not a domain"),
        ({"sites": ("-bad.org",)}, "sites", "not a domain"),
        ({"sites": ("a.org", "A.org")}, "sites", "twice"),
        ({"sites": ("exa\u202emple.org",)}, "sites", "U+202E"),
        ({"status": "moon"}, "status", "not one of"),
        ({"tier": "sure"}, "tier", "not one of"),
        ({"token": "NE B"}, "token", "not a symbol"),
        ({"sources": ("http://nebula.example/",)}, "sources", "https"),
        ({"sources": ("javascript:alert(1)",)}, "sources", "https"),
        ({"tasks": (TaskInput(""),)}, "tasks", "is required"),
        ({"tasks": (TaskInput("Swap", "every_n_days", 0),)}, "tasks", "N from 1 to 365"),
        ({"tasks": (TaskInput("Swap", "hourly"),)}, "tasks", "not one of"),
        ({"events": (EventInput("party", "2027-01-01"),)}, "events", "not one of"),
        ({"events": (EventInput("snapshot", "2027-02-30"),)}, "events", "not a real date"),
        ({"events": (EventInput("snapshot", "soon"),)}, "events", "not a date"),
        ({"points": (PointsInput(""),)}, "points", "is required"),
    ],
)
def test_bad_input_names_its_field(fields: dict[str, object], field: str, words: str) -> None:
    error = refused(**fields)
    assert error.field == field
    assert words in error.message


def test_domains_are_kept_as_the_catalog_keeps_them() -> None:
    assert check_domain("https://Docs.ZKsync.io/") == "docs.zksync.io"
    assert check_domain("bücher.example") == "xn--bcher-kva.example"
    with pytest.raises(ProjectFieldError):
        check_domain("xn--zz.example")  # not valid punycode


def test_ids_never_collide_with_the_catalog_or_each_other() -> None:
    assert project_id_for("Nebula Testnet!") == "yours-nebula-testnet"
    assert project_id_for("Nebula", ["yours-nebula"]) == "yours-nebula-2"
    assert project_id_for("星云").startswith("yours-")


def test_a_duplicate_name_or_domain_is_refused_with_who_has_it() -> None:
    project, _ = build(sites=("starknet.io",))
    taken = Taken(
        names={"starknet": ("starknet", "catalog", "Starknet")},
        domains={"starknet.io": ("starknet", "catalog", "Starknet")},
    )
    with pytest.raises(ProjectFieldError) as caught:
        check_unique(project, taken)
    assert caught.value.field == "sites"
    assert "Starknet in the catalog" in caught.value.message
    renamed, _ = build(name="STARKNET")
    with pytest.raises(ProjectFieldError, match="exists already"):
        check_unique(renamed, taken)


def _layer(origin: str, *projects: object) -> Layer:
    return Layer(
        origin,
        [project_row(p) for p in projects],  # type: ignore[arg-type]
        {p.id: p.official_sites for p in projects},  # type: ignore[attr-defined]
    )


def test_one_row_per_project_over_catalog_feed_and_yours() -> None:
    mine, _ = build_project(
        ProjectDraft("Nebula", ("nebula.example",), tasks=(TaskInput("Bridge"),)),
        "yours-nebula",
        TODAY,
    )
    other, _ = build_project(ProjectDraft("Solo", ("solo.example",)), "yours-solo", TODAY)
    cat_a, _ = build_project(ProjectDraft("Alpha", ("alpha.example",)), "alpha", TODAY)
    cat_b, _ = build_project(ProjectDraft("Beta", ("beta.example",)), "beta", TODAY)
    feed_nebula, _ = build_project(
        ProjectDraft("Nebula Network", ("www.nebula.example", "nebula.example"), status="no token"),
        "nebula",
        TODAY,
    )
    feed_beta, _ = build_project(ProjectDraft("Beta v2", ("beta.example",)), "beta-2", TODAY)
    placed = compose(
        _layer(CATALOG, cat_a, cat_b),
        [_layer("friends", feed_nebula, feed_beta)],
        _layer(YOURS, mine, other),
    )
    assert [(p.row_id, p.origin, p.layer_id, p.fills) for p in placed] == [
        ("alpha", CATALOG, "alpha", None),
        ("beta", "friends", "beta-2", None),  # the feed's newer project takes the row
        ("yours-nebula", "friends", "nebula", "yours-nebula"),  # one row, your id
        ("yours-solo", YOURS, "yours-solo", None),
    ]
    merged = merge_project(feed_nebula, mine)
    assert merged.id == "yours-nebula"
    assert merged.name.name == "Nebula Network"  # the feed's fields win
    assert [t.title for t in merged.task_templates] == ["Bridge"]  # yours fill the gaps
    # Without the feed, your project is its own row again.
    alone = compose(_layer(CATALOG, cat_a, cat_b), [], _layer(YOURS, mine, other))
    assert [(p.row_id, p.origin, p.fills) for p in alone][2] == ("yours-nebula", YOURS, None)


def test_without_feeds_or_projects_of_yours_the_catalog_rows_pass_unchanged() -> None:
    cat_a, _ = build_project(ProjectDraft("Alpha", ("alpha.example",)), "alpha", TODAY)
    rows = [project_row(cat_a)]
    placed = compose(Layer(CATALOG, rows, {}), [], Layer(YOURS, [], {}))
    assert [p.row for p in placed] == rows

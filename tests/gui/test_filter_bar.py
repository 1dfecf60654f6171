"""The filter bar is built from the field declarations: every filter has its control."""

from __future__ import annotations

from PySide6.QtCore import Qt

from airdrop_desk.catalog.sync import LoadedCatalog
from airdrop_desk.core.fields import FACETS, FILTER_DEFAULTS
from airdrop_desk.core.filters import FilterSpec
from airdrop_desk.ui.widgets.filter_bar import FilterBar

EVERY_FILTER = FilterSpec(
    text="zk",
    tiers=frozenset({"likely", "possible"}),
    my_status="in_progress",
    eligible="missed",
    min_score=80,
    narrative="Layer 2",
    ecosystem="Ethereum",
    raised_min=10_000_000,
    raised_max=500_000_000,
    investor="Sequoia",
    has_points=True,
    statuses=frozenset({"farming", "claim open"}),
)


def every_filter(facets: dict[str, list[tuple[str, int]]]) -> FilterSpec:
    """EVERY_FILTER, plus the most common value of any picker it does not set."""
    more = {
        facet.key: facets[facet.key][0][0]
        for _, facet in FACETS
        if facet.kind == "pick" and facet.key not in EVERY_FILTER.facets()
    }
    return EVERY_FILTER.with_(**more)


def test_every_filter_shows_in_a_control_and_reads_back(qtbot, catalog: LoadedCatalog) -> None:
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    spec = every_filter(catalog.facets())
    assert set(spec.facets()) | {"text"} == set(FILTER_DEFAULTS)  # a control for each
    with qtbot.waitSignal(bar.changed) as emitted:
        bar.set_spec(spec)
    assert emitted.args == [spec]
    assert bar.spec() == spec
    assert bar.search.text() == "zk"
    assert [t for t, b in bar.tier_buttons.items() if b.isChecked()] == ["likely", "possible"]
    assert bar.my_status.currentText() == "In progress"
    assert bar.eligible.currentText() == "Missed"
    assert bar.min_score.text() == "80%"
    assert bar.pickers["narrative"].currentText() == "Layer 2 (9)"
    assert bar.raised_min.text() == "$10M"
    assert bar.has_points.isChecked()
    assert [s for s, a in bar.status_actions.items() if a.isChecked()] == ["farming", "claim open"]
    assert bar.choice_menus["statuses"].text() == "Status: 2 chosen"
    assert not bar.farmable_button.isChecked() and not bar.all_button.isChecked()
    bar.reset()
    assert bar.spec() == FilterSpec()
    assert bar.pickers["investor"].currentText() == "Any investor"


def test_pickers_offer_the_catalog_values_with_counts(qtbot, catalog: LoadedCatalog) -> None:
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    picks = [facet.key for _, facet in FACETS if facet.kind == "pick"]
    assert list(bar.pickers) == picks
    ecosystem = bar.pickers["ecosystem"]
    shown = [ecosystem.itemText(i) for i in range(ecosystem.count())]
    assert shown[:3] == ["Any ecosystem", "Ethereum (11)", "Polygon (2)"]


def test_a_spec_the_bar_cannot_show_is_shown_as_near_as_it_can(
    qtbot, catalog: LoadedCatalog
) -> None:
    """ "Without a points program" (a command line filter) shows as the box unchecked;
    a picker value the catalog no longer has shows as "Any"."""
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    bar.set_spec(FilterSpec(has_points=False, narrative="No such narrative", min_score=50))
    assert not bar.has_points.isChecked()
    assert bar.pickers["narrative"].currentText() == "Any narrative"
    assert bar.spec() == FilterSpec(min_score=50)


def test_farmable_now_and_back_to_all_projects(qtbot, catalog: LoadedCatalog) -> None:
    """One click shows the projects with something still to do; one click shows all again,
    keeping the other filters."""
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    bar.set_spec(FilterSpec(min_score=50))
    assert bar.all_button.isChecked() and not bar.farmable_button.isChecked()
    assert bar.choice_menus["statuses"].text() == "Status: any"
    with qtbot.waitSignal(bar.changed) as emitted:
        qtbot.mouseClick(bar.farmable_button, Qt.MouseButton.LeftButton)
    farmable = frozenset({"rumoured", "farming", "snapshot taken", "claim open"})
    assert emitted.args == [FilterSpec(min_score=50, statuses=farmable)]
    assert bar.farmable_button.isChecked() and not bar.all_button.isChecked()
    assert bar.choice_menus["statuses"].text() == "Status: 4 chosen"
    qtbot.mouseClick(bar.farmable_button, Qt.MouseButton.LeftButton)  # a second click keeps it
    assert bar.farmable_button.isChecked()
    bar.status_actions["farming"].setChecked(False)  # another mix: no longer the view
    qtbot.waitUntil(lambda: not bar.farmable_button.isChecked())
    with qtbot.waitSignal(bar.changed) as emitted:
        qtbot.mouseClick(bar.all_button, Qt.MouseButton.LeftButton)
    assert emitted.args == [FilterSpec(min_score=50)]
    assert bar.all_button.isChecked() and not bar.farmable_button.isChecked()
    bar.status_actions["claim open"].setChecked(True)
    qtbot.waitUntil(lambda: bar.choice_menus["statuses"].text() == "Status: Claim open")

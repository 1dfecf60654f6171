"""Search in the window: synonyms, why each project matched, best matches first, pickers
that follow the other filters, one investor per organisation, a backwards range."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from airdrop_desk.catalog.sync import LoadedCatalog
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.ui.models.project_table import ProjectTableModel
from airdrop_desk.ui.widgets.filter_bar import FilterBar

NAME = ProjectTableModel.COL["name"]


def items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def hints(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    model = window.model
    return {model.project_at(r).name: model.hint_text(r, NAME) for r in range(model.rowCount())}


def test_l2_finds_layer_2_and_says_why(make_window, qtbot, names) -> None:
    window = make_window()
    qtbot.keyClicks(window.filter_bar.search, "L2")
    layer_2 = ["Starknet", "Scroll", "Linea", "Ten", "Eclipse", "Taiko", "Aztec", "ZKsync", "Base"]
    qtbot.waitUntil(lambda: names(window) == layer_2)
    assert set(hints(window).values()) == {"narrative Layer 2"}


def test_each_row_says_why_it_matched(make_window, qtbot, names) -> None:
    window = make_window()
    qtbot.keyClicks(window.filter_bar.search, "tyco")
    qtbot.waitUntil(lambda: names(window) == ["Taiko", "Starknet", "Scroll", "Linea"])
    assert hints(window) == {
        "Taiko": "alias Tyco",
        "Starknet": "competitor Tyco",
        "Scroll": "competitor Tyco",
        "Linea": "competitor Tyco",
    }
    taiko = window.model.index(0, NAME)
    assert taiko.data(Qt.ItemDataRole.ToolTipRole) == "Also written: Tyco\nMatched: alias Tyco"
    window.filter_bar.search.clear()
    qtbot.keyClicks(window.filter_bar.search, "starknet")
    qtbot.waitUntil(lambda: names(window)[0] == "Starknet")
    assert hints(window)["Starknet"] == ""  # its own name: nothing to explain
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: len(names(window)) == 26)
    assert set(hints(window).values()) == {""}


def test_the_hint_is_painted_beside_the_name(make_window, qtbot, names) -> None:
    window = make_window()
    window.resize(1280, 800)
    qtbot.keyClicks(window.filter_bar.search, "tiger")
    qtbot.waitUntil(lambda: names(window) == ["Starknet"])
    window.table.setColumnWidth(NAME, 260)
    QApplication.processEvents()
    cell = window.table.visualRect(window.model.index(0, NAME))
    with_hint = window.table.viewport().grab(cell).toImage()
    window.model.explain_with(lambda _id: None)  # no project to explain: no hint
    window.table.viewport().update()
    QApplication.processEvents()
    without = window.table.viewport().grab(cell).toImage()
    assert with_hint != without
    right_half = cell.adjusted(cell.width() // 2, 0, 0, 0)
    blank = window.table.viewport().grab(right_half).toImage()
    assert len({blank.pixel(x, blank.height() // 2) for x in range(blank.width())}) == 1


def test_best_matches_first_then_the_chosen_sort(make_window, qtbot, names) -> None:
    window = make_window()
    qtbot.keyClicks(window.filter_bar.search, "scroll")
    qtbot.waitUntil(lambda: names(window) == ["Scroll", "Starknet", "Taiko", "ZKsync"])
    window.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: names(window) == ["Scroll", "ZKsync", "Taiko", "Starknet"])


def test_pickers_count_within_the_other_filters(qtbot, catalog: LoadedCatalog) -> None:
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    bar.count_with(ProjectIndex(catalog.rows).facet_counts)
    investor = bar.pickers["investor"]
    assert "Sequoia (2)" in items(investor)
    assert "Dragonfly (2)" in items(investor)  # "Dragonfly" and "Dragonfly Capital"
    bar.tier_buttons["confirmed"].setChecked(True)
    bar._emit()
    investor.showPopup()
    try:
        assert items(investor) == [
            "Any investor",
            "Big Brain Holdings (1)",
            "Borderless Capital (1)",
            "Cogitent Ventures (1)",
            "Fundamental Labs (1)",
            "Paradigm (1)",
            "Sequoia (1)",
            "Tiger Global (1)",
            "Token Metrics Ventures (1)",
        ]
    finally:
        investor.hidePopup()
    investor.setCurrentIndex(items(investor).index("Paradigm (1)"))
    bar._emit()
    assert bar.spec() == FilterSpec(tiers=frozenset({"confirmed"}), investor="Paradigm")
    bar.pickers["narrative"].showPopup()
    bar.pickers["narrative"].hidePopup()
    assert items(bar.pickers["narrative"])[1:] == ["Layer 2 (1)", "ZK rollups (1)"]
    # Unticking the tier: the chosen investor stays, the others come back.
    bar.tier_buttons["confirmed"].setChecked(False)
    bar._emit()
    investor.showPopup()
    investor.hidePopup()
    assert "Sequoia (2)" in items(investor)
    assert investor.currentText() == "Paradigm (1)"
    assert bar.spec() == FilterSpec(investor="Paradigm")


def test_an_organisation_spelt_otherwise_shows_as_its_entry(qtbot, catalog: LoadedCatalog) -> None:
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    bar.set_spec(FilterSpec(investor="Dragonfly Capital"))
    assert bar.pickers["investor"].currentText() == "Dragonfly (2)"


def test_the_window_picker_follows_the_search(make_window, qtbot, names) -> None:
    window = make_window()
    bar = window.filter_bar
    qtbot.keyClicks(bar.search, "obscuro")
    qtbot.waitUntil(lambda: names(window) == ["Ten"])
    ecosystem = bar.pickers["ecosystem"]
    ecosystem.setFocus()  # reaching it from the keyboard counts it too
    qtbot.waitUntil(lambda: items(ecosystem) == ["Any ecosystem", "Ethereum (1)"])


def test_a_range_entered_backwards_is_read_the_other_way_round(make_window, qtbot, names) -> None:
    window = make_window()
    bar = window.filter_bar
    note = bar.range_notes["raised"]
    bar.raised_min.setValue(7)
    bar.raised_max.setValue(5)
    qtbot.waitUntil(lambda: names(window) == ["peaq", "Dymension", "Astria"])
    assert note.isVisible()
    assert note.text() == "read as $5M to $7M"
    bar.raised_max.setValue(50)
    qtbot.waitUntil(lambda: not note.isVisible())
    bar.reset()
    assert not note.isVisible()


def test_picker_counts_follow_a_switch_of_profile(qtbot, catalog: LoadedCatalog) -> None:
    """With "my status" chosen, the same filters count other projects once the profile
    (its statuses) changes."""
    index = ProjectIndex(catalog.rows)
    bar = FilterBar(catalog.facets(), len(catalog.rows))
    qtbot.addWidget(bar)
    bar.count_with(index.facet_counts)
    bar.set_spec(FilterSpec(my_status="in_progress"))
    ecosystem = bar.pickers["ecosystem"]
    index.set_my_status({"starknet": "in_progress"})
    ecosystem.showPopup()
    ecosystem.hidePopup()
    assert items(ecosystem) == ["Any ecosystem", "Ethereum (1)"]
    index.set_my_status({"peaq": "in_progress", "dymension": "done"})
    ecosystem.showPopup()
    ecosystem.hidePopup()
    assert items(ecosystem) == ["Any ecosystem", "Polkadot (1)"]

"""Your own projects through the window: New project… with the keyboard only, then
track it and tick a task; bad input gets its message at the field, nothing saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tracking_helpers import checks, create_profile, open_window, refocus, rows_shown, tick, track

from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.main_window import MainWindow
from airdrop_desk.ui.project_menu import ProjectMenu, install_project_menu

WAIT = 10_000


def window_with_menu(qtbot: Any, data: Path) -> tuple[MainWindow, ProjectMenu]:
    catalog = ensure_catalog(Paths(data), bundled_catalog_path())  # this folder's own
    window = open_window(qtbot, catalog, data)
    assert window.services is not None
    return window, install_project_menu(window, window.services)


def type_in(qtbot: Any, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def tab(qtbot: Any, times: int = 1) -> None:
    for _ in range(times):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)


def test_new_project_with_the_keyboard_then_track_and_tick(qtbot: Any, tmp_path: Path) -> None:
    window, menu = window_with_menu(qtbot, tmp_path / "data")
    assert [a.text() for a in window.menus["project"].actions()] == [
        "&New project…",
        "&Edit…",
        "&Delete…",
    ]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = menu.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    type_in(qtbot, "Nebula Testnet")  # the name field has the focus
    tab(qtbot)
    type_in(qtbot, "nebula.example, docs.nebula.example")
    tab(qtbot, 9)  # status, tier, narratives, ecosystem, token, description, notes, sources
    assert QApplication.focusWidget() is dialog.fields["tasks"]
    type_in(qtbot, "Bridge to the testnet;every=weekly")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_in(qtbot, "Swap on the DEX")
    tab(qtbot, 3)  # points, events, then the Save button
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    refocus(qtbot, window)

    assert window.current_id() == "yours-nebula-testnet"
    row = window.model.row_of("yours-nebula-testnet")
    assert row is not None
    assert window.model.cell_text(row, window.model.COL["origin"]) == "Yours"
    assert window.filter_bar.count.text() == "27 of 27 projects"
    html = window.detail.toHtml()
    assert "Yours" in html and "Entered by you" in html and "nebula.example" in html

    create_profile(qtbot, window, "Main")
    track(qtbot, window, "yours-nebula-testnet")
    view = window.tracking.checklist
    assert rows_shown(view.tree) == 2
    tick(qtbot, window, 0)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 2 done")
    assert checks(view.tree) == [True, False]


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(qtbot: Any, tmp_path: Path) -> None:
    window, menu = window_with_menu(qtbot, tmp_path / "data")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = menu.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.fields["name"]
    dialog.fields["name"].setText("Neb\u202eula")  # pasted: no key types it
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Return)  # Enter saves
    name_message = dialog.errors.messages["name"]
    assert name_message.isVisible() and "U+202E" in name_message.text()
    assert dialog.isVisible()

    dialog.fields["name"].setText("Starknet Two")
    dialog.fields["sites"].setText("starknet.io")  # the catalog's Starknet has it
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Return)
    sites_message = dialog.errors.messages["sites"]
    qtbot.waitUntil(sites_message.isVisible, timeout=WAIT)
    assert "official domain of Starknet" in sites_message.text()
    assert not name_message.isVisible()
    dialog.fields["sites"].setText("not a domain")
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Return)
    assert "not a domain" in sites_message.text()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc cancels
    assert not dialog.isVisible()
    assert window.model.total() == 26
    assert window.docs.reloaded().rows == window.docs.reloaded().rows[:26]


def test_edit_and_delete_act_on_your_selected_project(qtbot: Any, tmp_path: Path) -> None:
    window, menu = window_with_menu(qtbot, tmp_path / "data")
    menu.new_project()
    menu.dialog.fields["name"].setText("Orbit")
    menu.dialog.fields["sites"].setText("orbit.example")
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        menu.dialog.submit()
    assert window.current_id() == "yours-orbit"
    menu.edit_project()
    qtbot.waitUntil(lambda: menu.dialog is not None and menu.dialog.isVisible(), timeout=WAIT)
    assert menu.dialog.fields["sites"].text() == "orbit.example"
    menu.dialog.fields["token"].setText("orb")
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        menu.dialog.submit()
    row = window.model.row_of("yours-orbit")
    assert row is not None and window.model.cell_text(row, window.model.COL["token"]) == "ORB"

    menu.confirm = lambda _question: False
    menu.delete_project()
    assert window.model.row_of("yours-orbit") is not None
    menu.confirm = lambda _question: True
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        menu.delete_project()
    assert window.model.row_of("yours-orbit") is None and window.model.total() == 26
    assert window.select_project("starknet")
    menu.edit_project()  # not yours: nothing opens
    assert "Select one of your projects" in window.statusBar().currentMessage()


def test_the_pickers_offer_what_your_projects_bring(qtbot: Any, tmp_path: Path) -> None:
    window, menu = window_with_menu(qtbot, tmp_path / "data")
    picker = window.filter_bar.pickers["narrative"]

    def offered() -> list[str]:
        picker.showPopup()  # the list as the user opens it
        entries = [picker.itemText(i) for i in range(picker.count())]
        picker.hidePopup()
        return entries

    assert not any(e.startswith("Quantum farming") for e in offered())
    menu.new_project()
    menu.dialog.fields["name"].setText("Orbit")
    menu.dialog.fields["sites"].setText("orbit.example")
    menu.dialog.fields["narratives"].setText("Quantum farming, Layer 2")
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        menu.dialog.submit()
    entries = offered()
    assert "Quantum farming (1)" in entries
    layer2 = next(e for e in entries if e.startswith("Layer 2 ("))

    menu.edit_project()
    qtbot.waitUntil(lambda: menu.dialog is not None and menu.dialog.isVisible(), timeout=WAIT)
    menu.dialog.fields["narratives"].setText("Layer 2")
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        menu.dialog.submit()
    entries = offered()
    assert not any(e.startswith("Quantum farming") for e in entries) and layer2 in entries

    menu.confirm = lambda _question: True
    with qtbot.waitSignal(menu.changed, timeout=WAIT):
        menu.delete_project()
    count = int(layer2.removeprefix("Layer 2 (").removesuffix(")"))
    assert f"Layer 2 ({count - 1})" in offered()

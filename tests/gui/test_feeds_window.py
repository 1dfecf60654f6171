"""A feed in the window: the rows follow a feed applied or removed, in place, and your
own project that a feed also lists stays one row with your ticks."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tracking_helpers import checks, create_profile, open_window, refocus, rows_shown, tick, track

from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.data_menu import DataMenu, install_data_menu
from airdrop_desk.ui.main_window import MainWindow
from airdrop_desk.ui.project_menu import ProjectMenu, install_project_menu

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "catalog"))
from feed_helpers import FeedServer, Keys, feed_catalog, needs_minisign, serve

pytestmark = needs_minisign
WAIT = 15_000


@pytest.fixture
def server() -> Iterator[FeedServer]:
    state, http = serve()
    try:
        yield state
    finally:
        http.shutdown()
        http.server_close()


def window_with_menus(qtbot: Any, data: Path) -> tuple[MainWindow, ProjectMenu, DataMenu]:
    catalog = ensure_catalog(Paths(data), bundled_catalog_path())
    window = open_window(qtbot, catalog, data)
    assert window.services is not None
    projects = install_project_menu(window, window.services)
    return window, projects, install_data_menu(window, window.services, lambda: None)


def press(qtbot: Any, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, key)


def type_in(qtbot: Any, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def named(window: MainWindow, name: str) -> list[int]:
    """The table rows showing a project called ``name``."""
    model = window.model
    return [r for r in range(model.rowCount()) if model.project_at(r).name == name]


def origin(window: MainWindow, name: str) -> str:
    (row,) = named(window, name)
    return window.model.cell_text(row, window.model.COL["origin"])


def test_your_project_a_feed_also_lists_is_one_row_and_keeps_its_tick(
    qtbot: Any, server: FeedServer, tmp_path: Path
) -> None:
    window, projects, data = window_with_menus(qtbot, tmp_path / "data")
    # New project with the keyboard only: Ctrl+N, type, Tab, Enter.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(projects.dialog.isActiveWindow)
    type_in(qtbot, "Quarry")
    press(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "quarry.example")
    press(qtbot, Qt.Key.Key_Tab, 5)  # status, tier, narratives, ecosystem, token
    type_in(qtbot, "qry")
    press(qtbot, Qt.Key.Key_Tab, 4)  # description, notes, sources, tasks
    type_in(qtbot, "Bridge to the testnet")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "Swap on the DEX")
    press(qtbot, Qt.Key.Key_Tab, 3)  # points, events, then the Save button
    with qtbot.waitSignal(projects.changed, timeout=WAIT):
        press(qtbot, Qt.Key.Key_Return)
    refocus(qtbot, window)
    assert named(window, "Quarry") == [window.model.row_of("yours-quarry")]
    assert origin(window, "Quarry") == "Yours"

    create_profile(qtbot, window, "Main")
    track(qtbot, window, "yours-quarry")
    view = window.tracking.checklist
    tick(qtbot, window, 0)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 2 done", timeout=WAIT)
    assert checks(view.tree) == [True, False]
    mine_html = window.detail.toHtml()
    assert "Entered by you" in mine_html and "A points program, live." not in mine_html

    # Data → Feeds…: a signed feed on loopback that lists Quarry on the same domain.
    keys = Keys(tmp_path / "keys")
    url = server.publish("/feed.json", keys, feed_catalog())
    data.actions["feeds"].trigger()
    dialog = data.dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.activity.busy, timeout=WAIT)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.url.setFocus()
    type_in(qtbot, url)
    press(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, keys.public)
    press(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Points watch")
    with qtbot.waitSignal(data.rows_shown, timeout=WAIT):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()  # the dialog stays open over the refreshed window

    assert len(named(window, "Quarry")) == 1  # one row, not yours and the feed's
    assert named(window, "Quarry") == [window.model.row_of("yours-quarry")]
    assert origin(window, "Quarry") == "Yours"  # still yours, with the feed's facts
    assert len(named(window, "Lantern")) == 1 and window.model.total() == 28
    assert window.current_id() == "yours-quarry"  # the selection stayed
    merged_html = window.detail.toHtml()
    assert "A points program, live." in merged_html and "QRY" in merged_html
    qtbot.waitUntil(lambda: rows_shown(view.tree) == 2, timeout=WAIT)
    assert checks(view.tree) == [True, False]  # the tick followed the project
    assert view.progress.text() == "1 of 2 done"

    # Remove the feed: your project comes back as it was, tick and all.
    dialog.confirm = lambda _question: True
    qtbot.waitUntil(dialog.remove_button.isEnabled, timeout=WAIT)  # the list is read
    dialog.table.selectRow(0)
    with qtbot.waitSignal(data.rows_shown, timeout=WAIT):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert named(window, "Lantern") == [] and window.model.total() == 27
    assert origin(window, "Quarry") == "Yours"
    assert window.current_id() == "yours-quarry"
    back_html = window.detail.toHtml()
    assert "Entered by you" in back_html and "A points program, live." not in back_html
    qtbot.waitUntil(lambda: rows_shown(view.tree) == 2, timeout=WAIT)
    assert checks(view.tree) == [True, False]


def test_the_rows_follow_a_feed_with_filters_sort_and_selection_kept(
    qtbot: Any, server: FeedServer, tmp_path: Path
) -> None:
    from airdrop_desk.catalog.feeds import add_feed

    window, _projects, data = window_with_menus(qtbot, tmp_path / "data")
    keys = Keys(tmp_path / "keys")
    start = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    url = server.publish("/feed.json", keys, feed_catalog())
    add_feed(Paths(tmp_path / "data"), url, keys.public, "Points watch", now=start)
    qtbot.mouseClick(window.filter_bar.tier_buttons["possible"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() < 26)
    window.table.sortByColumn(window.model.COL["name"], Qt.SortOrder.DescendingOrder)
    assert window.select_project("taiko")
    before = [window.model.project_at(r).name for r in range(window.model.rowCount())]
    assert "Quarry" not in before  # stored, not yet shown: the window started before

    # The start-up check brings a newer file whose Quarry has a narrative new to the
    # window: the rows, the detail pane and the pickers follow, in place.
    doc = json.loads(feed_catalog("2026.12.2"))
    doc["projects"][0]["narratives"] = ["Restaking points"]
    doc["projects"][1]["description"] = "A live testnet."
    server.publish("/feed.json", keys, json.dumps(doc).encode())
    with qtbot.waitSignal(data.rows_shown, timeout=WAIT):
        data.check_feeds_in_background(start + dt.timedelta(hours=7))
    after = [window.model.project_at(r).name for r in range(window.model.rowCount())]
    assert len(after) == len(before) + 2 and [n for n in after if n in before] == before
    assert after.index("Quarry") < after.index("Lantern")  # still by name, Z to A
    assert window.filter_bar.spec().tiers == {"possible"}
    assert window.current_id() == "taiko"
    assert window.filter_bar.count.text() == f"{len(after)} of 28 projects"
    assert window.select_project("lantern")
    assert "A live testnet." in window.detail.toHtml()

    picker = window.filter_bar.pickers["narrative"]
    picker.showPopup()  # the list as the user opens it
    entries = [picker.itemText(i) for i in range(picker.count())]
    picker.hidePopup()
    assert "Restaking points (1)" in entries


def test_a_read_that_began_before_the_rows_shown_now_is_dropped(qtbot: Any, tmp_path: Path) -> None:
    window, projects, data = window_with_menus(qtbot, tmp_path / "data")
    read = window.docs.reloader(Paths(tmp_path / "data").database, window.current_day())
    earlier = window.start_read()
    slow_rows = read()  # read before the project below was saved
    projects.new_project()
    projects.dialog.fields["name"].setText("Orbit")
    projects.dialog.fields["sites"].setText("orbit.example")
    with qtbot.waitSignal(projects.changed, timeout=WAIT):
        projects.dialog.submit()
    assert window.model.row_of("yours-orbit") is not None
    catalog, index = slow_rows
    assert not window.show_catalog(catalog, index=index, read=earlier)
    assert window.model.row_of("yours-orbit") is not None and window.model.total() == 27
    with qtbot.waitSignal(data.rows_shown, timeout=WAIT):
        data.refresh_rows()
    assert window.model.row_of("yours-orbit") is not None and window.model.total() == 27

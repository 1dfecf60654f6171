"""Data → Feeds…: subscribe with the keyboard, check now, remove; the start-up check."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.data_menu import install_data_menu
from airdrop_desk.ui.dialogs.changes_notice import ChangesNotice
from airdrop_desk.ui.dialogs.feeds_dialog import FeedsDialog

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


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    found = Paths(tmp_path / "data")
    ensure_catalog(found, bundled_catalog_path())
    return found


def feed_versions(paths: Paths) -> list[tuple[str, str]]:
    conn = sqlite3.connect(paths.database)
    try:
        return conn.execute(
            "SELECT feed, catalog_version FROM catalog_versions WHERE feed IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()


def open_dialog(qtbot: Any, services: Any, changed: list[Any]) -> FeedsDialog:
    dialog = FeedsDialog(services, on_changed=changed.append)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.show()
    return dialog


def test_subscribe_check_and_remove_with_the_keyboard(
    qtbot: Any,
    qtmodeltester: Any,
    make_services: Any,
    paths: Paths,
    server: FeedServer,
    tmp_path: Path,
) -> None:
    keys = Keys(tmp_path / "keys")
    url = server.publish("/feed.json", keys, feed_catalog())
    changed: list[Any] = []
    dialog = open_dialog(qtbot, make_services(paths), changed)
    assert dialog.model.rowCount() == 0 and not dialog.check_button.isEnabled()
    dialog.activateWindow()
    dialog.url.setFocus()
    qtbot.keyClicks(dialog.focusWidget(), url)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), keys.public)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "Points watch")
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT)
    assert "Points watch: version 2026.12.1 with 2 projects" in dialog.message.text()
    assert "New: Quarry, Lantern" in dialog.changes.toPlainText()
    assert feed_versions(paths) == [("Points watch", "2026.12.1")]
    assert [r.outcome for r in changed] == ["applied"]
    qtmodeltester.check(dialog.model)
    assert dialog.model.index(0, dialog.model.COL_VERSION).data() == "2026.12.1"

    server.publish("/feed.json", keys, feed_catalog("2026.12.0").replace(b"live.", b"now."))
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused" in dialog.message.text(), timeout=WAIT)
    assert "not newer than 2026.12.1" in dialog.message.text()
    qtbot.waitUntil(
        lambda: dialog.model.index(0, dialog.model.COL_CHECKED).data().startswith("Refused"),
        timeout=WAIT,
    )
    assert feed_versions(paths) == [("Points watch", "2026.12.1")] and len(changed) == 1

    asked: list[str] = []
    dialog.confirm = lambda question: asked.append(question) or True
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=WAIT)
    assert asked and "Points watch" in asked[0] and feed_versions(paths) == []


def test_a_refused_subscription_stores_nothing_and_says_why(
    qtbot: Any, make_services: Any, paths: Paths, server: FeedServer, tmp_path: Path
) -> None:
    keys, other = Keys(tmp_path / "keys"), Keys(tmp_path / "other")
    url = server.publish("/feed.json", other, feed_catalog())
    dialog = open_dialog(qtbot, make_services(paths), [])
    dialog.url.setText(url)
    dialog.key.setText(keys.public)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.subscribe_button, Qt.MouseButton.LeftButton)
    assert "signed with another key" in dialog.message.text()
    assert dialog.model.rowCount() == 0 and feed_versions(paths) == []
    assert dialog.url.text() == url  # kept, to correct


def test_the_start_check_is_quiet_and_runs_once_in_six_hours(
    qtbot: Any,
    make_window: Any,
    make_services: Any,
    paths: Paths,
    server: FeedServer,
    tmp_path: Path,
) -> None:
    from airdrop_desk.catalog.feeds import add_feed

    keys = Keys(tmp_path / "keys")
    url = server.publish("/feed.json", keys, feed_catalog())
    start = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    add_feed(paths, url, keys.public, "Points watch", now=start)
    window = make_window(paths.data_dir)
    menu = install_data_menu(window, make_services(paths), lambda: None)
    server.publish("/feed.json", keys, feed_catalog("2026.12.2").replace(b"live.", b"now."))
    server.hits.clear()
    with qtbot.waitSignal(menu.finished, timeout=WAIT):
        menu.check_feeds_in_background(start + dt.timedelta(hours=2))
    assert server.hits == [] and feed_versions(paths) == [("Points watch", "2026.12.1")]
    with qtbot.waitSignal(menu.finished, timeout=WAIT) as told:
        menu.check_feeds_in_background(start + dt.timedelta(hours=6))
    assert "Feed Points watch updated" in told.args[0]
    assert isinstance(menu.dialog, ChangesNotice) and not menu.dialog.isModal()
    assert "Quarry" in menu.dialog.details.toPlainText()
    assert feed_versions(paths) == [("Points watch", "2026.12.2")]
    server.put("/feed.json", b"", "redirect", "https://elsewhere.example/feed.json")
    with qtbot.waitSignal(menu.finished, timeout=WAIT) as told:
        menu.check_feeds_in_background(start + dt.timedelta(hours=12))
    assert "not updated" in told.args[0] and "another host" in told.args[0]
    assert "another host" in window.statusBar().currentMessage()


def test_an_import_that_removes_a_project_asks_first(
    qtbot: Any, make_services: Any, paths: Paths, tmp_path: Path
) -> None:
    import json

    from airdrop_desk.catalog.update import list_versions
    from airdrop_desk.ui.dialogs.catalog_update_dialog import CatalogUpdateDialog

    doc = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    doc["catalog_version"] = "2027.01.01"
    gone = doc["projects"].pop()["name"]["name"]
    file = tmp_path / "smaller.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    changed: list[Any] = []
    dialog = CatalogUpdateDialog(make_services(paths), on_changed=changed.append)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.show()
    asked: list[str] = []
    dialog.confirm_import = lambda question: asked.append(question) or False
    dialog.source.setText(str(file))
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert f"remove 1 project: {gone}" in asked[0] and "not signed" in asked[0]
    assert dialog.message.text() == "Nothing was imported." and not changed
    assert len(list_versions(paths)[0]) == 1
    dialog.confirm_import = lambda question: True
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(changed), timeout=WAIT)
    assert f"Removed: {gone}" in dialog.changes.toPlainText()

"""The Data menu on the real main window: export, import, backups, catalog update, rollback."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.data_menu import install_data_menu
from airdrop_desk.ui.dialogs.backups_dialog import BackupsDialog
from airdrop_desk.ui.dialogs.catalog_update_dialog import CatalogUpdateDialog
from airdrop_desk.ui.dialogs.changes_notice import ChangesNotice

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "data"))
from data_helpers import make_data

WAIT = 10_000


def test_the_data_menu_sits_before_help_with_its_actions(
    qtbot: Any, make_window: Any, make_services: Any, tmp_path: Path
) -> None:
    window = make_window()
    menu = install_data_menu(window, make_services(make_data(tmp_path / "data")), lambda: None)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["&Data", "&Help"]
    assert [a.text() for a in menu.menu.actions() if a.text()] == [
        "&Export your data…",
        "&Import data…",
        "&Backups…",
        "&Allocation lists…",
        "&Update catalog…",
        "&Roll back catalog",
        "&Feeds…",
    ]


def test_export_then_import_through_the_menu(
    qtbot: Any, make_window: Any, make_services: Any, tmp_path: Path
) -> None:
    window = make_window()
    source = make_data(tmp_path / "source")
    reloads: list[int] = []
    told: list[tuple[str, str, bool]] = []
    menu = install_data_menu(window, make_services(source), lambda: reloads.append(1))
    menu.inform = lambda title, text, ok: told.append((title, text, ok))
    out = tmp_path / "mine.json"
    menu.choose_export = lambda: (out, "json")
    with qtbot.waitSignal(menu.finished, timeout=WAIT):
        menu.actions["export"].trigger()
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "airdrop-desk-data"
    assert told[-1][0] == "Export" and told[-1][2] and "never exported" in told[-1][1]
    assert not reloads

    target = Paths(tmp_path / "target")
    importer = install_data_menu(window, make_services(target), lambda: reloads.append(1))
    importer.inform = lambda title, text, ok: told.append((title, text, ok))
    importer.choose_import = lambda: out
    asked: list[str] = []
    importer.confirm = lambda _title, question: asked.append(question) or False
    importer.actions["import"].trigger()
    assert asked and "backed up before anything changes" in asked[0]
    assert not target.database.exists()  # said no
    importer.confirm = lambda _title, _question: True
    with qtbot.waitSignal(importer.finished, timeout=WAIT):
        importer.actions["import"].trigger()
    assert told[-1][0] == "Import" and told[-1][1].startswith("Imported ") and told[-1][2]
    assert reloads == [1]
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    importer.choose_import = lambda: bad
    with qtbot.waitSignal(importer.finished, timeout=WAIT):
        importer.actions["import"].trigger()
    assert told[-1] == ("Import", "bad.json: not valid JSON (the file ends too early)", False)
    assert reloads == [1] and all(a.isEnabled() for a in importer.actions.values())


def test_dialogs_and_rollback_from_the_menu(
    qtbot: Any, make_window: Any, make_services: Any, tmp_path: Path
) -> None:
    window = make_window()
    paths = make_data(tmp_path / "data")
    reloads: list[int] = []
    told: list[tuple[str, str, bool]] = []
    menu = install_data_menu(window, make_services(paths), lambda: reloads.append(1))
    menu.inform = lambda title, text, ok: told.append((title, text, ok))
    menu.actions["backups"].trigger()
    assert isinstance(menu.dialog, BackupsDialog) and menu.dialog.isVisible()
    with qtbot.waitSignal(menu.dialog.idle, timeout=WAIT):
        pass
    menu.dialog.reject()
    menu.actions["update"].trigger()
    update = menu.dialog
    assert isinstance(update, CatalogUpdateDialog) and update.isVisible()
    with qtbot.waitSignal(update.idle, timeout=WAIT):
        pass
    doc = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    doc["catalog_version"] = "2027.03.03"
    doc["projects"][1]["score"]["value"] = 12
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    update.source.setText(str(newer))
    with qtbot.waitSignal(update.idle, timeout=WAIT):
        update.import_button.click()
    assert reloads == [1] and "peaq: score 89 → 12" in update.changes.toPlainText()
    update.reject()
    menu.confirm = lambda _title, _question: True
    with qtbot.waitSignal(menu.finished, timeout=WAIT):
        menu.actions["rollback"].trigger()
    assert reloads == [1, 1]
    assert isinstance(menu.dialog, ChangesNotice)
    assert menu.dialog.headline.text().startswith("Catalog 2027.03.03 → 2026.12.06")
    with qtbot.waitSignal(menu.finished, timeout=WAIT):
        menu.actions["rollback"].trigger()
    assert told[-1] == (
        "Roll back the catalog",
        "there is no earlier catalog version to roll back to",
        False,
    )

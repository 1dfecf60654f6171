"""After a catalog change from the Data menu the window shows the catalog now active."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from tracking_helpers import had_the_landing

from airdrop_desk.app import open_storage
from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.catalog.update import import_update
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.application import build_window, install_data_features, open_window_storage
from airdrop_desk.ui.main_window import MainWindow
from airdrop_desk.ui.services import Services


def _shown_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_rollback_rebuilds_the_window_over_the_previous_catalog(qtbot: Any, tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data")
    had_the_landing(paths)  # opens on every project
    ensure_catalog(paths, bundled_catalog_path())
    update = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    update["catalog_version"] = "2026.12.01"
    extra = dict(update["projects"][0], id="new-drop", name={"name": "New Drop"})
    extra.pop("competitors", None)
    update["projects"].append(extra)  # one project more, to tell the versions apart
    newer = tmp_path / "update.json"
    newer.write_text(json.dumps(update), encoding="utf-8")
    import_update(paths, str(newer))

    from airdrop_desk.catalog.sync import load_active

    services = Services(paths, lambda: open_storage(paths))
    window = build_window(load_active(paths), paths, "light", services=services)
    open_window_storage(window, services, owned=True)  # the window ends them when it closes
    # not handed to qtbot: the rebuild deletes this window itself
    menu = install_data_features(window, services, "light", lambda error: None)
    window.show()
    assert window.model.rowCount() == 27
    menu.confirm = lambda *_args: True
    with qtbot.waitSignal(menu.finished, timeout=10_000):
        menu.actions["rollback"].trigger()
    qtbot.waitUntil(lambda: any(w is not window for w in _shown_windows()), timeout=10_000)
    fresh = next(w for w in _shown_windows() if w is not window)
    qtbot.addWidget(fresh)
    assert fresh.model.rowCount() == 26
    qtbot.waitUntil(lambda: window not in _shown_windows())
    assert [a.text() for a in fresh.menuBar().actions()][-2] == "&Data"

"""Fixtures that build the real main window over a temporary data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from airdrop_desk.catalog.sync import LoadedCatalog, ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.application import build_window, create_app
from airdrop_desk.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> LoadedCatalog:
    """The bundled catalog as the app stores and reads it, in a data folder of its own."""
    return ensure_catalog(Paths(tmp_path_factory.mktemp("catalog-data")), bundled_catalog_path())


@pytest.fixture
def make_window(qtbot, catalog: LoadedCatalog, tmp_path: Path) -> Callable[..., MainWindow]:
    """Build (and show) a main window; call again with the same folder to 'restart'."""
    create_app()

    def make(data_dir: Path | None = None, theme: str = "light") -> MainWindow:
        window = build_window(catalog, Paths(data_dir or tmp_path / "data"), theme)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def names() -> Callable[[MainWindow], list[str]]:
    """The project names a window's table shows, top to bottom."""

    def visible(window: MainWindow) -> list[str]:
        model = window.table.model()
        return [model.index(row, 0).data() for row in range(model.rowCount())]

    return visible

"""Fixtures that build the real main window over a temporary data folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tracking_helpers import had_the_landing

from airdrop_desk.catalog.sync import LoadedCatalog, ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.application import build_window, create_app
from airdrop_desk.ui.main_window import MainWindow
from airdrop_desk.ui.services import Services


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> LoadedCatalog:
    """The bundled catalog as the app stores and reads it, in a data folder of its own."""
    return ensure_catalog(Paths(tmp_path_factory.mktemp("catalog-data")), bundled_catalog_path())


@pytest.fixture
def make_window(qtbot, catalog: LoadedCatalog, tmp_path: Path) -> Callable[..., MainWindow]:
    """Build (and show) a main window; call again with the same folder to 'restart'."""
    create_app()

    def make(
        data_dir: Path | None = None, theme: str = "light", returning: bool = True
    ) -> MainWindow:
        """``returning``: a user who has had the one-time "Farmable now" landing (the
        window opens on every project); False: a first start."""
        paths = Paths(data_dir or tmp_path / "data")
        if returning:
            had_the_landing(paths)
        window = build_window(catalog, paths, theme)
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


@pytest.fixture
def make_services(qapp: Any) -> Iterator[Callable[..., Services]]:
    """The app's services over a data folder (its database opener unless one is given);
    ``database_open``: the database is opened on their lane at once. Ended after the test.
    Without ``secrets`` they have no keyring at all: a test never reaches the user's."""
    made: list[Services] = []

    def make(
        paths: Paths,
        opener: Callable[[], Any] | None = None,
        database_open: bool = False,
        **options: Any,
    ) -> Services:
        from keyring.backends import fail

        from airdrop_desk.keys.store import KeyringStore
        from airdrop_desk.storage.db import open_database

        options.setdefault("secrets", KeyringStore(fail.Keyring()))
        services = Services(
            paths, opener or (lambda: open_database(paths.database, paths.backups)), **options
        )
        made.append(services)
        if database_open:
            services.ops.open_database(None, services.open_database).run().future.result(10)
        return services

    yield make
    for services in made:
        services.shutdown()

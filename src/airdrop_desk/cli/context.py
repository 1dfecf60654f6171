"""What a subcommand may ask for; each piece is opened only when asked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from airdrop_desk.paths import Paths

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.catalog.sync import LoadedCatalog


class Context:
    """Paths plus lazily loaded catalog and database for one command run."""

    def __init__(self, paths: Paths, catalog_path: Path) -> None:
        self.paths = paths
        self.catalog_path = catalog_path
        self._cache: dict[str, Any] = {}

    def catalog(self) -> LoadedCatalog:
        """The active catalog (stored first if the file is new); raises CatalogError."""
        if "catalog" not in self._cache:
            from airdrop_desk.catalog.sync import ensure_catalog

            self._cache["catalog"] = ensure_catalog(self.paths, self.catalog_path)
        return self._cache["catalog"]  # type: ignore[no-any-return]

    def database(self) -> Database:
        """The migrated database; raises StorageError."""
        if "db" not in self._cache:
            from airdrop_desk.storage.db import open_database

            self._cache["db"] = open_database(self.paths.database, self.paths.backups)
        return self._cache["db"]  # type: ignore[no-any-return]

"""Bring a catalog file into the database once, then start from the database.

The fast path — the usual start — checks the file's SHA-256 against the versions
already stored and reads the active version's rows with plain sqlite3: no schema
validation, sqlite-utils or msgspec on the way to the first paint. Only a file the
database has not seen yet (first run, app update, ``--catalog`` with a new file)
takes the slow path: migrate, validate the whole file, store it as a new version.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.catalog.files import read_catalog_file
from airdrop_desk.core.rows import ProjectRow
from airdrop_desk.paths import Paths
from airdrop_desk.storage.catalog_repo import CatalogReader
from airdrop_desk.storage.inspect import open_inspected
from airdrop_desk.storage.migrations import KNOWN

if TYPE_CHECKING:
    import datetime as dt

    from airdrop_desk.catalog.layers import Composition
    from airdrop_desk.core.compose import Placed
    from airdrop_desk.core.domain import Project, Source
    from airdrop_desk.core.filters import ProjectIndex


class LoadedCatalog(NamedTuple):
    """The rows to show, in memory, and their documents on demand: the active catalog
    version, with each feed's newest version and your projects composed in (one row
    per project, ``catalog.layers``) when there are any."""

    reader: CatalogReader
    version: int
    rows: list[ProjectRow]
    imported: bool  # True when this start stored a new catalog version
    composition: Composition | None = None  # None: the catalog's rows alone

    def docs(self) -> ProjectDocs:
        return ProjectDocs(self.reader, self.version, self.composition)

    def facets(self, index: ProjectIndex | None = None) -> dict[str, list[tuple[str, int]]]:
        """The pickers' choices; ``index``: one already built over these rows."""
        if self.composition is None:
            return self.reader.facets(self.version)
        if index is None:
            from airdrop_desk.core.filters import ProjectIndex

            index = ProjectIndex(self.rows)
        return index.facet_values()  # the pickers count every layer


#: Runs the slow part of storing a new catalog file: (file name, its size in bytes, the
#: work). The window passes one that shows progress; the default just calls the work.
ImportRunner = Callable[[str, int, Callable[[], None]], None]


def _run_here(_name: str, _size: int, work: Callable[[], None]) -> None:
    work()


def ensure_catalog(
    paths: Paths, catalog_path: Path, run_import: ImportRunner = _run_here
) -> LoadedCatalog:
    """The catalog to show; stores ``catalog_path`` first if it is new.

    Raises CatalogError for an invalid new file (nothing is written then) and
    StorageError for a database that cannot be used (left untouched). Storing a new
    file — validate, then write — goes through ``run_import``.
    """
    applied, conn = open_inspected(paths.database)
    migrated = not set(KNOWN) - set(applied)
    signature = file_signature(catalog_path)
    if conn is not None and migrated:
        # The usual start: a database up to date, this file stored before. One read-only
        # connection checks it and then reads the rows (each connection costs ~0.6 ms).
        reader = CatalogReader(conn)
        if reader.version_with_signature(signature) is not None and not reader.stale_versions():
            return _loaded(reader, imported=False)
        reader.close()
    elif conn is not None:
        conn.close()
    imported = _store_if_new(paths, catalog_path, signature, run_import, migrated)
    derive_stale(paths, catalog_path.name, run_import)
    return _loaded(CatalogReader.open(paths.database), imported)


def derive_stale(paths: Paths, name: str, run_import: ImportRunner = _run_here) -> None:
    """Derive again the rows of stored catalog versions that an earlier version of the
    app derived with other fields (after an app update that declares a new field)."""
    reader = CatalogReader.open(paths.database)
    try:
        stale = reader.stale_versions()
        size = reader.stored_size(stale) if stale else 0
    finally:
        reader.close()
    if stale:
        run_import(name, size, lambda: _derive(paths, stale))


def _derive(paths: Paths, versions: list[int]) -> None:
    from airdrop_desk.storage.catalog_repo import derive_again
    from airdrop_desk.storage.db import open_database

    db = open_database(paths.database, paths.backups)
    try:
        for version in versions:
            derive_again(db, version)
    finally:
        db.close()


def _store_if_new(
    paths: Paths, catalog_path: Path, signature: str, run_import: ImportRunner, migrated: bool
) -> bool:
    """A file not seen under this path, size and time: hash it, store it when its
    contents are new too. True when it was stored."""
    import hashlib

    data = read_catalog_file(catalog_path)
    sha = hashlib.sha256(data).hexdigest()
    if migrated and _stored(paths, sha) is not None:
        _remember_signature(paths, sha, signature)
        return False
    run_import(
        catalog_path.name,
        len(data),
        lambda: _import(paths, catalog_path.name, data, sha, signature),
    )
    return True


def _loaded(reader: CatalogReader, imported: bool) -> LoadedCatalog:
    version = reader.active_version()
    assert version is not None
    return composed(reader, version, reader.rows(version), imported)


def composed(
    reader: CatalogReader, version: int, rows: list[ProjectRow], imported: bool
) -> LoadedCatalog:
    """``rows`` of catalog ``version`` with the feeds' and your projects composed in."""
    if not reader.feed_versions() and not _has_user_projects(reader):
        return LoadedCatalog(reader, version, rows, imported)
    from airdrop_desk.catalog.layers import compose_rows

    shown, composition = compose_rows(reader, version, rows, ProjectDocs)
    return LoadedCatalog(reader, version, shown, imported, composition)


def _has_user_projects(reader: CatalogReader) -> bool:
    import sqlite3

    try:
        return reader.conn.execute("SELECT 1 FROM user_projects LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # a database from before step 0009_user_projects
        return False


def file_signature(path: Path) -> str:
    """Path, size and modification time: a changed file gets a new signature."""
    try:
        st = path.stat()
    except OSError as exc:
        raise CatalogError(str(path), f"cannot read the file ({exc.strerror})") from None
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"


def _stored(paths: Paths, sha: str) -> int | None:
    reader = CatalogReader.open(paths.database)
    try:
        return reader.version_with_sha(sha)
    finally:
        reader.close()


def _import(paths: Paths, origin: str, data: bytes, sha: str, signature: str) -> None:
    from airdrop_desk.catalog.load import parse_catalog
    from airdrop_desk.storage.catalog_repo import import_catalog
    from airdrop_desk.storage.db import open_database

    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived objects and no cycles: collections only cost
    try:
        catalog = parse_catalog(data, origin)  # validate before the database is touched
        db = open_database(paths.database, paths.backups)
        try:
            existing = db.execute(
                "SELECT id FROM catalog_versions WHERE sha256 = ? AND feed IS NULL", [sha]
            ).fetchone()
            if existing is None:
                import_catalog(db, catalog, sha, origin, file_signature=signature)
        finally:
            db.close()
        _let_go(catalog.projects)
    finally:
        if collecting:
            gc.enable()


def _let_go(items: list[Project]) -> None:
    """Free a long list a slice at a time: freeing 100,000 projects at once holds
    Python's lock for most of a second, and the import runs beside the GUI thread."""
    while items:
        del items[-1000:]


def _remember_signature(paths: Paths, sha: str, signature: str) -> None:
    from airdrop_desk.storage.db import open_database

    db = open_database(paths.database, paths.backups)
    try:
        with db.atomic():
            db.execute(
                "UPDATE catalog_versions SET file_signature = ? WHERE sha256 = ?", [signature, sha]
            )
    finally:
        db.close()


class ProjectDocs:
    """Whole projects of the shown rows, decoded on demand and cached: from the catalog
    version, a feed's version or your projects, as the composition placed them."""

    def __init__(
        self, reader: CatalogReader, version: int, composition: Composition | None = None
    ) -> None:
        self._reader, self._version = reader, version
        self._composition = composition
        self._cache: dict[str, Project | None] = {}
        self._sources: dict[int, tuple[str, dict[str, Source]]] = {}

    def adopt(self, other: ProjectDocs) -> None:
        """Serve ``other``'s projects from now on (the views keep holding this object)."""
        self._reader, self._version = other._reader, other._version
        self._composition = other._composition
        self._cache.clear()
        self._sources.clear()

    def reloaded(self) -> LoadedCatalog:
        """The rows again over the same catalog version, after your projects (or a
        feed) changed: read on the GUI thread, like the catalog at start."""
        rows = self._reader.rows(self._version)
        return composed(self._reader, self._version, rows, False)

    def reloader(
        self, database: Path, today: dt.date
    ) -> Callable[[], tuple[LoadedCatalog, ProjectIndex]]:
        """``reloaded``'s read as work for a background thread, on a connection of its
        own, with the filter index over the rows and their statuses on ``today``: a
        feed's thousands of rows are composed there, not on the GUI thread."""
        version = self._version

        def read() -> tuple[LoadedCatalog, ProjectIndex]:
            from airdrop_desk.core.filters import ProjectIndex

            collecting = gc.isenabled()
            gc.disable()  # a full collection over the fresh rows would stall the GUI thread
            try:
                reader = CatalogReader.open(database, any_thread=True)
                catalog = composed(reader, version, reader.rows(version), False)
                return catalog, ProjectIndex(catalog.rows, today)
            finally:
                if collecting:
                    gc.enable()

        return read

    def project(self, project_id: str) -> Project | None:
        if project_id not in self._cache:
            self._cache[project_id] = self._load(project_id)
        return self._cache[project_id]

    def origin(self, project_id: str) -> str:
        """ "catalog", "yours" or the feed's name."""
        placed = self._placed(project_id)
        if placed is None:
            return "catalog"
        return "yours" if placed.fills is not None else placed.origin

    def matched(self, project_id: str) -> str | None:
        """For your project shown with another layer's fields: that layer."""
        placed = self._placed(project_id)
        return placed.origin if placed is not None and placed.fills is not None else None

    def sources(self) -> tuple[str, dict[str, Source]]:
        """The active catalog's article source id and all its sources by id."""
        return self._version_sources(self._version)

    def sources_of(self, project_id: str) -> tuple[str, dict[str, Source]]:
        """The sources ``project_id``'s facts cite and the id its description cites."""
        placed = self._placed(project_id)
        if placed is None:
            return self.sources()
        assert self._composition is not None
        mine = self._composition.yours.get(placed.fills or placed.layer_id)
        if placed.origin == "yours" and mine is not None:
            return mine.project.id, {s.id: s for s in mine.sources}
        article, found = self._version_sources(self._composition.versions[placed.origin])
        if mine is not None:
            found = {**{s.id: s for s in mine.sources}, **found}
        return article, found

    def _placed(self, project_id: str) -> Placed | None:
        if self._composition is None:
            return None
        return self._composition.placed.get(project_id)

    def _version_sources(self, version: int) -> tuple[str, dict[str, Source]]:
        if version not in self._sources:
            self._sources[version] = self._reader.sources(version)
        return self._sources[version]

    def _load(self, project_id: str) -> Project | None:
        placed = self._placed(project_id)
        if placed is None:
            return self._reader.project(self._version, project_id)
        assert self._composition is not None
        if placed.origin == "yours":
            return self._composition.yours[placed.layer_id].project
        version = self._composition.versions[placed.origin]
        found = self._reader.project(version, placed.layer_id)
        if found is None:
            return None
        if placed.fills is not None:
            from airdrop_desk.core.compose import merge_project

            return merge_project(found, self._composition.yours[placed.fills].project)
        if found.id != project_id:
            import msgspec

            return msgspec.structs.replace(found, id=project_id)
        return found


def load_active(paths: Paths) -> LoadedCatalog:
    """The active catalog version as stored (after an update, rollback or restore)."""
    derive_stale(paths, paths.database.name)  # a restored backup may predate a field
    reader = CatalogReader.open(paths.database)
    version = reader.active_version()
    if version is None:
        reader.close()
        raise CatalogError(paths.database.name, "no catalog has been stored yet")
    return composed(reader, version, reader.rows(version), False)

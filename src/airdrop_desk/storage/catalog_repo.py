"""Catalog versions in the database: written once per catalog file, read at every start.

Each imported catalog file becomes a version (kept, so the user can roll back).
Per project the table keeps the compact row the window filters on (fields added
later in its ``extra`` JSON text, see ``core.fields``), plus the whole project as
JSON for the detail pane. Reads use a plain read-only ``sqlite3``
connection so start-up needs neither sqlite-utils nor msgspec.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from airdrop_desk.core.fields import ROW_FORMAT
from airdrop_desk.core.rows import FIELDS, ProjectRow

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.core.domain import Catalog, Project, Source

# core.settings.ACTIVE_CATALOG's key, as text: this module is read before the window's first
# paint, which imports nothing it can do without (a test holds the two equal).
ACTIVE_KEY = "catalog.active_version"
_ROW_COLUMNS = ", ".join(FIELDS)  # the row's fields are the table's columns


class CatalogVersion(NamedTuple):
    """One imported catalog file."""

    id: int
    catalog_version: str
    sha256: str
    origin: str
    imported_at: str
    project_count: int


def import_catalog(
    db: Database,
    catalog: Catalog,
    sha256: str,
    origin: str,
    activate: bool = True,
    file_signature: str | None = None,
    feed: str | None = None,
) -> int:
    """Store ``catalog`` as a new version (one transaction); returns its id.

    ``feed`` names the subscribed feed the file came from: such a version is never the
    active one (the app's own catalog is), it is shown beside it. ``sha256`` is unique
    over every version, so a feed's version is keyed by its file and its name
    (``f"{sha}:{feed}"``): the same file may be the catalog and a feed's.
    """
    if feed is not None and activate:
        raise ValueError("a feed's version is shown beside the catalog, never made active")
    import msgspec

    from airdrop_desk.core import clock
    from airdrop_desk.core.fields import project_row as row_from_project
    from airdrop_desk.core.filters import ProjectIndex

    encode = msgspec.json.encode
    now = clock.iso(clock.now(), "s")
    project_rows = [row_from_project(p) for p in catalog.projects]
    facets = ProjectIndex(project_rows).facet_values()  # the pickers' choices, once
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO catalog_versions (catalog_version, sha256, origin, file_signature, "
            "imported_at, project_count, article_source, sources, facets, row_format, feed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                catalog.catalog_version,
                sha256,
                origin,
                file_signature,
                now,
                len(catalog.projects),
                catalog.article_source,
                encode(catalog.sources),
                json.dumps(facets),
                ROW_FORMAT,
                feed,
            ],
        )
        version = int(cursor.lastrowid or 0)

        def rows() -> Iterable[tuple[object, ...]]:
            for position, row in enumerate(project_rows):
                yield (version, position, *row)

        db.conn.executemany(
            f"INSERT INTO catalog_projects (version_id, position, {_ROW_COLUMNS}) "
            f"VALUES ({', '.join('?' * (2 + len(FIELDS)))})",
            rows(),
        )
        db.conn.executemany(
            "INSERT INTO catalog_docs (version_id, id, doc) VALUES (?, ?, ?)",
            ((version, p.id, encode(p)) for p in catalog.projects),
        )
        if activate:
            set_active(db, version)
    return version


def derive_again(db: Database, version: int) -> None:
    """Derive the rows and picker choices of a stored ``version`` again from its
    projects, as this version of the app declares its fields (one transaction)."""
    from airdrop_desk.core.fields import project_row as row_from_project
    from airdrop_desk.core.filters import ProjectIndex

    projects = CatalogReader(db.conn).projects(version)
    project_rows = [row_from_project(p) for p in projects]
    facets = ProjectIndex(project_rows).facet_values()
    assignments = ", ".join(f"{name} = ?" for name in FIELDS)
    with db.atomic():
        db.conn.executemany(
            f"UPDATE catalog_projects SET {assignments} WHERE version_id = ? AND position = ?",
            ((*row, version, position) for position, row in enumerate(project_rows)),
        )
        db.execute(
            "UPDATE catalog_versions SET facets = ?, row_format = ? WHERE id = ?",
            [json.dumps(facets), ROW_FORMAT, version],
        )


def set_active(db: Database, version: int) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [ACTIVE_KEY, json.dumps(version)],
        )


class CatalogReader:
    """Read-only access to the stored catalog versions over a plain sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, path: Path, any_thread: bool = False) -> CatalogReader:
        """A reader of ``path``; ``any_thread``: opened on one thread, used on another
        (read in the background, then handed to the window; never two at once)."""
        uri = f"{path.absolute().as_uri()}?mode=ro"
        return cls(sqlite3.connect(uri, uri=True, check_same_thread=not any_thread))

    def close(self) -> None:
        self.conn.close()

    def active_version(self) -> int | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [ACTIVE_KEY]).fetchone()
        return None if row is None else int(json.loads(row[0]))

    def version_with_sha(self, sha256: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM catalog_versions WHERE sha256 = ? AND feed IS NULL", [sha256]
        ).fetchone()
        return None if row is None else int(row[0])

    def version_with_signature(self, signature: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM catalog_versions WHERE file_signature = ? AND feed IS NULL",
            [signature],
        ).fetchone()
        return None if row is None else int(row[0])

    def stale_versions(self) -> list[int]:
        """Versions whose rows were derived with other field declarations than these."""
        rows = self.conn.execute(
            "SELECT id FROM catalog_versions WHERE row_format != ? ORDER BY id", [ROW_FORMAT]
        ).fetchall()
        return [int(row[0]) for row in rows]

    def stored_size(self, versions: list[int]) -> int:
        """Bytes of the projects stored for ``versions``."""
        marks = ", ".join("?" * len(versions))
        (size,) = self.conn.execute(
            f"SELECT total(length(doc)) FROM catalog_docs WHERE version_id IN ({marks})", versions
        ).fetchone()
        return int(size)

    def versions(self) -> list[CatalogVersion]:
        """The app's own catalog versions (not the feeds'), oldest first."""
        rows = self.conn.execute(
            "SELECT id, catalog_version, sha256, origin, imported_at, project_count "
            "FROM catalog_versions WHERE feed IS NULL ORDER BY id"
        ).fetchall()
        return [CatalogVersion(*row) for row in rows]

    def feed_versions(self) -> list[tuple[str, int]]:
        """(feed name, its newest stored version) for every feed with a file stored."""
        rows = self.conn.execute(
            "SELECT feed, max(id) FROM catalog_versions WHERE feed IS NOT NULL "
            "GROUP BY feed ORDER BY feed"
        ).fetchall()
        return [(str(name), int(version)) for name, version in rows]

    def rows(self, version: int) -> list[ProjectRow]:
        """Every project's row of ``version``, in catalog order."""
        cursor = self.conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM catalog_projects WHERE version_id = ? ORDER BY position",
            [version],
        )
        make = ProjectRow._make
        return [make(t) for t in cursor]

    def facets(self, version: int) -> dict[str, list[tuple[str, int]]]:
        """The pickers' choices with their project counts, stored at import."""
        (text,) = self.conn.execute(
            "SELECT facets FROM catalog_versions WHERE id = ?", [version]
        ).fetchone()
        return {k: [(name, count) for name, count in v] for k, v in json.loads(text).items()}

    def project(self, version: int, project_id: str) -> Project | None:
        """The whole project, for the detail pane (decoded on demand)."""
        import msgspec

        from airdrop_desk.core.domain import Project

        row = self.conn.execute(
            "SELECT doc FROM catalog_docs WHERE version_id = ? AND id = ?", [version, project_id]
        ).fetchone()
        return None if row is None else msgspec.json.decode(row[0], type=Project)

    def projects(self, version: int) -> list[Project]:
        import msgspec

        from airdrop_desk.core.domain import Project

        decoder = msgspec.json.Decoder(Project)
        cursor = self.conn.execute(
            "SELECT d.doc FROM catalog_projects p JOIN catalog_docs d "
            "ON d.version_id = p.version_id AND d.id = p.id "
            "WHERE p.version_id = ? ORDER BY p.position",
            [version],
        )
        return [decoder.decode(doc) for (doc,) in cursor]

    def sources(self, version: int) -> tuple[str, dict[str, Source]]:
        """The article source id and every source of ``version`` by id."""
        import msgspec

        from airdrop_desk.core.domain import Source

        article, blob = self.conn.execute(
            "SELECT article_source, sources FROM catalog_versions WHERE id = ?", [version]
        ).fetchone()
        decoded = msgspec.json.decode(blob, type=list[Source])
        return article, {s.id: s for s in decoded}

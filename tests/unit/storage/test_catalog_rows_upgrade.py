"""Stored catalog rows follow the field declarations: an older database is derived again.

A data folder written before the rows had their extra fields (schema before 0007), or
by an app that declared other fields, keeps its catalog version: at the next start
its rows and picker choices are derived again from the stored projects, once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import msgspec
from sqlite_utils import Database

from airdrop_desk.catalog import load_catalog
from airdrop_desk.catalog.sync import ensure_catalog, load_active
from airdrop_desk.core.fields import ROW_FORMAT
from airdrop_desk.core.fields import project_row as row_from_project
from airdrop_desk.core.filters import ProjectIndex
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.migrations import migration_set

OLD_COLUMNS = (
    "id, name, aliases, tier, score, score_kind, raised, narratives, ecosystem, "
    "investors, token, status, has_points, search"
)


def write_pre_0007_folder(paths: Paths) -> None:
    """A data folder as the app wrote it before migration 0007, the bundled catalog stored."""
    raw = bundled_catalog_path().read_bytes()
    catalog = load_catalog(bundled_catalog_path())
    paths.database.parent.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite3.connect(paths.database), execute_plugins=False)
    db.execute("PRAGMA journal_mode=WAL")
    migration_set().apply(db, stop_before="0007_catalog_extra_fields")
    with db.atomic():
        db.execute(
            "INSERT INTO catalog_versions (id, catalog_version, sha256, origin, file_signature, "
            "imported_at, project_count, article_source, sources, facets) "
            "VALUES (1, ?, ?, 'catalog.json', NULL, '2025-01-01T00:00:00+00:00', ?, ?, ?, ?)",
            [
                catalog.catalog_version,
                hashlib.sha256(raw).hexdigest(),
                len(catalog.projects),
                catalog.article_source,
                msgspec.json.encode(catalog.sources),
                json.dumps({"narrative": [], "ecosystem": [], "investor": []}),
            ],
        )
        for position, project in enumerate(catalog.projects):
            old_row = tuple(row_from_project(project))[:14]
            db.execute(
                f"INSERT INTO catalog_projects (version_id, position, {OLD_COLUMNS}) "
                f"VALUES (1, ?, {', '.join('?' * 14)})",
                [position, *old_row],
            )
            db.execute(
                "INSERT INTO catalog_docs (version_id, id, doc) VALUES (1, ?, ?)",
                [project.id, msgspec.json.encode(project)],
            )
        db.execute("INSERT INTO settings (key, value) VALUES ('catalog.active_version', '1')")
    db.close()


def expected_rows() -> list[tuple[object, ...]]:
    return [tuple(row_from_project(p)) for p in load_catalog(bundled_catalog_path()).projects]


def row_formats(paths: Paths) -> list[str]:
    conn = sqlite3.connect(paths.database)
    try:
        return [r[0] for r in conn.execute("SELECT row_format FROM catalog_versions")]
    finally:
        conn.close()


def test_a_folder_from_before_the_extra_fields_is_derived_again(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    write_pre_0007_folder(paths)
    loaded = ensure_catalog(paths, bundled_catalog_path())
    assert [v.id for v in loaded.reader.versions()] == [1]  # kept, not stored a second time
    assert [tuple(r) for r in loaded.rows] == expected_rows()
    assert loaded.facets() == ProjectIndex(loaded.rows).facet_values()
    assert loaded.facets()["narrative"][0] == ("Layer 2", 9)  # 8 in the article, Base
    assert row_formats(paths) == [ROW_FORMAT]
    loaded.reader.close()
    again = ensure_catalog(paths, bundled_catalog_path())  # the usual start from now on
    assert [tuple(r) for r in again.rows] == expected_rows()
    again.reader.close()


def test_rows_derived_with_other_fields_are_derived_again(tmp_path: Path) -> None:
    """As after an app update that declares a new field: no migration, the rows follow."""
    paths = Paths(tmp_path)
    ensure_catalog(paths, bundled_catalog_path()).reader.close()
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE catalog_versions SET row_format = '0:older', facets = '{}'")
        conn.execute("UPDATE catalog_projects SET extra = '{\"gone\":1}', search = ''")
    conn.close()
    reloaded = load_active(paths)  # after a restore of an older backup, say
    assert [tuple(r) for r in reloaded.rows] == expected_rows()
    assert row_formats(paths) == [ROW_FORMAT]
    reloaded.reader.close()

    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE catalog_versions SET row_format = '0:older', facets = '{}'")
    conn.close()
    loaded = ensure_catalog(paths, bundled_catalog_path())
    assert not loaded.imported
    assert loaded.facets() == ProjectIndex(loaded.rows).facet_values()
    assert row_formats(paths) == [ROW_FORMAT]
    loaded.reader.close()

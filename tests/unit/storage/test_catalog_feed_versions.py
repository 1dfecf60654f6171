"""A feed's files are stored as catalog versions named by the feed, beside the app's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from airdrop_desk.catalog.load import load_catalog
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.catalog_repo import CatalogReader, import_catalog
from airdrop_desk.storage.db import open_database


def test_feed_versions_stand_beside_the_catalog_and_are_never_active(tmp_path: Path) -> None:
    catalog = load_catalog(bundled_catalog_path())
    db = open_database(tmp_path / "data.sqlite3", tmp_path / "backups")
    own = import_catalog(db, catalog, "a" * 64, "catalog.json")
    first = import_catalog(db, catalog, "b" * 64, "feed.json", activate=False, feed="friends")
    newer = import_catalog(db, catalog, "c" * 64, "feed.json", activate=False, feed="friends")
    # sha256 is unique over all versions: a feed's version is keyed by the file and the feed.
    other = import_catalog(db, catalog, "a" * 64 + ":other", "f.json", activate=False, feed="other")
    with pytest.raises(ValueError, match="never made active"):
        import_catalog(db, catalog, "d" * 64, "x.json", feed="friends")
    reader = CatalogReader(db.conn)
    assert reader.active_version() == own
    assert [v.id for v in reader.versions()] == [own]  # what rollback chooses from
    assert reader.feed_versions() == [("friends", newer), ("other", other)]
    assert first < newer
    assert reader.version_with_sha("a" * 64) == own  # the feed's equal file is not the catalog
    db.close()

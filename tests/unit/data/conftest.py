"""Fixtures for backup, export/import and catalog update tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from data_helpers import make_data

from airdrop_desk.paths import Paths
from airdrop_desk.storage import migrations
from airdrop_desk.storage.db import open_database

EXTRA = "9901_test_feature"


@pytest.fixture
def data(tmp_path: Path) -> Paths:
    """A data folder with the bundled catalog stored and user rows in it."""
    return make_data(tmp_path / "data")


@pytest.fixture
def fresh(tmp_path: Path) -> Paths:
    """An empty data folder (not created yet)."""
    return Paths(tmp_path / "fresh")


@pytest.fixture
def extra_feature(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Paths], None]]:
    """A schema change as a later feature would add it: new tables with every column kind.

    Returns a function that fills them in a data folder (after ``open_database``).
    """

    def create(db: object) -> None:
        db.execute("""CREATE TABLE test_attachments (
            id INTEGER PRIMARY KEY, label TEXT, body BLOB, ratio REAL,
            counter INTEGER NOT NULL DEFAULT 0, anything ANY) STRICT""")  # type: ignore[attr-defined]
        db.execute("""CREATE TABLE test_pairs (
            a TEXT NOT NULL, b INTEGER NOT NULL,
            attachment INTEGER REFERENCES test_attachments(id),
            PRIMARY KEY (a, b)) STRICT, WITHOUT ROWID""")  # type: ignore[attr-defined]

    # A new last step of the ladder; KNOWN is changed in place, as modules imported it.
    monkeypatch.setattr(migrations, "LADDER", (*migrations.LADDER, (EXTRA, create)))
    migrations.KNOWN.append(EXTRA)
    migrations.migration_set.cache_clear()

    def fill(paths: Paths) -> None:
        db = open_database(paths.database, paths.backups)
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO test_attachments (id, label, body, ratio, counter, anything) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (1, "", b"\x00\xffbinary\n", 0.1, 2**62, None),
                    (2, None, b"", float("inf"), -(2**63), "text in ANY"),
                    (3, "tab\tand\r\nnewlines", None, -1.5e-300, 0, b"\x01bytes in ANY"),
                    (4, "😀 emoji", bytes(range(256)), float("-inf"), 7, 3.25),
                ],
            )
            db.conn.executemany(
                "INSERT INTO test_pairs VALUES (?, ?, ?)", [("x", 1, 1), ("x", 2, None), ("", 0, 4)]
            )
        db.close()

    try:
        yield fill
    finally:
        migrations.KNOWN.remove(EXTRA)
        monkeypatch.undo()
        migrations.migration_set.cache_clear()

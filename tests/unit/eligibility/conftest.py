"""A real database file for each eligibility test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from airdrop_desk.storage.db import open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "airdrop-desk.sqlite3"


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    opened = open_database(db_path, tmp_path / "backups")
    yield opened
    opened.close()

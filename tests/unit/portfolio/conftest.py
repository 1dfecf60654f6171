"""A migrated database in a temporary folder for the portfolio tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from airdrop_desk.storage.db import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Any]:
    database = open_database(tmp_path / "airdrop-desk.sqlite3", tmp_path / "backups")
    try:
        yield database
    finally:
        database.close()

"""Settings are declared once (core.settings) and read back typed, with their defaults."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from airdrop_desk.core import settings
from airdrop_desk.storage.catalog_repo import ACTIVE_KEY
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.settings import SettingsRepo


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "airdrop-desk.sqlite3", tmp_path / "backups")
    yield database
    database.close()


def test_each_setting_has_its_own_key_a_doc_and_a_default_its_check_accepts() -> None:
    keys = [s.key for s in settings.ALL]
    assert len(set(keys)) == len(keys)
    for setting in settings.ALL:
        assert setting.doc.strip(), setting.key
        assert setting.validate(setting.default) == setting.default, setting.key


def test_the_start_up_copy_of_the_catalog_key_is_the_declared_one() -> None:
    assert settings.ACTIVE_CATALOG.key == ACTIVE_KEY


def test_nothing_stored_reads_as_the_default(db: Database) -> None:
    repo = SettingsRepo(db)
    assert repo.read(settings.BACKUPS_KEEP) == 14
    assert repo.read(settings.KEY_ROTATION_DAYS) == 90
    assert repo.read(settings.LAST_PROFILE) is None
    notified = repo.read(settings.NOTIFIED)
    notified.append("changed by the caller")
    assert repo.read(settings.NOTIFIED) == []  # the default is never shared


def test_a_value_written_reads_back_typed_and_checked(db: Database) -> None:
    repo = SettingsRepo(db)
    assert repo.write(settings.BACKUPS_KEEP, 5000) == 1000  # clamped to the range
    assert repo.read(settings.BACKUPS_KEEP) == 1000
    repo.write(settings.NOTIFIED, ["a", "b"])
    assert repo.read(settings.NOTIFIED) == ["a", "b"]
    repo.write(settings.REMIND_DAYS, 3)
    assert repo.read(settings.REMIND_DAYS) == 3
    with pytest.raises(ValueError):
        repo.write(settings.KEY_ROTATION_DAYS, 0)
    assert repo.get(settings.KEY_ROTATION_DAYS.key) is None  # a refused value is not stored


@pytest.mark.parametrize(
    ("setting", "stored"),
    [
        (settings.BACKUPS_KEEP, "fourteen"),
        (settings.BACKUPS_KEEP, True),
        (settings.KEY_ROTATION_DAYS, -3),
        (settings.LAST_PROFILE, [1]),
        (settings.NOTIFIED, "not a list"),
        (settings.REMIND_DAYS, 2.5),
    ],
)
def test_a_hand_edited_value_the_check_refuses_reads_as_the_default(
    db: Database, setting: settings.Setting[object], stored: object
) -> None:
    repo = SettingsRepo(db)
    repo.set(setting.key, stored)
    assert repo.read(setting) == setting.default

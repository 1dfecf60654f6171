"""The data folder, the database and its backups are the user's alone (POSIX modes).

Under the usual umask 022 every folder the app makes is 0700 and every file 0600, and
files that an older version (or a copy) left readable to others are narrowed on open.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from airdrop_desk import paths as app_paths
from airdrop_desk.paths import Paths
from airdrop_desk.storage.backup import create_backup, list_backups, restore_backup
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.settings import SettingsRepo
from airdrop_desk.storage.userdata import export_data

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def write_something(paths: Paths) -> Database:
    """Open the database and leave it open while its -wal and -shm exist."""
    db = open_database(paths.database, paths.backups)
    SettingsRepo(db).set("theme", "dark")
    return db


def test_a_new_data_folder_is_private(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data")
    db = write_something(paths)
    try:
        wal, shm = Path(f"{paths.database}-wal"), Path(f"{paths.database}-shm")
        assert wal.exists() and shm.exists()
        assert mode(paths.data_dir) == "0o700"
        assert [mode(p) for p in (paths.database, wal, shm)] == ["0o600"] * 3
    finally:
        db.close()
    backup = create_backup(paths, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert mode(paths.backups) == "0o700" and mode(backup.path) == "0o600"
    restore_backup(paths, backup.path)
    assert {mode(b.path) for b in list_backups(paths.backups)} == {"0o600"}
    assert mode(paths.database) == "0o600"


def test_exports_are_private_too(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data")
    write_something(paths).close()
    for name, fmt in (("export.json", "json"), ("export.zip", "csv")):
        export_data(paths, tmp_path / name, fmt)
        assert mode(tmp_path / name) == "0o600"
    export_data(paths, tmp_path / "csv-folder", "csv")
    assert mode(tmp_path / "csv-folder") == "0o700"
    assert {mode(p) for p in (tmp_path / "csv-folder").iterdir()} == {"0o600"}


def test_files_left_readable_to_others_are_narrowed_when_opened(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data")
    write_something(paths).close()
    create_backup(paths)
    paths.window_state.write_text("[General]\n")
    wide = [
        paths.data_dir,
        paths.backups,
        paths.database,
        *paths.backups.iterdir(),
        paths.window_state,
    ]
    for path in wide:
        path.chmod(0o755 if path.is_dir() else 0o644)
    open_database(paths.database, paths.backups).close()
    app_paths.prepare_data_dir(paths)
    assert {str(p): mode(p) for p in wide} == {
        str(p): "0o700" if p.is_dir() else "0o600" for p in wide
    }


def test_the_window_state_file_stays_private_when_qt_writes_it(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    paths = Paths(tmp_path / "data")
    app_paths.prepare_data_dir(paths)
    state = QSettings(str(paths.window_state), QSettings.Format.IniFormat)
    state.setValue("geometry", "x")
    state.sync()
    assert state.status() == QSettings.Status.NoError
    assert "geometry" in paths.window_state.read_text()
    assert mode(paths.data_dir) == "0o700" and mode(paths.window_state) == "0o600"

"""The real launcher, as a process: screenshot mode, data folder, bad data."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage


def launch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "airdrop_desk", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("size", [(1024, 640), (1920, 1080)])
def test_screenshot_renders_the_populated_window(tmp_path: Path, size: tuple[int, int]) -> None:
    shot = tmp_path / "shot.png"
    result = launch(
        "--data-dir",
        str(tmp_path / "data"),
        "--screenshot",
        str(shot),
        "--select",
        "Scroll",
        "--size",
        f"{size[0]}x{size[1]}",
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == size
    # not a blank canvas: a populated table and pane have many distinct colours
    colours = {image.pixel(x, y) for x in range(0, size[0], 7) for y in range(0, size[1], 7)}
    assert len(colours) > 20
    db = tmp_path / "data" / "airdrop-desk.sqlite3"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"settings", "_sqlite_migrations"} <= tables


@pytest.mark.parametrize("view", ["board", "portfolio"])
def test_screenshot_of_another_window_renders_that_window(tmp_path: Path, view: str) -> None:
    data = tmp_path / "data"
    for args in (["profiles", "add", "Main"], ["track", "starknet"]):
        subprocess.run(
            [sys.executable, "-m", "airdrop_desk", *args, "--data-dir", str(data)],
            check=True,
            capture_output=True,
        )
    shot = tmp_path / "shot.png"
    result = launch(
        "--data-dir", str(data), "--screenshot", str(shot), "--view", view, "--size", "1024x640"
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1024, 640)
    if view == "board":  # not a blank canvas: tinted cells, names, the Today list
        colours = {image.pixel(x, y) for x in range(0, 1024, 5) for y in range(0, 640, 5)}
        assert len(colours) > 20


def test_env_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    result = launch(
        "--screenshot",
        str(tmp_path / "s.png"),
        env={"AIRDROP_DESK_DATA_DIR": str(tmp_path / "from-env")},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-env" / "airdrop-desk.sqlite3").exists()


def test_a_corrupt_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "airdrop-desk.sqlite3"
    db.write_bytes(b"this is a spreadsheet, not a database\n" * 50)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = launch("--data-dir", str(data), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 1
    assert "not an SQLite database" in result.stderr and str(db) in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in data.iterdir()) == ["airdrop-desk.sqlite3"]  # no -wal/-shm
    assert not (tmp_path / "s.png").exists()


def test_unknown_project_to_select_is_a_usage_error(tmp_path: Path) -> None:
    result = launch(
        "--data-dir",
        str(tmp_path),
        "--screenshot",
        str(tmp_path / "s.png"),
        "--select",
        "NoSuchCoin",
    )
    assert result.returncode == 2
    assert "NoSuchCoin" in result.stderr

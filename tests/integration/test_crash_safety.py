"""Crash safety: SIGKILL the app's writer at random moments during a stream of ticks."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from airdrop_desk.catalog import load_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 24


def _first_task(data: Path) -> int:
    paths = Paths(data)
    db = open_database(paths.database, paths.backups)
    repo = TrackingRepo(db)
    starknet = next(p for p in load_catalog(bundled_catalog_path()).projects if p.id == "starknet")
    profile = repo.create_profile("Main wallet")
    repo.track(profile.id, starknet)
    checklist = repo.checklist(profile.id, "starknet")
    assert checklist is not None
    task_id = checklist.tasks[0].task.id
    db.close()
    return task_id


def _run_and_kill(data: Path, task_id: int, rng: random.Random) -> list[int]:
    """One writer run, killed after a random time; the tick ids it reported saved."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data), str(task_id)], stdout=subprocess.PIPE
    )
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    assert proc.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + rng.uniform(0.02, 0.6)
    os.set_blocking(fd, False)
    buffered = b""
    while time.monotonic() < deadline:
        try:
            buffered += os.read(fd, 65536)
        except BlockingIOError:
            time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    os.set_blocking(fd, True)
    buffered += proc.stdout.read()  # whatever was written before the kill
    proc.stdout.close()
    saved: list[int] = []
    for line in buffered.decode().splitlines(keepends=True):
        if line.endswith("\n") and line.startswith("saved "):  # a whole, reported line
            saved.append(int(line.split()[1]))
    return saved


def test_every_reported_tick_survives_sigkill(tmp_path: Path) -> None:
    data = tmp_path / "data"
    task_id = _first_task(data)
    rng = random.Random(20261127)
    reported: list[int] = []
    for _ in range(KILLS):
        reported += _run_and_kill(data, task_id, rng)
        with sqlite3.connect(data / "airdrop-desk.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {
                r[0] for r in conn.execute("SELECT id FROM ticks WHERE task_id = ?", [task_id])
            }
        missing = [t for t in reported if t not in stored]
        assert missing == [], f"ticks reported saved but lost: {missing[:10]}"
    assert len(reported) > KILLS  # the writer really wrote between the kills

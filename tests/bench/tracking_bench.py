"""Tracking benchmarks: ``python tests/bench/tracking_bench.py [--quick] [--dir DIR]``.

Prints one JSON object of millisecond samples on stdout:

- ``tick_commit_ms``: one tick written and committed (WAL, synchronous=FULL), timed
  from the call to the return of the commit, in a database file on disk;
- ``checklist_open_ms``: a profile tracking 50 projects of 20 tasks each (with a
  few hundred ticks of history) in the real main window: from selecting a project
  to its checklist being on screen, the storage lane round trip included.

``run.py`` calls it and compares the medians with the goals (5 ms and 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
PROJECTS = 50
TASKS = 20


def seed(data_dir: Path, catalog_file: Path) -> tuple[list[str], int]:
    """A profile tracking ``PROJECTS`` projects of ``TASKS`` tasks; returns their ids."""
    import datetime as dt

    from airdrop_desk.catalog.sync import ensure_catalog
    from airdrop_desk.core.settings import LAST_PROFILE
    from airdrop_desk.paths import Paths
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    paths = Paths(data_dir)
    catalog = ensure_catalog(paths, catalog_file)
    docs = catalog.docs()
    ids = [r.id for r in catalog.rows[:PROJECTS]]
    db = open_database(paths.database, paths.backups)
    repo = TrackingRepo(db)
    profile = repo.create_profile("Bench")
    repo.settings.write(LAST_PROFILE, profile.id)
    now = dt.datetime.now().astimezone()
    first_task = 0
    for n, project_id in enumerate(ids):
        project = docs.project(project_id)
        assert project is not None
        tracked = repo.track(profile.id, project)
        have = repo.checklist(profile.id, project_id)
        assert have is not None
        for k in range(have.total, TASKS):
            repo.add_task(tracked, f"Custom task {k + 1}")
        tasks = repo.checklist(profile.id, project_id).tasks  # type: ignore[union-attr]
        first_task = first_task or tasks[0].task.id
        with db.atomic():
            for k, state in enumerate(tasks[: TASKS // 2]):
                for days in range(1 + (n + k) % 3):
                    repo.add_tick(state.task.id, now - dt.timedelta(days=days))
    db.close()
    return ids, first_task


def tick_commits(data_dir: Path, task_id: int, count: int) -> list[float]:
    from airdrop_desk.paths import Paths
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    paths = Paths(data_dir)
    db = open_database(paths.database, paths.backups)
    repo = TrackingRepo(db)
    samples = []
    try:
        for _ in range(count):
            start = time.perf_counter()
            tick = repo.add_tick(task_id)
            samples.append((time.perf_counter() - start) * 1000)
            repo.remove_ticks([tick])
    finally:
        db.close()
    return samples


def checklist_opens(data_dir: Path, catalog_file: Path, ids: list[str], count: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from airdrop_desk.catalog.sync import ensure_catalog
    from airdrop_desk.paths import Paths
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.application import build_window, create_app

    app = create_app()
    paths = Paths(data_dir)
    catalog = ensure_catalog(paths, catalog_file)
    window = build_window(
        catalog, paths, "light", open_storage=lambda: open_database(paths.database, paths.backups)
    )
    window.resize(1280, 800)
    window.show()
    session, view = window.tracking.session, window.tracking.checklist
    deadline = time.monotonic() + 30
    while not session.is_ready and time.monotonic() < deadline:
        app.processEvents()
    window.show_tab("checklist")
    app.processEvents()
    samples = []
    for n in range(count):
        project_id = ids[(n * 7 + 3) % len(ids)]
        if window.current_id() == project_id:
            project_id = ids[(n * 7 + 4) % len(ids)]
        shown: list[bool] = []

        def loaded(pid: str = project_id, out: list[bool] = shown) -> None:
            if view.checklist is not None and view.checklist.project_id == pid:
                out.append(True)

        view.loaded.connect(loaded)
        start = time.perf_counter()
        window.select_project(project_id)
        while not shown and time.perf_counter() - start < 5:
            app.processEvents()
        QApplication.processEvents()  # the repaint that puts it on screen
        samples.append((time.perf_counter() - start) * 1000)
        view.loaded.disconnect(loaded)
        assert view.model.rowCount() == TASKS, view.model.rowCount()
    window.close()
    return samples


def synthetic_catalog(target: Path) -> Path:
    from airdrop_desk.resources import bundled_catalog_path

    subprocess.run(
        [
            sys.executable,
            str(HERE / "synthetic.py"),
            "200",
            str(bundled_catalog_path()),
            str(target),
        ],
        check=True,
    )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    parser.add_argument("--dir", type=Path, help="work here (default: a temporary folder)")
    args = parser.parse_args()
    ticks, opens = (30, 10) if args.quick else (200, 40)
    with tempfile.TemporaryDirectory(prefix="airdrop-desk-tracking-", dir=args.dir) as tmp:
        root = Path(tmp)
        catalog_file = synthetic_catalog(root / "catalog-200.json")
        ids, task_id = seed(root / "data", catalog_file)
        result = {
            "tick_commit_ms": tick_commits(root / "data", task_id, ticks),
            "checklist_open_ms": checklist_opens(root / "data", catalog_file, ids, opens),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

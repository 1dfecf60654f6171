"""Your own projects: ``python tests/bench/project_bench.py [--quick] [--dir DIR]``.

Prints one JSON object of millisecond samples on stdout:

- ``add_project_ms``: in the real main window over the bundled catalog, from Save in
  the New project dialog (every field checked, names and domains checked and the
  project stored on the database lane) to its row being in the table, selected and
  painted.

``run.py`` calls it and compares the median with the goal (50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def add_projects(data_dir: Path, count: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from airdrop_desk.catalog.sync import ensure_catalog
    from airdrop_desk.paths import Paths
    from airdrop_desk.resources import bundled_catalog_path
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.application import build_window, create_app
    from airdrop_desk.ui.project_menu import install_project_menu

    app = create_app()
    paths = Paths(data_dir)
    catalog = ensure_catalog(paths, bundled_catalog_path())
    window = build_window(
        catalog, paths, "light", open_storage=lambda: open_database(paths.database, paths.backups)
    )
    window.resize(1280, 800)
    window.show()
    deadline = time.monotonic() + 30
    while not window.tracking.session.is_ready and time.monotonic() < deadline:
        app.processEvents()
    assert window.services is not None
    menu = install_project_menu(window, window.services)
    samples = []
    for n in range(count):
        menu.new_project()
        dialog = menu.dialog
        dialog.fields["name"].setText(f"Bench project {n}")
        dialog.fields["sites"].setText(f"bench{n}.example, docs.bench{n}.example")
        dialog.fields["tasks"].setPlainText("Bridge;every=weekly\nSwap")
        app.processEvents()
        project_id = f"yours-bench-project-{n}"
        start = time.perf_counter()
        dialog.submit()
        while window.current_id() != project_id and time.perf_counter() - start < 5:
            app.processEvents()
        QApplication.processEvents()  # the repaint that puts the row on screen
        samples.append((time.perf_counter() - start) * 1000)
        assert window.model.row_of(project_id) is not None
    window.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    parser.add_argument("--dir", type=Path, help="work here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="airdrop-desk-projects-", dir=args.dir) as tmp:
        samples = add_projects(Path(tmp) / "data", 10 if args.quick else 40)
    print(json.dumps({"add_project_ms": samples}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

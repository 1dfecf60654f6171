"""Render the README's screenshots over a demo data folder.

    python packaging/screenshots.py

The folder holds one profile, "Main wallet", tracking four projects with some of
their tasks ticked; the window is rendered offscreen at 1280x800 in the light and
the dark scheme into resources/screenshots/. A throw-away home folder stands in
for the user's, so the status bar shows the usual place of the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from airdrop_desk.catalog.load import parse_catalog
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo

OUT = Path(__file__).resolve().parents[1] / "resources" / "screenshots"
TICKED = {"starknet": 2, "scroll": 3, "linea": 1, "zksync": 0}  # tasks done per project
SHOTS = (("main-window.png", "light", "Starknet"), ("main-window-dark.png", "dark", "Arbitrum"))


def demo_data(folder: Path) -> None:
    catalog = parse_catalog(bundled_catalog_path().read_bytes(), "catalog.json")
    projects = {p.id: p for p in catalog.projects}
    db = open_database(folder / "airdrop-desk.sqlite3", folder / "backups")
    try:
        repo = TrackingRepo(db)
        profile = repo.create_profile("Main wallet")
        for project_id, ticked in TICKED.items():
            repo.track(profile.id, projects[project_id])
            checklist = repo.checklist(profile.id, project_id)
            assert checklist is not None
            for state in checklist.tasks[:ticked]:
                repo.add_tick(state.task.id)
    finally:
        db.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="airdrop-desk-shots-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=home)
        env.pop("AIRDROP_DESK_DATA_DIR", None)
        folder = Path(home) / ".local" / "share" / "airdrop-desk"  # the Linux default
        demo_data(folder)
        for name, theme, project in SHOTS:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "airdrop_desk",
                    "--screenshot",
                    str(OUT / name),
                    "--size",
                    "1280x800",
                    "--theme",
                    theme,
                    "--select",
                    project,
                ],
                env=env,
                check=True,
            )
            print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

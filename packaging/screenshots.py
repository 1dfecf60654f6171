"""Render the README's screenshots over a demo data folder.

    python packaging/screenshots.py

The folder holds one profile, "Main wallet", tracking four projects with some of
their tasks ticked; the window is rendered offscreen at 1280x800 in the light and
the dark scheme into resources/screenshots/. A throw-away home folder stands in
for the user's, so the status bar shows the usual place of the data.

The farm board gets a folder of its own: 20 profiles tracking 30 projects (the
catalog's and eleven made-up ones), each with a daily check-in, a weekly task and
some due dates, ticked unevenly. ``python packaging/screenshots.py --check DIR``
renders only the board, at 1024x640 and 1920x1080 in both schemes, into DIR.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
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
BOARD_SHOT = ("farm-board.png", "light", "1280x760")
# ``--check DIR``: the board at the smallest and a large size, in both schemes, to look at.
BOARD_CHECKS = tuple(
    (f"farm-board-{size}-{theme}.png", theme, size)
    for size in ("1024x640", "1920x1080")
    for theme in ("light", "dark")
)
# Made up for the picture: the catalog has 19 projects, the board shows 30.
DEMO_PROJECTS = (
    "Nimbus Rollup",
    "Quartzswap",
    "Helio Bridge",
    "Tessera",
    "Orbitfi",
    "Lumen Chain",
    "Cobalt Lend",
    "Verdant DA",
    "Kestrel Perps",
    "Mirage Restake",
    "Solace Names",
)


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


def board_catalog(target: Path) -> Path:
    """The bundled catalog plus ``DEMO_PROJECTS``, each with three task templates."""
    data = json.loads(bundled_catalog_path().read_bytes())
    source = data["article_source"]
    for name in DEMO_PROJECTS:
        data["projects"].append(
            {
                "id": name.lower().replace(" ", "-"),
                "name": {"name": name},
                "tier": "possible",
                "description": f"{name}: a made-up project for the farm board picture.",
                "task_templates": [
                    {"id": f"t{k}", "title": title, "sources": [source]}
                    for k, title in enumerate(("Bridge funds", "Swap once", "Provide liquidity"))
                ],
            }
        )
    target.write_text(json.dumps(data))
    return target


def board_data(folder: Path, catalog_file: Path) -> None:
    """20 profiles, most tracking most of the 30 projects, ticked unevenly."""
    from airdrop_desk.core.recurrence import Recurrence
    from airdrop_desk.core.settings import LAST_PROFILE

    catalog = parse_catalog(catalog_file.read_bytes(), "catalog.json")
    rng = random.Random(16)
    now = dt.datetime.now().astimezone()
    db = open_database(folder / "airdrop-desk.sqlite3", folder / "backups")
    try:
        repo = TrackingRepo(db, lambda: now - dt.timedelta(days=30))
        names = ["Main"] + [f"Alt {n:02d}" for n in range(1, 20)]
        for p_index, name in enumerate(names):
            profile = repo.create_profile(name)
            if p_index == 0:
                repo.settings.write(LAST_PROFILE, profile.id)
            for j_index, project in enumerate(catalog.projects):
                if (p_index * 7 + j_index * 3) % 11 == 0:
                    continue  # not every wallet farms everything
                with db.atomic():
                    tracked = repo.track(profile.id, project)
                    repo.add_task(tracked, "Daily check-in", recurrence=Recurrence("daily"))
                    if j_index % 3 == 0:
                        repo.add_task(tracked, "Weekly swap", recurrence=Recurrence("weekly"))
                    if j_index % 5 == 1:
                        days = rng.choice((-3, -1, 0, 4))
                        repo.add_task(
                            tracked, "Register for the season", due=now.date() + dt.timedelta(days)
                        )
                    checklist = repo.checklist(profile.id, project.id, now)
                    assert checklist is not None
                    share = rng.choice((0.0, 0.3, 0.6, 1.0, 1.0))
                    for state in checklist.tasks:
                        if rng.random() < share:
                            repo.add_tick(state.task.id, now - dt.timedelta(minutes=5))
    finally:
        db.close()


def render(home: str, args: list[str], target: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=home)
    env.pop("AIRDROP_DESK_DATA_DIR", None)
    subprocess.run(
        [sys.executable, "-m", "airdrop_desk", "--screenshot", str(target), *args],
        env=env,
        check=True,
    )
    print(target)


def boards(shots: tuple[tuple[str, str, str], ...], out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="airdrop-desk-board-") as home:
        folder = Path(home) / ".local" / "share" / "airdrop-desk"
        catalog_file = board_catalog(Path(home) / "demo-catalog.json")
        folder.mkdir(parents=True)
        board_data(folder, catalog_file)
        for name, theme, size in shots:
            args = ["--catalog", str(catalog_file), "--view", "board", "--size", size]
            render(home, [*args, "--theme", theme], out / name)


def main() -> int:
    if sys.argv[1:2] == ["--check"] and len(sys.argv) == 3:
        boards(BOARD_CHECKS, Path(sys.argv[2]))
        return 0
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
    boards((BOARD_SHOT,), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A stream of ticks for the crash-safety test: ``python crash_writer.py DATA_DIR TASK_ID``.

Ticks the task through the app's own write path, as fast as it can, and prints
``saved <tick id>`` after each one has been committed. The test kills this process
with SIGKILL at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from airdrop_desk.core.tracking import TickDetails
from airdrop_desk.paths import Paths
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.tracking_repo import TrackingRepo


def main() -> None:
    paths = Paths(Path(sys.argv[1]))
    task_id = int(sys.argv[2])
    repo = TrackingRepo(open_database(paths.database, paths.backups))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        tick_id = repo.add_tick(task_id, details=TickDetails(note=f"tick {n}", cost_usd=0.25))
        print(f"saved {tick_id}", flush=True)


if __name__ == "__main__":
    main()

"""Benchmarks of the eligibility check: importing a large list, storing lists, checking.

Run:  QT_QPA_PLATFORM=offscreen python tests/bench/eligibility_bench.py [--quick]

import: a generated 1,000,000-row .csv.gz (random EVM addresses, base-unit amounts) is
  imported through the window's op lane (``Ops.database``) while a 5 ms QTimer on the GUI
  thread records its longest gap; each run is a child process, so its peak RSS over the
  RSS before the import is the import's own. Goals: >= 150,000 rows/s, <= 100 MB, GUI
  stall <= 50 ms.
check: 50 generated lists holding 5,000,000 rows in all and 250 addresses of one profile
  (25 on some list); the median time of a full check. Goals: <= 50 ms, <= 48 bytes a row.
start: the app's start with those lists stored against a bare Qt window (<= 1.3x).
Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROWS, LISTS, LIST_ROWS, ADDRESSES = 1_000_000, 50, 100_000, 250


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def write_list(path: Path, rows: int, seed: int) -> None:
    rnd = random.Random(seed)
    with gzip.open(path, "wt", compresslevel=6) as f:
        f.write("address,amount\n")
        for _ in range(rows):
            f.write(f"0x{rnd.getrandbits(160):040x},{rnd.getrandbits(70) + 10**18}\n")


def import_once(folder: Path) -> dict[str, float]:
    """One import in this process (a child of the bench), through the op lane."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from airdrop_desk.eligibility import importer
    from airdrop_desk.storage.alloc_repo import AllocRepo
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.ops import Ops

    app = QApplication.instance() or QApplication([])
    source = folder / "big.csv.gz"
    ops = Ops()
    db_path = folder / "data" / "airdrop-desk.sqlite3"
    ops.open_database(None, lambda: open_database(db_path, folder / "backups")).run()
    ops.lane.submit(lambda _db: None).result()
    app.processEvents()
    before = rss_mb()
    gaps: list[float] = []
    where: list[float] = []
    start = 0.0
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        where.append(last[0] - start)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    result: list[object] = []

    def work(db: object) -> object:
        plan = importer.prepare(importer.Request(str(source)))
        try:
            return importer.apply(db, plan)  # type: ignore[arg-type]
        finally:
            plan.close()

    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()

    def finish(value: object) -> None:
        result.append(value)
        loop.quit()

    start = last[0] = time.perf_counter()
    timer.start()
    ops.database(None, work).success(finish).failure(finish).run()
    loop.exec()  # the GUI thread waits for events, as the app's does
    elapsed = time.perf_counter() - start
    timer.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if isinstance(result[0], BaseException):
        raise result[0]
    per_row = ops.lane.submit(lambda db: AllocRepo(db).db_bytes_per_row()).result()
    ops.shutdown()
    return {
        "rows_per_s": ROWS / elapsed,
        "peak_mb": peak - before,
        "stall_ms": max(gaps) * 1000,
        "stall_at_s": where[gaps.index(max(gaps))],
        "bytes_per_row": per_row,
    }


def build_lists(data_dir: Path) -> list[str]:
    """50 lists of 100,000 generated rows and a profile of 250 addresses; returns them."""
    import datetime as dt

    from airdrop_desk.core import tracking_ops
    from airdrop_desk.core.allocations import AllocList
    from airdrop_desk.eligibility.identity import key_of, normalise
    from airdrop_desk.storage.alloc_repo import AllocRepo
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    rnd = random.Random(7)
    mine = [f"0x{rnd.getrandbits(160):040x}" for _ in range(ADDRESSES)]
    db = open_database(data_dir / "airdrop-desk.sqlite3", data_dir / "backups")
    repo = AllocRepo(db)
    now = dt.datetime.now(dt.UTC)
    with db.atomic():
        for n in range(LISTS):
            list_id = repo.begin(f"generated:{n}", "", "csv", f"List {n}")
            rows = []
            for i in range(LIST_ROWS):
                # 25 of the profile's addresses are on some list
                on = i == 0 and n < 25
                address = mine[n * 10] if on else f"0x{rnd.getrandbits(160):040x}"
                key, chk = key_of(normalise(address) or "")
                rows.append((key, chk, rnd.getrandbits(70)))
            rows.sort()
            repo.add_rows(list_id, rows)
            repo.finish(AllocList(list_id, f"List {n}", None, "TKN", 18, LIST_ROWS, 0, 0, None,
                                  "csv", f"generated:{n}", "", "00" * 32, now))  # fmt: skip
    tracking_ops.add_profile(TrackingRepo(db), "Farm", [("evm", a) for a in mine])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return mine


def check_times(data_dir: Path, runs: int) -> tuple[list[float], float]:
    from airdrop_desk.eligibility import matching
    from airdrop_desk.storage.alloc_repo import AllocRepo
    from airdrop_desk.storage.db import open_database

    db = open_database(data_dir / "airdrop-desk.sqlite3", data_dir / "backups")
    times = []
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        holders = matching.profile_holders(db)
        found = matching.find(db, holders)
        times.append((time.perf_counter() - start) * 1000)
    assert len(found) == 25, len(found)
    per_row = AllocRepo(db).db_bytes_per_row()
    db.close()
    return times, per_row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--child-import", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        print(json.dumps(import_once(Path(args.child_import))))
        return 0
    sys.path.insert(0, str(HERE))
    from run import ENV, interleaved, start_times

    out: dict[str, list[float]] = {k: [] for k in (
        "alloc_import_rows_per_s", "alloc_import_peak_mb", "alloc_import_stall_ms",
        "alloc_db_bytes_per_row", "eligibility_check_ms", "start_with_lists_ratio",
        "start_without_lists_ratio")}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="airdrop-desk-elig-") as tmp:
        root = Path(tmp)
        write_list(root / "big.csv.gz", ROWS, 1)
        for n in range(1 if args.quick else 3):
            run_dir = root / f"run{n}"
            run_dir.mkdir()
            os.link(root / "big.csv.gz", run_dir / "big.csv.gz")
            child = subprocess.run(
                [sys.executable, __file__, "--child-import", str(run_dir)],
                env=ENV, capture_output=True, text=True, check=True,
            )  # fmt: skip
            got = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"import: {got}", file=sys.stderr)
            out["alloc_import_rows_per_s"].append(got["rows_per_s"])
            out["alloc_import_peak_mb"].append(got["peak_mb"])
            out["alloc_import_stall_ms"].append(got["stall_ms"])
        data = root / "lists"
        build_lists(data)
        times, per_row = check_times(data, 10 if args.quick else 30)
        out["eligibility_check_ms"] = times
        out["alloc_db_bytes_per_row"] = [per_row]
        print(f"check: median {statistics.median(times):.2f} ms, {per_row:.1f} B/row",
              file=sys.stderr)  # fmt: skip
        app = [sys.executable, "-m", "airdrop_desk", "--data-dir", str(data), "--exit-after-paint"]
        bare = [sys.executable, str(HERE / "bare_window.py")]
        empty = [*app[:4], str(root / "empty"), *app[5:]]
        for cmd, key in ((empty, "start_without_lists_ratio"), (app, "start_with_lists_ratio")):
            start_times(cmd)  # the first start stores the catalog once
            painted, _complete, floor = interleaved(3 if args.quick else 11, cmd, bare)
            out[key] = [statistics.median(painted) / statistics.median(floor)]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

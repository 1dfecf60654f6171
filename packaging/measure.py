"""Start-up of the frozen app against the installed one: ``python packaging/measure.py``.

Times process spawn to the "painted" line of ``--exit-after-paint`` (the populated window
is on screen) on the offscreen platform, for ``packaging/dist/airdrop-desk/airdrop-desk``
and for ``python -m airdrop_desk`` run by this interpreter, alternating the two, and prints
each median. Both use one data folder made beforehand, so the one-time catalog import is
not timed. ``--drop-caches`` (root on Linux) empties the page cache before every run:
a start right after boot rather than a repeated one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FROZEN = (
    HERE / "dist" / "airdrop-desk" / ("airdrop-desk.exe" if os.name == "nt" else "airdrop-desk")
)
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def first_paint(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV, text=True
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.stdout.read()
    if proc.wait() != 0 or line.strip() != "painted":
        raise SystemExit(f"measure: {' '.join(cmd)} did not paint")
    return elapsed


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--drop-caches", action="store_true")
    args = parser.parse_args()
    if not FROZEN.exists():
        raise SystemExit("measure: build first: python packaging/build.py")
    with tempfile.TemporaryDirectory() as data:
        commands = {
            "frozen": [str(FROZEN), "--data-dir", data, "--exit-after-paint"],
            "python": [
                sys.executable,
                "-m",
                "airdrop_desk",
                "--data-dir",
                data,
                "--exit-after-paint",
            ],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for cmd in commands.values():
            first_paint(cmd)  # the catalog import, and a warm file cache
        for _ in range(args.runs):
            for name, cmd in commands.items():
                if args.drop_caches:
                    drop_caches()
                samples[name].append(first_paint(cmd))
    for name, times in samples.items():
        print(
            f"{name:7s} median {statistics.median(times) * 1000:6.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, n={len(times)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

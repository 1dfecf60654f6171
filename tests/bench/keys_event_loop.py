"""Benchmark: the Qt event loop while 8 keys verify at once against slow fake exchanges.

Run:  QT_QPA_PLATFORM=offscreen python tests/bench/keys_event_loop.py [--rounds N]

The fakes run in a child process (so only the app's own work competes with the GUI
thread); each of the 8 exchanges answers its permission call after ``--delay`` seconds.
Verification runs on a thread pool, results come back through a queued Qt signal, and a
1 ms QTimer on the GUI thread records how late each tick fires. Goal: max stall <= 50 ms.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
INTEGRATION = HERE.parent / "integration"
SERVE = f"""
import json, sys, time
sys.path.insert(0, {str(INTEGRATION)!r})
from fakes.all import start_fakes
fakes = start_fakes()
fakes.slow_seconds = float(sys.argv[1])
accounts = {{name: [fakes.add(name, "slow").credentials() for _ in range(int(sys.argv[2]))]
            for name in fakes.fakes}}
print(json.dumps({{"env": fakes.env(), "accounts": accounts}}), flush=True)
sys.stdin.read()
fakes.close()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--delay", type=float, default=1.0, help="fake answer delay, s")
    parser.add_argument("--goal", type=float, default=50.0, help="max stall allowed, ms")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(args.delay), str(args.rounds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    setup = json.loads(server.stdout.readline())
    os.environ.update(setup["env"])
    try:
        stalls = run(setup["accounts"], args.rounds)
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    worst = max(stalls)
    print(
        f"max event-loop stall: {worst:.1f} ms (goal <= {args.goal:g} ms); "
        f"per round: {', '.join(f'{s:.1f}' for s in stalls)} ms"
    )
    return 0 if worst <= args.goal else 1


def one_round(
    app: Any,
    label: Any,
    relay: Any,
    pool: ThreadPoolExecutor,
    accounts: dict[str, list[dict[str, str]]],
    round_no: int,
) -> float:
    """Verify one key per exchange at once; the GUI thread's worst tick delay in ms."""
    from PySide6.QtCore import QTimer

    from airdrop_desk.keys.secret import Credentials
    from airdrop_desk.keys.verify import Verification, verify_key

    finished: list[Verification] = []
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def on_done(verification: Verification) -> None:
        finished.append(verification)
        label.setText(f"{len(finished)}/{len(accounts)} verified")  # the progress a user sees
        if len(finished) == len(accounts):
            QTimer.singleShot(50, app.quit)

    relay.done.connect(on_done)
    timer.start()
    started = time.perf_counter()
    for name, creds in accounts.items():
        credentials = Credentials.of(**creds[round_no])
        pool.submit(lambda n=name, c=credentials: relay.done.emit(verify_key(n, c)))
    app.exec()
    timer.stop()
    relay.done.disconnect(on_done)
    elapsed = time.perf_counter() - started
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    stall = max(gaps) - 1.0 if gaps else float("inf")
    ok = sum(1 for v in finished if v.verdict is not None and v.verdict.read_only)
    print(
        f"round {round_no + 1}: {ok}/{len(finished)} read-only in {elapsed:.2f} s, "
        f"{len(ticks)} ticks, max stall {stall:.1f} ms, "
        f"median gap {statistics.median(gaps):.2f} ms"
    )
    return stall


def run(accounts: dict[str, list[dict[str, str]]], rounds: int) -> list[float]:
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("verifying…")
    label.show()

    class Relay(QObject):
        done = Signal(object)

    relay = Relay()
    pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="verify")
    results: list[float] = []

    for round_no in range(rounds):
        results.append(one_round(app, label, relay, pool, accounts, round_no))
    pool.shutdown()
    return results


if __name__ == "__main__":
    sys.exit(main())

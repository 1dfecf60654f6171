"""Benchmarks of the portfolio view: opening it over years of data, and the GUI during a sync.

Run:  QT_QPA_PLATFORM=offscreen python tests/bench/portfolio_bench.py [--only open|sync]

open: a temporary database holds 5 years of daily snapshots of 200 assets (4 keys x 50
  assets, with a daily quote per asset and a value point per day); each sample builds a
  new PortfolioView, shows it and waits until its data is on screen. Goal <= 200 ms.
sync: 8 read-only keys (one per exchange) against the fake exchanges and a fake price
  server in a child process, answering every request after ``--delay`` s, with the keys in
  a private Secret Service; each round presses "Sync now" and a 1 ms QTimer on the GUI
  thread records how late each tick fires until the result is on screen. Goal <= 50 ms.
Prints one JSON object on stdout: {"portfolio_open_ms": [...], "portfolio_sync_stall_ms": [...]};
progress and medians go to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
INTEGRATION = HERE.parent / "integration"
DAYS, KEYS, ASSETS_PER_KEY = 5 * 365 + 1, 4, 50
SERVE = f"""
import json, sys
sys.path.insert(0, {str(INTEGRATION)!r})
from fakes.all import start_fakes
from fakes.prices import FakePrices
fakes, prices = start_fakes(), FakePrices()
fakes.slow_seconds = float(sys.argv[1])
accounts = {{name: fakes.add(name, "slow").credentials() for name in fakes.fakes}}
env = {{**fakes.env(), "AIRDROP_DESK_PRICES_URL": prices.url}}
print(json.dumps({{"env": env, "accounts": accounts}}), flush=True)
sys.stdin.read()
fakes.close()
prices.close()
"""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def build(folder: Path) -> None:
    """Five years of daily snapshots of 200 assets, written as the app writes them."""
    from airdrop_desk.core.portfolio import Quote
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo
    from airdrop_desk.storage.portfolio_repo import PortfolioRepo

    db = open_database(folder / "db.sqlite3", folder / "backups")
    repo, rng = PortfolioRepo(db), random.Random(5)
    today = dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    assets = [f"A{n:03d}" for n in range(KEYS * ASSETS_PER_KEY)]
    with db.atomic():
        for k in range(KEYS):
            KeysRepo(db).add(
                KeyRecord(
                    f"key{k}",
                    "binance",
                    f"key {k}",
                    "ab…yz",
                    f"fp{k}",
                    today,
                    today,
                    "verified",
                    "read-only",
                    False,
                    None,
                )
            )
        for day in range(DAYS, 0, -1):
            moment = today - dt.timedelta(days=day - 1)
            for k in range(KEYS):
                mine = assets[k * ASSETS_PER_KEY : (k + 1) * ASSETS_PER_KEY]
                repo.store_snapshot(
                    f"key{k}",
                    f"key {k}",
                    "binance",
                    [(a, "spot", Decimal(rng.randint(1, 10**6)) / 1000) for a in mine],
                    moment,
                )
            repo.store_quotes(
                Quote(a, Decimal(rng.randint(1, 10**7)) / 10000, moment, "coingecko")
                for a in assets[:-10]
            )  # 10 stay unpriced
            repo.record_values(
                moment.date(), {"*": (Decimal(rng.randint(10**5, 10**6)), 10)}, moment
            )
        repo.set_price_refresh(today, True, "ok")
    db.close()


def bench_open(samples: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from airdrop_desk.paths import Paths
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.services import Services
    from airdrop_desk.ui.views.portfolio_view import PortfolioView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        build(folder)
        # As in the app: the database is already open on the app's lane when the view opens.
        services = Services(
            Paths(folder), lambda: open_database(folder / "db.sqlite3", folder / "backups")
        )
        services.ops.open_database(None, services.open_database).run()
        log(
            f"built {DAYS} days x {KEYS * ASSETS_PER_KEY} assets in "
            f"{time.perf_counter() - started:.1f} s"
        )
        times = []
        for _ in range(samples):
            done: list[float] = []
            t0 = time.perf_counter()
            view = PortfolioView(services)
            # Data on screen: the view painted synchronously once its data has arrived.
            view.idle.connect(
                lambda v=view, d=done: (v.repaint(), d.append(time.perf_counter()), app.quit())
            )
            view.resize(1100, 700)
            view.show()
            app.exec()
            times.append((done[0] - t0) * 1000)
            assert view.tables["assets"].model().rowCount() == KEYS * ASSETS_PER_KEY + 1
            assert len(view.chart.points) == DAYS
            view.shutdown()
            view.deleteLater()
            app.processEvents()
        services.shutdown()
        return times


def bench_sync(rounds: int, delay: float) -> list[float]:
    sys.path.insert(0, str(INTEGRATION))
    from fakes.secret_service import start_secret_service

    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(delay)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    setup = json.loads(server.stdout.readline())
    os.environ.update(setup["env"])
    with tempfile.TemporaryDirectory() as tmp:
        keyring = start_secret_service(Path(tmp) / "keyring")
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = keyring.address
        try:
            return sync_rounds(Path(tmp), setup["accounts"], rounds, keyring.backend())
        finally:
            keyring.stop()
            server.stdin.close()
            server.wait(timeout=10)


def sync_rounds(
    folder: Path, accounts: dict[str, dict[str, str]], rounds: int, backend: Any
) -> list[float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from airdrop_desk.keys.secret import Credentials
    from airdrop_desk.keys.store import KeyringStore
    from airdrop_desk.keys.vault import KeyVault
    from airdrop_desk.paths import Paths
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.services import Services
    from airdrop_desk.ui.views.portfolio_view import PortfolioView

    def opener() -> Any:
        return open_database(folder / "db.sqlite3", folder / "backups")

    store = KeyringStore(backend)
    db = opener()
    for name, creds in accounts.items():
        KeyVault(db, store).link(name, f"{name} main", Credentials.of(**creds))
    db.close()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    services = Services(Paths(folder), opener, secrets=store)
    services.ops.open_database(None, opener).run()
    view = PortfolioView(services)
    view.idle.connect(app.quit)
    view.show()
    app.exec()
    stalls = []
    for round_no in range(rounds):
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda t=ticks: t.append(time.perf_counter()))
        timer.start()
        started = time.perf_counter()
        QTimer.singleShot(0, view.sync_button.click)
        app.exec()  # until the synced data is on screen (idle)
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        stall = max(gaps) - 1.0 if gaps else float("inf")
        synced = view.message.text().count("asset(s) synced")
        log(
            f"sync round {round_no + 1}: {synced}/8 keys synced in "
            f"{time.perf_counter() - started:.2f} s, max stall {stall:.1f} ms, "
            f"median gap {statistics.median(gaps):.2f} ms"
        )
        stalls.append(stall)
    view.shutdown()
    services.shutdown()
    return stalls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["open", "sync"])
    parser.add_argument("--samples", type=int, default=7, help="view openings")
    parser.add_argument("--rounds", type=int, default=3, help="syncs of 8 keys")
    parser.add_argument("--delay", type=float, default=0.5, help="fake answer delay, s")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result: dict[str, list[float]] = {}
    if args.only in (None, "open"):
        result["portfolio_open_ms"] = [round(t, 1) for t in bench_open(args.samples)]
        log(
            f"open: median {statistics.median(result['portfolio_open_ms']):.1f} ms (goal <= 200 ms)"
        )
    if args.only in (None, "sync"):
        result["portfolio_sync_stall_ms"] = [
            round(s, 1) for s in bench_sync(args.rounds, args.delay)
        ]
        log(
            f"sync: median max stall {statistics.median(result['portfolio_sync_stall_ms']):.1f}"
            " ms (goal <= 50 ms)"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

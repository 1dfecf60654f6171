"""Benchmark: a 10,000-project signed feed fetched, verified and applied in the background.

Run:  QT_QPA_PLATFORM=offscreen python tests/bench/feeds_bench.py [--rounds N]

The feed (the synthetic 10k catalog, signed with a key the ``minisign`` tool makes in a
temporary folder) is served from a child process on loopback, so only the app's own work
competes with the GUI thread. Each round subscribes (fetch, verify, validate, store) and
then checks a newer file (the same, plus the diff against the previous one and dropping
it), as ops on the app's pool, and then the main window shows the new rows in place
(``DataMenu.refresh_rows``: read and composed in the background, swapped in on the GUI
thread), while a 1 ms QTimer on the GUI thread records how late each tick fires. Prints
JSON: ``feed_check_stall_ms`` (the longest stall) and ``feed_apply_10k_s`` (the median
time of one check that applies a new file, until the window shows its rows).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
SERVE = """
import functools, http.server, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
handler.func.log_message = lambda *a: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def publish(folder: Path, doc: dict[str, object], version: str, key: Path) -> None:
    doc = {**doc, "catalog_version": version, "expires": "2099-01-01"}
    target = folder / "feed.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    subprocess.run(
        ["minisign", "-S", "-s", str(key), "-m", str(target)], check=True, capture_output=True
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from synthetic import synthetic_catalog

    from airdrop_desk.catalog.feeds import add_feed, check_feed, remove_feed
    from airdrop_desk.catalog.sync import ensure_catalog
    from airdrop_desk.paths import Paths
    from airdrop_desk.resources import bundled_catalog_path
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.application import build_window, create_app
    from airdrop_desk.ui.data_menu import install_data_menu
    from airdrop_desk.ui.services import Services

    app = create_app()
    with tempfile.TemporaryDirectory(prefix="airdrop-desk-feed-bench-") as tmp:
        root = Path(tmp)
        served = root / "served"
        served.mkdir()
        key = root / "feed.key"
        subprocess.run(
            ["minisign", "-G", "-W", "-p", str(root / "feed.pub"), "-s", str(key)],
            check=True,
            capture_output=True,
        )
        public = (root / "feed.pub").read_text(encoding="utf-8").splitlines()[1]
        bundled = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
        doc = synthetic_catalog(10_000, bundled)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(served)], stdout=subprocess.PIPE, text=True
        )
        assert server.stdout is not None
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}/feed.json"
        paths = Paths(root / "data")
        services = Services(paths, lambda: open_database(paths.database, paths.backups))
        ops = services.ops
        window = build_window(ensure_catalog(paths, bundled_catalog_path()), paths, "light")
        window.show()
        menu = install_data_menu(window, services, lambda: None)
        stalls: list[float] = []
        applies: list[float] = []
        try:
            for round_ in range(args.rounds):
                publish(served, doc, f"2026.12.{2 * round_ + 1}", key)
                for step in ("add", "check"):
                    if step == "check":
                        publish(served, doc, f"2026.12.{2 * round_ + 2}", key)
                    clock, worst = QElapsedTimer(), [0.0]
                    ticker = QTimer()
                    ticker.setInterval(1)

                    def tick(clock=clock, worst=worst) -> None:  # type: ignore[no-untyped-def]
                        worst[0] = max(worst[0], clock.nsecsElapsed() / 1e6)
                        clock.restart()

                    ticker.timeout.connect(tick)
                    loop = QEventLoop()
                    if step == "add":
                        work = lambda: add_feed(paths, url, public, "bench")  # noqa: E731
                    else:
                        work = lambda: check_feed(paths, "bench")  # noqa: E731
                    started = time.perf_counter()
                    outcome: list[object] = []
                    clock.start()
                    ticker.start()

                    def applied(result: object, outcome=outcome) -> None:  # type: ignore[no-untyped-def]
                        outcome.append(result)
                        menu.refresh_rows()  # as the Feeds dialog does

                    def failed(error: BaseException, outcome=outcome, loop=loop) -> None:  # type: ignore[no-untyped-def]
                        outcome.append(error)
                        loop.quit()

                    menu.rows_shown.connect(loop.quit)
                    ops.background(None, work).success(applied).failure(failed).run()
                    loop.exec()
                    menu.rows_shown.disconnect(loop.quit)
                    ticker.stop()
                    elapsed = time.perf_counter() - started
                    result = outcome[0]
                    if getattr(result, "outcome", None) != "applied":
                        raise RuntimeError(f"the feed was not applied: {result}")
                    stalls.append(worst[0])
                    if step == "check":
                        applies.append(elapsed)
                    if window.model.total() < 10_000:
                        raise RuntimeError("the window does not show the feed's rows")
                remove_feed(paths, "bench")
        finally:
            server.terminate()
            server.wait()
            window.close()
            services.shutdown()
    del app
    print(
        json.dumps(
            {
                "feed_check_stall_ms": max(stalls),
                "feed_check_stall_ms_samples": stalls,
                "feed_apply_10k_s": statistics.median(applies),
                "feed_apply_10k_s_samples": applies,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A new catalog file is stored off the GUI thread, a progress window up meanwhile."""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui.application import create_app
from airdrop_desk.ui.import_progress import describe_size, import_with_progress
from airdrop_desk.ui.ops import Ops


class Screen(QObject):
    """What a person would see, looked at every few milliseconds on the GUI thread and
    whenever a window is shown (so a window shown at all is seen, however briefly)."""

    def __init__(self) -> None:
        super().__init__()
        self.looks: list[tuple[float, str | None]] = []  # (time, progress text or None)
        self.seen = threading.Event()  # set once a progress window has been looked at
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._look)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
            self.looks.append((time.monotonic(), watched.labelText()))
        return False

    def _look(self) -> None:
        shown = [
            w.labelText()
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        self.looks.append((time.monotonic(), shown[0] if shown else None))
        if shown:
            self.seen.set()

    def __enter__(self) -> Screen:
        self.start = time.monotonic()
        self._timer.start()
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        QApplication.instance().removeEventFilter(self)
        self._timer.stop()

    def texts(self) -> set[str]:
        return {text for _at, text in self.looks if text}

    def longest_gap(self, start: float, end: float) -> float:
        """The longest the screen went unlooked-at between ``start`` and ``end``."""
        times = [start, *(at for at, _text in self.looks if start < at < end), end]
        return max(b - a for a, b in itertools.pairwise(times))


@pytest.fixture
def screen(qapp: QApplication) -> Iterator[Screen]:
    create_app()
    with Screen() as watching:
        yield watching
    QApplication.processEvents()
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]  # none left behind


@pytest.fixture
def ops(screen: Screen) -> Iterator[Ops]:
    """The app's op lanes, as the composition root hands them over."""
    made = Ops()
    yield made
    made.shutdown()


def test_a_new_catalog_file_is_stored_with_its_name_and_size_shown(
    tmp_path: Path, screen: Screen, ops: Ops
) -> None:
    bundled = bundled_catalog_path()

    def runner(name: str, size: int, work: Callable[[], None]) -> None:
        def once_seen() -> None:
            # However fast this machine stores the file, the window is looked at first.
            assert screen.seen.wait(timeout=30), "no progress window was shown"
            work()

        import_with_progress(name, size, once_seen, ops=ops, show_after_ms=0)

    loaded = ensure_catalog(Paths(tmp_path / "data"), bundled, runner)
    assert loaded.imported and len(loaded.rows) == 26
    size = describe_size(bundled.stat().st_size)
    assert any(f"“catalog.json” ({size})" in text for text in screen.texts())
    unused = functools.partial(import_with_progress, show_after_ms=0)
    again = ensure_catalog(Paths(tmp_path / "data"), bundled, unused)  # stored: no window
    assert not again.imported
    loaded.reader.close()
    again.reader.close()


def test_the_screen_keeps_moving_while_the_work_runs(screen: Screen, ops: Ops) -> None:
    on: list[tuple[str, float, float]] = []

    def work() -> None:
        began = time.monotonic()
        time.sleep(0.6)
        on.append((threading.current_thread().name, began, time.monotonic()))

    called = time.monotonic()
    import_with_progress("big.json", 120_400_000, work, ops=ops, show_after_ms=200)
    [(thread, began, ended)] = on
    assert thread != threading.current_thread().name  # not the GUI thread
    assert screen.longest_gap(began, ended) < 0.15
    hidden = [at - called for at, text in screen.looks if text is None]
    shown = [at - called for at, text in screen.looks if text]
    assert shown and min(shown) >= 0.19 and min(hidden) < 0.15  # after 200 ms (Qt's ±5%)
    assert screen.texts() == {
        "Checking and storing the catalog “big.json” (120 MB)…\n"
        "This is done once for each new catalog file; the window opens right after."
    }


def test_a_large_catalog_is_stored_without_stalling_the_screen(
    tmp_path: Path, screen: Screen, ops: Ops
) -> None:
    catalog = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    originals = catalog["projects"]
    catalog["projects"] = [
        {**p, "id": f"{p['id']}-{n}"} if n else p for n in range(500) for p in originals
    ]  # 13,000 projects
    big = tmp_path / "big.json"
    big.write_text(json.dumps(catalog), encoding="utf-8")
    took: list[tuple[float, float]] = []

    def timed(name: str, size: int, work: Callable[[], None]) -> None:
        def measured() -> None:
            began = time.monotonic()
            work()
            took.append((began, time.monotonic()))

        import_with_progress(name, size, measured, ops=ops, show_after_ms=0)

    loaded = ensure_catalog(Paths(tmp_path / "data"), big, timed)
    assert len(loaded.rows) == 13_000
    loaded.reader.close()
    [(began, ended)] = took
    # Decoded and freed a project at a time: the GUI thread gets its turn throughout.
    assert screen.longest_gap(began, ended) < 0.15
    assert any("“big.json”" in text for text in screen.texts())


def test_quick_work_never_flashes_a_window(screen: Screen, ops: Ops) -> None:
    import_with_progress("small.json", 5_000, lambda: None, ops=ops)
    assert screen.texts() == set()


def test_a_refused_file_raises_its_error_and_stores_nothing(
    tmp_path: Path, screen: Screen, ops: Ops
) -> None:
    paths = Paths(tmp_path / "data")
    ensure_catalog(paths, bundled_catalog_path()).reader.close()
    before = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    broken = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    broken["projects"][3]["tier"] = "legendary"
    bad = tmp_path / "mine.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    runner: Callable[[str, int, Callable[[], None]], None] = functools.partial(
        import_with_progress, ops=ops, show_after_ms=0
    )
    with pytest.raises(CatalogError, match=r"mine\.json.*tier"):
        ensure_catalog(paths, bad, runner)
    assert hashlib.sha256(paths.database.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "size, shown", [(512, "512 bytes"), (48_213, "48 KB"), (120_432_636, "120 MB")]
)
def test_sizes_read_as_people_say_them(size: int, shown: str) -> None:
    assert describe_size(size) == shown

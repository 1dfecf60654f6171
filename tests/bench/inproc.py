"""In-process measurements on a real main window: filtering and sorting.

Run by ``run.py`` as ``python inproc.py DATA_DIR CATALOG_FILE REPEATS``; prints one
JSON object of millisecond samples. The window is built exactly as the app builds
it, over a catalog already stored in DATA_DIR.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.ui.application import build_window, create_app

ASCENDING = Qt.SortOrder.AscendingOrder
QUERIES = ["s", "st", "sta", "star", "z", "zk", "p", "pa", "par", "l", "la", "lay"]


def settle(window) -> None:  # type: ignore[no-untyped-def]
    """Deliver pending events, the table's repaint among them, as the next frame would."""
    QApplication.processEvents()


def timed(action, window) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    settle(window)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    data_dir, catalog_file, repeats = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    app = create_app()
    loaded = ensure_catalog(Paths(data_dir), catalog_file)
    window = build_window(loaded, Paths(data_dir), "light")
    window.resize(1280, 800)
    window.show()
    settle(window)
    bar = window.filter_bar
    keystrokes: list[float] = []
    facets: list[float] = []
    sorts: list[float] = []
    for _ in range(repeats):
        for query in QUERIES:  # typing: each text is one more keystroke
            keystrokes.append(timed(lambda q=query: (bar.search.setText(q), bar._emit()), window))
        keystrokes.append(timed(lambda: (bar.search.setText(""), bar._emit()), window))
        for tier in ("likely", "possible"):  # one facet change each way
            button = bar.tier_buttons[tier]
            facets.append(timed(lambda b=button: (b.setChecked(True), bar._emit()), window))
            facets.append(timed(lambda b=button: (b.setChecked(False), bar._emit()), window))
        for column in (0, 2, 3, 5):
            sorts.append(timed(lambda c=column: window.table.sortByColumn(c, ASCENDING), window))
        sorts.append(timed(lambda: window.table.sortByColumn(-1, ASCENDING), window))
    print(
        json.dumps(
            {
                "projects": len(loaded.rows),
                "keystroke_ms": keystrokes,
                "facet_ms": facets,
                "sort_ms": sorts,
            }
        )
    )
    window.close()
    del app


if __name__ == "__main__":
    main()

"""What the window looks like where it used to jump or overlap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracking_helpers import create_profile, open_window, tick, track


def test_toolbar_undo_keeps_its_width_and_progress_words_sit_beside_the_bar(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    undo = window.tracking.undo_button
    width = undo.sizeHint().width()
    track(qtbot, window, "starknet")
    tick(qtbot, window, 0)
    view = window.tracking.checklist
    qtbot.waitUntil(lambda: view.progress.value() == 1)
    assert undo.isEnabled() and undo.text() == "Undo"
    assert undo.sizeHint().width() == width
    assert undo.toolTip().startswith("Undo ") and undo.toolTip().endswith("(Ctrl+Z)")
    assert not view.progress.isTextVisible()
    assert view.progress_label.text() == "1 of 4 done"
    bar, words = view.progress.geometry(), view.progress_label.geometry()
    assert not bar.intersects(words)

"""A change that fails to save is reported and leaves nothing to undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracking_helpers import create_profile, open_window, settle

from airdrop_desk.core.tracking_ops import Refused


def test_a_failed_change_does_not_stay_on_the_undo_stack(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    settle(window)
    session = window.tracking.session
    before = session.undo_stack.count()
    undo = window.tracking.undo_action
    offered = undo.text()

    def broken(_repo: Any) -> Any:
        raise Refused("The change could not be saved.")

    with qtbot.waitSignal(session.failed, timeout=10_000) as reported:
        session.perform("Record points", broken)
    settle(window)
    assert reported.args == ["The change could not be saved."]
    assert session.undo_stack.count() == before
    assert undo.text() == offered and "Record points" not in offered

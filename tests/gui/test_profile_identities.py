"""The Profiles dialog's other identities: add, change and remove a GitHub, X or Discord
handle, checked as ``profiles add --identity`` checks it; each step undoable; a list that
names the handle makes the profile eligible."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from tracking_helpers import create_profile, open_window, settle

from airdrop_desk.eligibility import handles


def open_profiles(qtbot: Any, window: Any) -> Any:
    window.tracking.manage_profiles()
    dialog = window.tracking.profiles_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def shown(editor: Any) -> list[tuple[str, str]]:
    model = editor.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def stored(window: Any) -> list[tuple[str, str]]:
    session = window.tracking.session
    pid = session.profile_id
    found = session.ops.lane.submit(lambda db: handles.identities(db, pid)).result()
    return [(i.kind, i.handle) for i in found]


def test_add_change_and_remove_handles_with_undo(qtbot: Any, catalog: Any, tmp_path: Path) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    dialog = open_profiles(qtbot, window)
    ids = dialog.identities
    assert ids.isEnabled() and not ids.remove_button.isEnabled()

    # Typed and added with Enter: the handle line adds, Save is not pressed.
    ids.handle.setFocus()
    qtbot.keyClicks(ids.handle, "@OctoCat")
    qtbot.keyClick(ids.handle, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(ids) == [("GitHub", "OctoCat")])
    assert stored(window) == [("github", "OctoCat")]
    assert ids.handle.text() == ""

    # The same checks as the command line: bad characters, hidden ones, a duplicate.
    for text, message in (
        ("octo cat", "'octo cat' is not a GitHub handle: letters, digits, _ . or -, at most 100."),
        ("oct\u200bo", "GitHub handle: contains a zero-width space (U+200B) at position 4"),
        ("octocat", "This profile already has the github handle OctoCat."),
    ):  # fmt: skip
        ids.handle.setText(text)
        qtbot.mouseClick(ids.add_button, Qt.MouseButton.LeftButton)
        assert ids.errors.text("handle") == message
    settle(window)
    assert stored(window) == [("github", "OctoCat")]

    ids.kind.setCurrentIndex(ids.kind.findData("x"))
    ids.handle.setText("octo_x")
    qtbot.mouseClick(ids.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown(ids)) == 2)
    assert ids.errors.text("handle") == ""

    # Choosing a row puts it in the fields; Change rewrites it.
    ids.table.setCurrentIndex(ids.model.index(shown(ids).index(("X", "octo_x")), 1))
    assert (ids.kind.currentData(), ids.handle.text()) == ("x", "octo_x")
    assert ids.change_button.isEnabled() and ids.remove_button.isEnabled()
    ids.kind.setCurrentIndex(ids.kind.findData("discord"))
    ids.handle.setText("octo.disc")
    qtbot.mouseClick(ids.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("Discord", "octo.disc") in shown(ids))
    assert sorted(stored(window)) == [("discord", "octo.disc"), ("github", "OctoCat")]

    ids.table.setCurrentIndex(ids.model.index(shown(ids).index(("GitHub", "OctoCat")), 1))
    qtbot.mouseClick(ids.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(ids) == [("Discord", "octo.disc")])

    stack = window.tracking.session.undo_stack
    stack.undo()  # the removal
    qtbot.waitUntil(lambda: len(shown(ids)) == 2)
    stack.undo()  # the change
    qtbot.waitUntil(lambda: ("X", "octo_x") in shown(ids))
    assert sorted(stored(window)) == [("github", "OctoCat"), ("x", "octo_x")]
    stack.redo()
    qtbot.waitUntil(lambda: ("Discord", "octo.disc") in shown(ids))


def test_a_handle_added_in_the_dialog_is_checked_against_the_lists(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    from airdrop_desk.eligibility import importer

    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Dev")
    identities = tmp_path / "github.json"
    identities.write_text('{"eligibles": [{"identity": "octocat", "amount": 1250.5}]}')
    projects = list(catalog.rows)

    def load(db: Any) -> None:
        plan = importer.prepare(importer.Request(str(identities), project="Starknet"))
        try:
            importer.apply(db, plan, projects)
        finally:
            plan.close()

    window.tracking.session.ops.lane.submit(load).result()
    window.eligibility.refresh()
    qtbot.waitUntil(lambda: window.eligibility.current.get("starknet") is not None)
    assert window.eligibility.current["starknet"].status == "not_on_list"

    ids = open_profiles(qtbot, window).identities
    ids.handle.setText("OctoCat")
    qtbot.mouseClick(ids.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.eligibility.current["starknet"].status == "eligible")
    assert window.eligibility.current["starknet"].summary().startswith("Eligible: 1,250.50")

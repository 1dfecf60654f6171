"""Enter saves and never destroys; Tab always leaves a field; every field is reachable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tab_walk import destructive, focus_walk, show
from tracking_helpers import create_profile, open_window, settle


def open_profiles(qtbot: Any, window: Any) -> Any:
    window.tracking.manage_profiles()
    dialog = window.tracking.profiles_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_enter_in_the_profiles_dialog_saves_and_never_archives(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    dialog = open_profiles(qtbot, window)
    buttons = destructive(dialog)
    assert {b.text() for b in buttons} >= {
        "Archive", "Delete…", "Remove address", "Remove identity"
    }  # fmt: skip
    assert not any(b.isDefault() or b.autoDefault() for b in buttons)

    dialog.archive_button.setFocus()  # passing over it with Tab must not arm it either
    dialog.name.setFocus()
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Main wallet")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    settle(window)
    qtbot.waitUntil(lambda: window.tracking.session.profiles[0].name == "Main wallet")
    for field in (dialog.name, dialog.wallet.chain, dialog.identities.kind):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Enter)
        settle(window)
    profile = window.tracking.session.profiles[0]
    assert (profile.name, profile.archived) == ("Main wallet", False)
    assert dialog.isVisible()


def test_tab_walks_the_profiles_dialog_forwards_through_every_field(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    dialog = open_profiles(qtbot, window)
    dialog.notes.setPlainText("farming")
    walk = focus_walk(qtbot, dialog, dialog.name, 14)
    assert dialog.notes.toPlainText() == "farming"  # Tab typed nothing
    assert walk == [
        "Notes",
        "Archive",
        "Save",
        "Wallet addresses",
        "Remove address",
        "Address",
        "Chain",
        "Address label",
        "Add",
        "Other identities",
        "Identity kind",
        "Handle",
        "Add identity",  # Change and Remove identity wait until an identity is chosen
        "Profiles",
    ]


def test_tab_walks_the_task_dialog_and_leaves_details_untouched(qtbot: Any) -> None:
    from airdrop_desk.ui.dialogs.task_dialogs import TaskDialog

    dialog = show(qtbot, TaskDialog(None, ["starknet.io"]))
    walk = focus_walk(qtbot, dialog, dialog.title, 6)
    assert walk == ["Details", "Link", "Repeats", "Due date", "Save", "Cancel"]
    assert dialog.detail.toPlainText() == ""


def test_tab_walks_the_holding_dialog(qtbot: Any) -> None:
    from airdrop_desk.ui.dialogs.holding_dialog import HoldingDialog

    dialog = show(qtbot, HoldingDialog([(1, "Main")]))
    walk = focus_walk(qtbot, dialog, dialog.asset, 5)
    assert walk == ["Amount", "Where it is kept", "Profile", "Save", "Cancel"]


def test_tab_walks_the_main_window_as_it_reads(qtbot: Any, catalog: Any, tmp_path: Path) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    bar = window.filter_bar
    walk = focus_walk(qtbot, window, window.switcher.combo, 40)
    assert walk[:2] == ["Manage profiles", "Search projects"]
    table = walk.index("Projects")
    filters = [
        w.accessibleName() or w.text()
        for w in bar.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not w.focusProxy()
        and w.objectName() != "qt_spinbox_lineedit"
    ]
    assert set(filters) <= set(walk[1:table])  # every filter before the table
    assert walk.index("My status filter") < walk.index("Minimum score")  # rows in order
    assert walk[table + 1] == "QTabBar"  # then the tabs

"""Addresses that look like another chain's are saved with a warning; labels and names are
bounded and refuse hidden characters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from tracking_helpers import create_profile, open_window, rows_shown, settle

EVM = "0x52908400098527886E0F7030069857D2E4169EE7"


def open_profiles(qtbot: Any, window: Any) -> Any:
    window.tracking.manage_profiles()
    dialog = window.tracking.profiles_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_an_evm_address_on_starknet_is_saved_with_a_warning(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    wallet = open_profiles(qtbot, window).wallet
    wallet.chain.setCurrentIndex(wallet.chain.findData("starknet"))
    wallet.address.setText(EVM)
    qtbot.mouseClick(wallet.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows_shown(wallet.table) == 1)
    qtbot.waitUntil(wallet.message.isVisible)
    assert "looks like an EVM address" in wallet.message.text()


def test_labels_and_names_are_bounded_and_refuse_hidden_characters(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    dialog = open_profiles(qtbot, window)
    wallet = dialog.wallet
    assert wallet.label.maxLength() == 40
    wallet.address.setText(EVM)
    wallet.label.setText("hot\u202ewallet")
    qtbot.mouseClick(wallet.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wallet.errors.text("label") != "")
    assert wallet.errors.text("label") == (
        "Label: contains an invisible right-to-left override (U+202E) at position 4"
    )
    settle(window)
    assert rows_shown(wallet.table) == 0
    dialog.name.setText("Ma\u200bin")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("name") != "")
    assert "zero-width space (U+200B) at position 3" in dialog.errors.text("name")
    assert window.tracking.session.profiles[0].name == "Main"

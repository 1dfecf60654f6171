"""Forms refuse bad input at the field and save nothing; deletions ask and can be undone."""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt, QTimer
from tracking_helpers import (
    answer_next_box,
    cell,
    colour,
    create_profile,
    open_window,
    refocus,
    rows_shown,
    settle,
    track,
)

USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"


def rows(data_dir, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    conn = sqlite3.connect(data_dir / "airdrop-desk.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def open_profiles(qtbot, window):  # type: ignore[no-untyped-def]
    window.tracking.manage_profiles()
    dialog = window.tracking.profiles_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_addresses_are_checked_at_the_field(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    create_profile(qtbot, window, "Main")
    wallet = open_profiles(qtbot, window).wallet
    message = wallet.message
    qtbot.keyClicks(wallet.address, USDC.replace("0xA0b8", "0xa0b8"))  # one case flipped
    qtbot.mouseClick(wallet.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(message.isVisible)
    assert "EIP-55 checksum" in message.text()
    assert rows(data, "SELECT * FROM wallet_addresses") == []
    wallet.address.clear()
    qtbot.keyClicks(wallet.address, USDC.lower())
    qtbot.keyClicks(wallet.label, "hot")
    qtbot.mouseClick(wallet.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows_shown(wallet.table) == 1)
    assert not message.isVisible()
    assert cell(wallet.table, 0, 1) == USDC  # shown checksummed
    wallet.chain.setCurrentIndex(wallet.chain.findData("solana"))
    qtbot.keyClicks(wallet.address, "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ50A")
    qtbot.keyClick(wallet.address, Qt.Key.Key_Return)
    qtbot.waitUntil(message.isVisible)
    assert "base58" in message.text()
    assert len(rows(data, "SELECT * FROM wallet_addresses")) == 1
    # removing is undoable
    wallet.table.selectRow(0)
    qtbot.mouseClick(wallet.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows_shown(wallet.table) == 0)
    window.tracking.undo_action.trigger()
    qtbot.waitUntil(lambda: rows_shown(wallet.table) == 1)


def test_rename_archive_delete_and_undo(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    create_profile(qtbot, window, "Main")
    create_profile(qtbot, window, "Alt")
    switcher = window.tracking.switcher.combo
    assert [switcher.itemText(i) for i in range(switcher.count())] == ["Alt", "Main"]
    dialog = open_profiles(qtbot, window)
    assert dialog.name.text() == "Alt"  # opens on the profile in use
    dialog.profile_list.setFocus()
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Down)
    assert dialog.name.text() == "Main"  # the arrow keys pick a profile from the list
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Up)
    assert dialog.name.text() == "Alt"
    dialog.name.setText("main")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.errors.messages["name"].isVisible)
    assert "already a profile" in dialog.errors.messages["name"].text()
    dialog.name.setText("Alt 2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: switcher.currentText() == "Alt 2")
    answer_next_box("Cancel")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert switcher.count() == 2
    answer_next_box("Delete")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: switcher.count() == 1 and switcher.currentText() == "Main")
    assert rows_shown(dialog.profile_list) == 1
    refocus(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, here
    qtbot.waitUntil(lambda: switcher.count() == 2)
    assert rows(data, "SELECT name FROM profiles WHERE deleted_at IS NULL ORDER BY name") == [
        ("Alt 2",),
        ("Main",),
    ]
    dialog._select(window.tracking.session.profile_id)
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: switcher.count() == 1 or "(archived)" in switcher.currentText())
    listed = dialog.profile_list
    shown = [cell(listed, r, 0) for r in range(rows_shown(listed))]
    assert "Main (archived)" in shown
    muted = dialog.palette().color(dialog.palette().ColorRole.PlaceholderText).name()
    assert colour(listed, shown.index("Main (archived)"), 0) == muted  # greyed


def test_points_line_refuses_bad_values_and_draws_the_trend(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    create_profile(qtbot, window, "Main")
    assert window.select_project("linea")
    window.show_tab("points")
    view = window.tracking.points
    qtbot.waitUntil(lambda: view.body.isVisible() and view.program.currentText() == "LXP")
    view.day.setText("2025-02-30")
    view.points.setText("-40")
    view.rank.setText("first")
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    messages = view.errors.messages
    assert "no day 30" in messages["day"].text() and messages["day"].isVisible()
    assert "negative" in messages["points"].text()
    assert "whole number" in messages["rank"].text()
    settle(window)
    assert rows(data, "SELECT * FROM points_snapshots") == []
    view.rank.clear()
    for day, points in (("2025-03-01", "1,000"), ("2025-03-11", "2000"), ("2025-03-21", "3000")):
        view.day.setText(day)
        view.points.setText(points)
        qtbot.keyClick(view.points, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda d=day: rows_shown(view.table) > 0 and cell(view.table, 0, 0) == d)
    assert not messages["day"].isVisible()
    assert cell(view.table, 0, 2) == "+1,000"
    view.target.setText("5000")
    view.target.editingFinished.emit()
    qtbot.waitUntil(lambda: view.chart.data is not None and view.chart.data.target == 5000)
    assert view.chart.data.reach == dt.date(2025, 4, 10)
    assert "reaches 5,000 on" in view.summary.text() and "2025-04-10" in view.summary.text()
    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the target
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # 3rd balance
    qtbot.waitUntil(lambda: rows_shown(view.table) == 2 and view.chart.data.target is None)


def test_tick_with_details_checks_every_field(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    view = window.tracking.checklist
    from airdrop_desk.ui.dialogs.task_dialogs import TickDialog

    outcome: dict[str, object] = {}

    def fill() -> None:
        dialog = next(w for w in view.findChildren(TickDialog) if w.isVisible())
        dialog.cost_native.setText("-0.001")
        dialog.tx.setText("hello")
        dialog._save()
        outcome["native"] = dialog.errors.messages["cost_native"].text()
        outcome["tx"] = dialog.errors.messages["tx"].text()
        dialog.cost_native.setText("0.0004")
        dialog.tx.setText("0x" + "ab" * 32)
        dialog.cost_usd.setText("1.25")
        dialog.note.setText("first swaps")
        dialog._save()

    view.tree.setCurrentIndex(view.model.index(0, 0))
    QTimer.singleShot(50, fill)
    qtbot.mouseClick(view.tick_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.progress.text() == "1 of 4 done")
    assert "negative" in str(outcome["native"]) and "transaction hash" in str(outcome["tx"])
    assert rows(data, "SELECT note, cost_native, cost_token, cost_usd FROM ticks") == [
        ("first swaps", 0.0004, "ETH", 1.25)
    ]


def test_claim_record_checks_fields_and_sets_my_status(qtbot, catalog, tmp_path, names) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = open_window(qtbot, catalog, data)
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    claim = window.tracking.checklist.claim
    assert claim.token.text() == "STRK"  # the project's token, ready to keep
    claim.status.setCurrentIndex(claim.status.findData("claimed"))
    claim.amount.setText("-12")
    claim.day.setText("2024-02-31")
    qtbot.mouseClick(claim.save, Qt.MouseButton.LeftButton)
    assert "negative" in claim.errors.messages["amount"].text()
    assert "no day 31" in claim.errors.messages["day"].text()
    settle(window)
    assert rows(data, "SELECT * FROM claims") == []
    claim.amount.setText("1,250.5")
    claim.day.setText("2024-02-21")
    qtbot.mouseClick(claim.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My checklist · claimed")
    assert rows(data, "SELECT status, amount, token, claim_date FROM claims") == [
        ("claimed", 1250.5, "STRK", "2024-02-21")
    ]
    status = window.filter_bar.my_status
    status.setCurrentIndex(status.findData("claimed"))
    qtbot.waitUntil(lambda: names(window) == ["Starknet"])

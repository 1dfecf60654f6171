"""Every dialog and window read with Tab: from its first control, in reading order (top to
bottom, left to right), round every enabled control and back; no table or multi-line field
keeps Tab, and Enter never presses a button that deletes, removes or restores."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from tab_walk import check_round, show
from tracking_helpers import create_profile, open_window, settle, tick, track

from airdrop_desk.storage.backup import create_backup, list_backups

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "data"))
from data_helpers import make_data

WAIT = 10_000


def test_backups(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    from airdrop_desk.ui.dialogs.backups_dialog import BackupsDialog

    paths = make_data(tmp_path / "data")
    create_backup(paths)
    dialog = show(qtbot, BackupsDialog(make_services(paths)))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)  # a row: Tab must not walk its cells
    check_round(
        qtbot,
        dialog,
        dialog.table,
        ["Backups", "Back up now", "Restore…", "Backups to keep", "Close"],
    )


def test_catalog_update(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    from airdrop_desk.ui.dialogs.catalog_update_dialog import CatalogUpdateDialog

    dialog = CatalogUpdateDialog(make_services(make_data(tmp_path / "data")))
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        show(qtbot, dialog)
    dialog.changes.setPlainText("Fresh Coin: added")
    check_round(
        qtbot,
        dialog,
        dialog.source,
        ["Catalog file or address", "Choose file…", "Check and import", "Changes", "Close"],
    )
    assert dialog.changes.toPlainText() == "Fresh Coin: added"  # Tab typed nothing


def test_feeds(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    from airdrop_desk.ui.dialogs.feeds_dialog import FeedsDialog

    dialog = FeedsDialog(make_services(make_data(tmp_path / "data")))
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        show(qtbot, dialog)
    check_round(
        qtbot,
        dialog,
        dialog.table,
        ["Feeds", "Close", "Address", "Public key", "Name", "Subscribe", "Changes"],
    )


def test_the_damaged_database_dialog(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    from airdrop_desk.ui.dialogs.corrupt_db import CorruptDatabaseDialog

    paths = make_data(tmp_path / "data")
    create_backup(paths)
    dialog = show(qtbot, CorruptDatabaseDialog(make_services(paths), "the file is damaged"))
    check_round(qtbot, dialog, dialog.restore_button, ["Restore newest backup", "Quit"])
    # Enter quits and restores nothing, even on Restore: the data in use is replaced
    # only on purpose (a click or Space).
    dialog.restore_button.setFocus()
    qtbot.keyClick(dialog.restore_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.result_value is None
    assert len(list_backups(paths.backups)) == 1  # a restore would have made a copy first


def test_the_link_warning(qtbot: Any) -> None:
    from airdrop_desk.core.safe_links import check_link
    from airdrop_desk.ui.dialogs.link_warning import warning_box

    box = show(
        qtbot, warning_box(check_link("https://starknet-claim.xyz/x", ["starknet.io"]), None)
    )
    first = box.findChild(QPushButton, "openOfficial")
    check_round(qtbot, box, first, ["Open starknet.io instead", "Open anyway", "Cancel"])
    anyway = box.findChild(QPushButton, "openAnyway")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert not anyway.autoDefault()
    anyway.setFocus()  # Tab passed over it: Enter still answers Cancel
    qtbot.keyClick(anyway, Qt.Key.Key_Return)
    assert box.clickedButton() is box.button(QMessageBox.StandardButton.Cancel)


def test_tick_with_details(qtbot: Any) -> None:
    from airdrop_desk.core.tracking import Task, Tick
    from airdrop_desk.ui.dialogs.task_dialogs import TickDialog

    now = dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)
    task = Task(1, 1, "Bridge to Starknet", 0, now.date())
    dialog = show(qtbot, TickDialog(task, [Tick(1, 1, now)], "ETH"))
    check_round(
        qtbot,
        dialog,
        dialog.note,
        [
            "Note",
            "Transaction",
            "Fee in the native token",
            "Fee token",
            "Fee in USD",
            "Tick history",
            "Tick",
            "Cancel",
        ],
    )


def test_the_windows_over_your_data(qtbot: Any, catalog: Any, tmp_path: Path) -> None:
    """Allocation lists, New project, Upcoming, the farm board and Portfolio, as opened
    from the main window of a profile tracking a project."""
    from airdrop_desk.ui.dialogs.alloc_lists_dialog import AllocListsDialog
    from airdrop_desk.ui.portfolio_window import PortfolioWindow
    from airdrop_desk.ui.project_menu import install_project_menu

    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    track(qtbot, window, "starknet")
    tick(qtbot, window, 0)
    settle(window)
    services = window.services
    assert services is not None

    lists = show(
        qtbot,
        AllocListsDialog(services, window.model.projects(), window.tracking.session, window),
    )
    check_round(
        qtbot,
        lists,
        lists.source,
        [
            "List source",
            "Choose a list file",
            "List format",
            "Project of the list",
            "Token symbol",
            "Token decimals",
            "Address column",
            "Amount column",
            "Import the list",
            "Stored allocation lists",
            "Remove the selected list",
        ],
    )
    lists.close()

    menu = install_project_menu(window, services)
    menu.new_project()
    project = menu.dialog
    qtbot.waitUntil(project.isActiveWindow)
    check_round(
        qtbot,
        project,
        project.fields["name"],
        [
            "Name",
            "Official domains",
            "Status",
            "Tier",
            "Narratives",
            "Ecosystem",
            "Token",
            "Description",
            "Notes",
            "Sources",
            "Tasks",
            "Points program",
            "Events",
            "Save",
            "Cancel",
        ],
    )
    project.reject()

    upcoming = window.tracking.show_upcoming()
    qtbot.waitUntil(lambda: upcoming.isVisible() and upcoming.model.rowCount() > 0)
    upcoming.activateWindow()
    qtbot.waitUntil(upcoming.isActiveWindow)
    check_round(
        qtbot,
        upcoming,
        upcoming.show_past,
        [
            "Show past dates",
            "Whole catalog, not only tracked projects",
            "Export .ics…",
            "Deadlines",
            "Notify me",
            "Days before a deadline to notify",
        ],
    )
    upcoming.close()

    board = window.tracking.show_board()
    qtbot.waitUntil(lambda: board.data is not None and board.isActiveWindow())
    check_round(
        qtbot,
        board,
        board.grid,
        ["Farm board: projects by profiles", "Due today", "Tick selected",
         "Same task, every profile", "Undo"],
    )  # fmt: skip
    board.close()

    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.portfolio_repo import PortfolioRepo

    db = open_database(services.paths.database, services.paths.backups)
    try:
        now = dt.datetime.now(dt.UTC)
        PortfolioRepo(db).add_holding("ETH", Decimal("1.5"), "Ledger", None, now)
    finally:
        db.close()
    portfolio = PortfolioWindow(services, window)
    with qtbot.waitSignal(portfolio.view.idle, timeout=WAIT):
        show(qtbot, portfolio)
    view = portfolio.view
    check_round(
        qtbot, portfolio, view.profile, ["Profile", "Sync now", "QTabBar", "By asset",
                                         "Export CSV…"]
    )  # fmt: skip
    view.tabs.setCurrentWidget(view.holdings)
    qtbot.waitUntil(lambda: view.holdings.table.model().rowCount() == 1)
    view.holdings.table.selectRow(0)
    check_round(
        qtbot,
        portfolio,
        view.profile,
        ["Profile", "Sync now", "QTabBar", "Manual holdings", "Add…", "Edit…", "Delete"],
    )
    portfolio.close()


def test_profiles_with_an_address(qtbot: Any, catalog: Any, tmp_path: Path) -> None:
    """With an address in its table, Tab still goes on from the table to the next control."""
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    window.tracking.manage_profiles()
    dialog = window.tracking.profiles_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    wallet = dialog.wallet
    wallet.address.setText("0x" + "ab" * 20)
    with qtbot.waitSignal(wallet.idle, timeout=WAIT):
        wallet.add()
    qtbot.waitUntil(lambda: wallet.model.rowCount() == 1)
    wallet.table.selectRow(0)
    first = dialog.profile_list
    check_round(
        qtbot,
        dialog,
        first,
        [
            "Profiles",
            "New profile",
            "Delete…",
            "Profile name",
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
            "Add identity",
        ],
    )

"""Data → Allocation lists…: import a list, see "eligible" on the right project for the
right profile, and find the claim pre-filled (undoable)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from tracking_helpers import create_profile, open_window, settle, track

from airdrop_desk.ui.data_menu import install_data_menu

EVM = "0x52908400098527886E0F7030069857D2E4169EE7"


def eligible_cell(window) -> str:  # type: ignore[no-untyped-def]
    row = window.model.row_of("starknet")
    return str(window.model.index(row, window.model.ELIGIBLE).data())


def test_import_shows_eligible_and_prefills_the_claim(qtbot, catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, catalog, tmp_path / "data")
    session = window.tracking.session
    create_profile(qtbot, window, "Farm 2")
    create_profile(qtbot, window, "Main wallet")
    main = session.profile_id
    session.run(lambda repo: repo.add_address(main, "evm", EVM.lower()))
    track(qtbot, window, "starknet")
    assert window.filter_bar.eligible.isHidden()  # no list yet: nothing to filter by
    lists = tmp_path / "provisions.csv"
    lists.write_text(f"address,amount\n{EVM.lower()},1250.5\n0x{'1' * 40},9\n")

    menu = install_data_menu(window, window.services, lambda: None)
    menu.actions["allocations"].trigger()
    dialog = menu.dialog
    qtbot.addWidget(dialog)
    assert "your addresses never leave it" in dialog.privacy.text()
    dialog.source.setText(str(lists))
    dialog.project.setText("Starknet")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    done = "provisions: 2 rows, linked to Starknet."
    qtbot.waitUntil(lambda: dialog.status.text() == done, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    ModelTester(None).check(dialog.model)  # type: ignore[arg-type]
    assert dialog.model.index(0, dialog.model.COL_PROJECT).data() == "Starknet"

    qtbot.waitUntil(lambda: eligible_cell(window) == "Eligible: 1,250.50 STRK", timeout=10_000)
    assert not window.table.horizontalHeader().isSectionHidden(window.model.ELIGIBLE)
    assert window.filter_bar.eligible.isVisible()
    claim = window.tracking.checklist.claim
    qtbot.waitUntil(lambda: claim.status.currentData() == "eligible", timeout=10_000)
    assert (claim.amount.text(), claim.token.text()) == ("1250.5", "STRK")
    header = window.tracking.checklist.eligibility
    assert header.text() == "Eligible: 1,250.50 STRK (provisions)"
    assert "Allocation lists: Eligible: 1,250.50 STRK (provisions)" in window.detail.toPlainText()
    window.filter_bar.eligible.setCurrentIndex(window.filter_bar.eligible.findData("eligible"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.project_at(0).id == "starknet"

    # The other profile is not on the list.
    session.set_profile(next(p.id for p in session.profiles if p.name == "Farm 2"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    window.filter_bar.reset()
    qtbot.waitUntil(lambda: eligible_cell(window) == "Not on the list", timeout=10_000)

    # The pre-filled claim is one undoable step.
    session.set_profile(main)
    qtbot.waitUntil(lambda: claim.status.currentData() == "eligible", timeout=10_000)
    window.tracking.undo_action.trigger()
    settle(window)
    qtbot.waitUntil(lambda: claim.status.currentData() != "eligible", timeout=10_000)


def test_a_passed_deadline_reads_missed_and_the_portfolio_counts_unclaimed(  # type: ignore[no-untyped-def]
    qtbot, catalog, tmp_path: Path
) -> None:
    from airdrop_desk.eligibility import importer
    from airdrop_desk.ui.views.portfolio_view import PortfolioView

    window = open_window(qtbot, catalog, tmp_path / "data")
    session = window.tracking.session
    create_profile(qtbot, window, "Main wallet")
    main = session.profile_id
    session.run(lambda repo: repo.add_address(main, "evm", EVM.lower()))
    lists = []
    for name, amount, deadline in (("strk", "1250.5", "2099-12-31"), ("uni", "400", "2021-01-01")):
        path = tmp_path / f"{name}.csv"
        path.write_text(f"address,amount\n{EVM.lower()},{amount}\n")
        lists.append((path, name, dt.datetime.fromisoformat(f"{deadline}T23:59:59+00:00")))

    def load(db):  # type: ignore[no-untyped-def]
        for path, name, deadline in lists:
            project = "Starknet" if name == "strk" else "Uniswap"
            plan = importer.prepare(importer.Request(str(path), project=project,
                                                     deadline=deadline))  # fmt: skip
            try:
                importer.apply(db, plan, list(catalog.rows))
            finally:
                plan.close()

    session.ops.lane.submit(load).result()
    window.eligibility.refresh()
    qtbot.waitUntil(lambda: cell(window, "uniswap") == "Missed: 400.00 UNI", timeout=10_000)
    assert cell(window, "starknet") == "Eligible: 1,250.50 STRK"
    assert window.select_project("uniswap")
    qtbot.waitUntil(lambda: "Allocation lists: Missed" in window.detail.toPlainText())
    assert "Missed: 400.00 UNI (uni), deadline 2021-01-01" in window.detail.toPlainText()

    view = PortfolioView(window.services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.idle, timeout=10_000):
        view.show()
    model = view.tables["unclaimed"].model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]  # fmt: skip
    # The test's catalog is stored in a folder of its own: project ids stand for names.
    assert rows[0] == ["Main wallet", "starknet", "STRK", "1250.5", "unpriced", "unpriced",
                       "2099-12-31", "eligible; unpriced"]  # fmt: skip
    assert rows[1][:3] == ["Main wallet", "uniswap", "UNI"] and rows[1][-1].startswith("missed")
    assert rows[2][0] == "Total"
    assert view.summary.text() == "Unclaimed airdrops: unpriced (1 to claim, 1 missed)"
    view.shutdown()


def cell(window, project_id: str) -> str:  # type: ignore[no-untyped-def]
    return str(window.model.index(window.model.row_of(project_id), window.model.ELIGIBLE).data())

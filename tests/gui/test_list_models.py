"""The models behind the smaller tables: Upcoming, points history, tick history, wallet
addresses and the profiles list. Each passes Qt's model tester and shows what the old
item tables showed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from airdrop_desk.core.deadlines import Deadline
from airdrop_desk.core.points import PointsSnapshot
from airdrop_desk.core.tracking import Profile, Task, Tick, WalletAddress
from airdrop_desk.ui.models.addresses import AddressTableModel
from airdrop_desk.ui.models.deadlines import EMPTY_TEXT, OVERDUE, DeadlineTableModel
from airdrop_desk.ui.models.points_history import PointsHistoryModel
from airdrop_desk.ui.models.profiles import ProfileListModel
from airdrop_desk.ui.models.tick_history import TickHistoryModel

Role = Qt.ItemDataRole
TODAY = dt.date(2024, 6, 10)
MUTED = QColor("#8a8a8a")


def texts(model: Any) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_deadlines_show_overdue_red_and_history_muted(qtmodeltester: Any) -> None:
    model = DeadlineTableModel()
    qtmodeltester.check(model, force_py=True)
    assert model.is_empty and texts(model) == [[EMPTY_TEXT, "", "", "", ""]]
    assert model.index(0, 0).data(model.DeadlineRole) is None
    items = [
        Deadline("a", dt.date(2024, 6, 5), "task", "Bridge", "starknet", "Starknet"),
        Deadline("b", dt.date(2024, 6, 1), "claim_open", "Claim", "zk", "ZKsync", tracked=False),
        Deadline("c", dt.date(2024, 6, 11), "snapshot", "Snap <b>x</b>", "linea", "Linea"),
        Deadline("d", dt.date(2024, 6, 20), "claim_close", "Closes", "scroll", "Scroll"),
    ]
    model.set_deadlines(items, TODAY, MUTED)
    assert not model.is_empty
    assert texts(model) == [
        ["2024-06-05", "Overdue", "Starknet", "Bridge", "Task due"],
        ["2024-06-01", "9 days ago", "ZKsync", "Claim", "Claim opens"],
        ["2024-06-11", "Tomorrow", "Linea", "Snap <b>x</b>", "Snapshot"],
        ["2024-06-20", "in 10 days", "Scroll", "Closes", "Claim closes"],
    ]
    colours = [model.index(r, 3).data(Role.ForegroundRole) for r in range(4)]
    assert [c.color() if c else None for c in colours] == [OVERDUE, MUTED, None, None]
    assert model.index(0, model.COL_IN).data(Role.FontRole).bold()
    assert model.index(0, model.COL_WHEN).data(Role.FontRole) is None
    assert model.index(2, 0).data(model.ProjectIdRole) == "linea"
    assert model.index(1, 0).data(model.DeadlineRole) is items[1]
    assert [model.index(r, model.COL_IN).data(model.SortRole) for r in range(4)] == [-5, -9, 1, 10]


def test_points_history_is_newest_first_with_the_change(qtmodeltester: Any) -> None:
    model = PointsHistoryModel()
    qtmodeltester.check(model, force_py=True)
    snaps = [
        PointsSnapshot(dt.date(2025, 3, 1), 1000),
        PointsSnapshot(dt.date(2025, 3, 11), 12500.5, 1234),
        PointsSnapshot(dt.date(2025, 3, 21), 12000),
    ]
    model.set_snapshots(snaps)
    assert texts(model) == [
        ["2025-03-21", "12,000", "-500", ""],
        ["2025-03-11", "12,500.5", "+11,500", "#1,234"],
        ["2025-03-01", "1,000", "", ""],
    ]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert [model.index(0, c).data(Role.TextAlignmentRole) for c in range(4)] == [None] + [
        right
    ] * 3
    assert model.snapshot_at(1) is snaps[1] and model.snapshot_at(3) is None
    assert model.index(2, 0).data(model.SnapshotRole) is snaps[0]
    assert [model.index(r, model.COL_CHANGE).data(model.SortRole) for r in range(3)] == [
        -500.5,
        11500.5,
        None,
    ]
    model.set_snapshots([])
    assert model.rowCount() == 0


def test_the_tick_dialog_lists_earlier_ticks_with_fees_and_whole_hashes(
    qtbot: Any, qtmodeltester: Any
) -> None:
    from airdrop_desk.ui.dialogs.task_dialogs import TickDialog

    at = dt.datetime(2024, 6, 1, 12, 30, tzinfo=dt.UTC)
    tx = "0x" + "ab" * 32
    ticks = [
        Tick(2, 1, at, "swap <b>twice</b>", tx, 0.0004, "ETH", 1.25),
        Tick(1, 1, at - dt.timedelta(days=3)),
        Tick(3, 1, at - dt.timedelta(days=5), cost_usd=1234.5),
    ]
    dialog = TickDialog(Task(1, 1, "Bridge ETH", 0, dt.date(2024, 1, 1)), (), "ETH")
    qtbot.addWidget(dialog)
    model = dialog.history.model()
    assert model is dialog.history_model and model.rowCount() == 0
    dialog.set_history(ticks)  # read after the form opened
    assert dialog.history_label.text() == "History (3)"
    local = at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert texts(model)[0] == [local, "swap <b>twice</b>", tx, "0.0004 ETH · $1.25"]
    assert texts(model)[1][1:] == ["", "", ""]
    assert texts(model)[2][3] == "$1,234.50"
    tips = [model.index(0, c).data(Role.ToolTipRole) for c in range(4)]
    assert tips == [None, "<qt>swap &lt;b&gt;twice&lt;/b&gt;</qt>", f"<qt>{tx}</qt>", None]
    assert model.index(1, TickHistoryModel.COL_TX).data(Role.ToolTipRole) is None
    assert model.index(2, 0).data(model.TickRole) is ticks[2]
    assert dialog.history.accessibleName() == "Tick history"
    checked = TickHistoryModel()  # the tester outlives the dialog: a model of its own
    qtmodeltester.check(checked, force_py=True)
    checked.set_records(ticks)
    assert texts(checked) == texts(model)


def test_wallet_addresses_name_their_chain_and_tip_the_whole_address(
    qtmodeltester: Any,
) -> None:
    model = AddressTableModel()
    qtmodeltester.check(model, force_py=True)
    evm = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
    addresses = [
        WalletAddress(1, 1, "evm", evm, "hot <b>wallet</b>"),
        WalletAddress(2, 1, "solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
    ]
    model.set_records(addresses)
    assert texts(model) == [
        ["EVM (Ethereum, L2s)", evm, "hot <b>wallet</b>"],
        ["Solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", ""],
    ]
    tip = model.index(0, model.COL_ADDRESS).data(Role.ToolTipRole)
    assert tip == f"<qt>{evm}<br>hot &lt;b&gt;wallet&lt;/b&gt;</qt>"
    assert model.index(0, model.COL_LABEL).data(Role.ToolTipRole) is None
    assert model.record_at(1) is addresses[1] and model.record_at(2) is None
    assert model.index(1, 0).data(model.SortRole) == "solana"
    model.set_records([])
    assert model.rowCount() == 0


def test_profiles_list_marks_an_archived_one(qtmodeltester: Any) -> None:
    model = ProfileListModel()
    qtmodeltester.check(model, force_py=True)
    profiles = [Profile(4, "Alt <i>2</i>"), Profile(1, "Main", archived=True)]
    model.set_profiles(profiles, MUTED)
    assert [model.index(r).data() for r in range(2)] == ["Alt <i>2</i>", "Main (archived)"]
    assert model.index(0).data(Role.ForegroundRole) is None
    assert model.index(1).data(Role.ForegroundRole).color() == MUTED
    assert model.row_of(1) == 1 and model.row_of(9) is None and model.row_of(None) is None
    assert model.index(0).data(model.ProfileIdRole) == 4
    assert model.index(1).data(model.ProfileRole) is profiles[1]
    model.set_profiles([], MUTED)
    assert model.rowCount() == 0


def test_the_identities_model_names_kinds_and_passes_the_model_tester(qtmodeltester: Any) -> None:
    from airdrop_desk.core.allocations import Identity
    from airdrop_desk.ui.models.identities import IdentityTableModel

    model = IdentityTableModel()
    model.set_records([Identity(1, 1, "github", "octocat"), Identity(2, 1, "x", "<b>fake</b>")])
    qtmodeltester.check(model)
    shown = [[model.index(r, c).data() for c in range(2)] for r in range(model.rowCount())]
    assert shown == [["GitHub", "octocat"], ["X", "<b>fake</b>"]]
    tip = model.index(1, IdentityTableModel.COL_HANDLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;fake&lt;/b&gt;" in tip  # shown literally, never as markup
    assert model.index(0, 0).data(IdentityTableModel.SortRole) == "github"

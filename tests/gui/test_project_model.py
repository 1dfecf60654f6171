"""The project table model passes Qt's model checks through filtering and sorting."""

from __future__ import annotations

from PySide6.QtCore import Qt

from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.ui.models.project_table import ProjectTableModel


def test_model_passes_qt_model_tester(qtmodeltester, catalog) -> None:
    model = ProjectTableModel(ProjectIndex(catalog.rows))
    qtmodeltester.check(model, force_py=True)  # stays attached: checks every change below
    model.set_filter(FilterSpec(tiers=frozenset({"likely"})))
    assert model.rowCount() == 8  # 5 from the article, 3 on the live watchlist
    model.sort(ProjectTableModel.COL["score"], Qt.SortOrder.DescendingOrder)
    model.set_filter(FilterSpec(text="no such project anywhere"))
    assert model.rowCount() == 0
    model.set_filter(FilterSpec())
    assert model.rowCount() == 26


def test_sort_role_gives_raw_values_and_ids(catalog) -> None:
    model = ProjectTableModel(ProjectIndex(catalog.rows))
    row = model.row_of("starknet")
    assert row is not None
    assert model.index(row, ProjectTableModel.COL["score"]).data() == "92%"
    assert model.index(row, ProjectTableModel.COL["score"]).data(model.SortRole) == -92
    assert model.index(row, ProjectTableModel.COL["raised"]).data() == "$100M"
    assert model.index(row, 0).data(model.ProjectIdRole) == "starknet"


def test_sort_by_score_then_back_to_catalog_order(catalog) -> None:
    model = ProjectTableModel(ProjectIndex(catalog.rows))
    model.sort(ProjectTableModel.COL["score"], Qt.SortOrder.AscendingOrder)
    top = [model.index(r, 0).data() for r in range(3)]
    assert top == ["Eclipse", "Starknet", "Linea"]  # 94, 92, 90 (Linea before Taiko)
    unscored = ["LayerZero", "Token Metrics", "Arbitrum", "Uniswap", "Variational", "Extended"]
    unscored += ["Polymarket", "MetaMask", "Base", "Arc", "OpenSea"]  # the live watchlist
    count = model.rowCount()
    bottom = [model.index(r, 0).data() for r in range(count - len(unscored), count)]
    assert bottom == unscored  # no score: last, in catalog order
    model.sort(-1)
    assert model.index(0, 0).data() == "Starknet"
    assert model.index(model.rowCount() - 1, 0).data() == "OpenSea"

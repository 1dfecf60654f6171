"""The project table view: the catalog columns plus the per-profile Progress column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from airdrop_desk.ui.models.project_table import ProjectTableModel


def make_project_table(model: ProjectTableModel) -> QTableView:
    """The project table over ``model``: column widths, sorting, the Progress column."""
    table = QTableView()
    table.setObjectName("projectTable")
    table.setAccessibleName("Projects")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setHighlightSections(False)
    table.setSortingEnabled(True)  # after the indicator is cleared: starts in catalog order
    widths = {"name": 116, "tier": 80, "score": 54, "raised": 60, "narratives": 180,
              "token": 56, "status": 84}
    for key, width in widths.items():
        table.setColumnWidth(ProjectTableModel.COL[key], width)
    header.setSectionResizeMode(ProjectTableModel.COL["narratives"],
                                QHeaderView.ResizeMode.Stretch)
    progress = ProjectTableModel.PROGRESS
    table.setColumnWidth(progress, 72)
    header.moveSection(progress, 1)  # beside the name; logical order stays the catalog's
    header.setSectionHidden(progress, True)  # shown once a profile is chosen
    return table

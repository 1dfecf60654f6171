"""The project table view: the catalog columns plus the per-profile Progress column.

Its header reads the column titles from a small C++ model of its own rather than
from ``ProjectTableModel.headerData``: Qt would call that Python method with a
``Qt.Orientation`` for every section it sizes and paints, and the first such call
makes PySide build every ``Qt`` namespace enum before the first frame (see
``ui/qt_values.py``). The model's ``headerData`` still answers everyone else
(accessibility). Sorting, which calls the model with a ``Qt.SortOrder``, is
switched on right after the first paint (``complete_table``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from airdrop_desk.ui.models.project_table import PROGRESS_TIP, ProjectTableModel

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from airdrop_desk.ui.widgets.row_painter import RowPainter


NARRATIVES_MIN = 64  # px: below this the Narratives column stops stretching
NAME_WHILE_SEARCHING = 230  # px: room for why a project matched beside its name
LONGEST_STATUS = "No airdrop confirmed"  # the Status column shows it whole


class ProjectTableView(QTableView):
    """A table view that paints through ``row_painter`` once one is set (after the first
    paint, see ``complete_table``).

    The Narratives column takes the width the others leave, but never less than
    ``NARRATIVES_MIN``: in a narrow table it keeps that width and the table scrolls
    sideways instead of cutting every narrative to a word.

    Signals: ``first_painted``, once, right after the table's first paint has finished
    (start-up waits for it). Told by ``paintEvent`` rather than an event filter: a
    filter would bring every event the table gets before that paint into Python.
    """

    first_painted = Signal()
    row_painter: RowPainter | None = None
    _painted = False
    _name_width: int | None = None  # the Project column's width before a search

    def fit_hints(self, searching: bool) -> None:
        """While a search is active, widen the Project column to show why each project
        matched beside its name; afterwards give it back its width."""
        column = ProjectTableModel.COL["name"]
        if searching and self._name_width is None:
            self._name_width = self.columnWidth(column)
            self.setColumnWidth(column, max(self._name_width, NAME_WHILE_SEARCHING))
        elif not searching and self._name_width is not None:
            self.setColumnWidth(column, self._name_width)
            self._name_width = None

    def updateGeometries(self) -> None:
        super().updateGeometries()
        header = self.horizontalHeader()
        column = ProjectTableModel.COL["narratives"]
        others = header.length() - header.sectionSize(column)
        # The header spans the viewport. (The first viewport() call from Python costs
        # ~25 ms: PySide resolves the QWidget it returns against every widget class.)
        stretch = header.width() - others >= NARRATIVES_MIN
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(column) != mode:
            header.setSectionResizeMode(column, mode)
            if not stretch:
                header.resizeSection(column, NARRATIVES_MIN)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self.row_painter
        if painter is None or not painter.can_paint():
            super().paintEvent(event)
        else:
            painter.paint(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # once this paint has finished


def make_project_table(model: ProjectTableModel) -> ProjectTableView:
    """The project table over ``model``: column widths, header titles, the Progress column."""
    table = ProjectTableView()
    table.setObjectName("projectTable")
    table.setAccessibleName("Projects")
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.hide()  # a visible header would size itself from model.headerData() right away
    table.setModel(model)
    titles = QStandardItemModel(0, model.columnCount(), header)
    titles.setHorizontalHeaderLabels(model.titles())
    header.setModel(titles)  # the same columns as ``model``, their titles kept in C++
    header.show()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header.setSortIndicatorClearable(True)
    header.setHighlightSections(False)
    widths = {
        "name": 104,
        "tier": 102,  # "was Confirmed": a finished airdrop's tier
        "score": 50,
        "raised": 56,
        "narratives": 180,
        "token": 52,
        "status": table.fontMetrics().horizontalAdvance(LONGEST_STATUS) + 16,
    }
    for key, width in widths.items():
        table.setColumnWidth(ProjectTableModel.COL[key], width)
    header.setSectionResizeMode(ProjectTableModel.COL["narratives"], QHeaderView.ResizeMode.Stretch)
    show_origin_when_needed(table, model)
    progress = ProjectTableModel.PROGRESS
    table.setColumnWidth(progress, 72)
    header.setSectionHidden(progress, True)  # shown once a profile is chosen
    table.setColumnWidth(ProjectTableModel.ELIGIBLE, 150)
    header.setSectionHidden(ProjectTableModel.ELIGIBLE, True)  # shown once lists are stored
    return table


def show_origin_when_needed(table: ProjectTableView, model: ProjectTableModel) -> None:
    """The "From" column only while a row comes from a feed or is yours: with the app's
    own catalog alone it would be an empty column taking the room of others."""
    layered = any('"origin"' in row.extra for row in model.all_rows())
    table.horizontalHeader().setSectionHidden(ProjectTableModel.COL["origin"], not layered)


def complete_table(table: ProjectTableView, model: ProjectTableModel) -> None:
    """After the first paint: sort on header clicks, starting in catalog order (no column
    sorted), the Progress column's tooltip, and the one-pass painter for the catalog
    columns."""
    from PySide6.QtCore import Qt

    from airdrop_desk.ui.widgets.row_painter import RowPainter

    table.row_painter = RowPainter(
        table,
        model.cell_text,
        frozenset(range(ProjectTableModel.PROGRESS)),
        model.numeric_columns(),
        model.hint_text,
    )
    model.searching.connect(table.fit_hints)
    table.fit_hints(bool(model.spec.text))
    header = table.horizontalHeader()
    # Beside the name (hidden until a profile is chosen); the logical order stays the
    # catalog's.
    header.moveSection(ProjectTableModel.PROGRESS, 1)
    titles = header.model()
    titles.setHeaderData(
        ProjectTableModel.PROGRESS,
        Qt.Orientation.Horizontal,
        PROGRESS_TIP,
        Qt.ItemDataRole.ToolTipRole,
    )
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)  # after the indicator is cleared: no sort yet

"""The main window: filter bar and project table on the left, detail pane on the right."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk import __version__
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.ui.models.project_table import ProjectTableModel
from airdrop_desk.ui.views.detail_pane import DetailPane
from airdrop_desk.ui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from airdrop_desk.catalog.sync import ProjectDocs


FILTER_DETAIL_DELAY_MS = 60


class MainWindow(QMainWindow):
    """Catalog browser.

    Signals: ``data_loaded`` once the database is open and the window shows
    everything it will show (screenshots wait for it).
    Attributes: ``model``, ``table``, ``filter_bar``, ``detail`` for tests.
    """

    data_loaded = Signal()

    def __init__(self, index: ProjectIndex, facets: dict[str, list[tuple[str, int]]],
                 docs: ProjectDocs, state: QSettings, details_now: bool = True) -> None:
        super().__init__()
        self.setWindowTitle("Airdrop Desk")
        self.setObjectName("mainWindow")
        self._index = index
        self._state = state
        self._details_on = details_now
        self._detail_pending: str | None = None
        self._selecting = False
        self._detail_timer = QTimer(self, singleShot=True)
        self._detail_timer.timeout.connect(self._render_pending_details)
        self.model = ProjectTableModel(index, self)
        self.filter_bar = FilterBar(facets, len(index), self)
        self.table = self._make_table()
        self.detail = DetailPane(docs, self)
        self.detail.project_link_activated.connect(self.select_project)
        self.empty_hint = QLabel("No project matches these filters. Press Reset to see all.")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setAccessibleName("No matching projects")
        self.empty_hint.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty_hint, 1)
        self.detail.setMinimumWidth(300)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        page = QVBoxLayout(central)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.filter_bar)
        page.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.storage_label = QLabel("Opening your data…")
        self.storage_label.setAccessibleName("Storage status")
        self.statusBar().addPermanentWidget(self.storage_label)
        self._make_actions()

        self.filter_bar.changed.connect(self.apply_filter)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        clear.activated.connect(self.clear_search)
        self.setTabOrder(self.filter_bar.reset_button, self.table)
        self.setTabOrder(self.table, self.detail)
        self._restore_state()

    # -- construction --------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("projectTable")
        table.setAccessibleName("Projects")
        table.setModel(self.model)
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
        widths = {"name": 130, "tier": 84, "score": 58, "raised": 66, "narratives": 180,
                  "token": 60, "status": 110}
        for key, width in widths.items():
            table.setColumnWidth(ProjectTableModel.COL[key], width)
        header.setSectionResizeMode(ProjectTableModel.COL["narratives"],
                                    QHeaderView.ResizeMode.Stretch)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        return table

    def _make_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view = self.menuBar().addMenu("&View")
        find = QAction("&Find…", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        reset = QAction("&Reset filters", self, shortcut=QKeySequence("Ctrl+R"))
        reset.triggered.connect(self.filter_bar.reset)
        to_table = QAction("Go to project &list", self, shortcut=QKeySequence("Ctrl+L"))
        to_table.triggered.connect(self.table.setFocus)
        to_detail = QAction("Go to &details", self, shortcut=QKeySequence("Ctrl+D"))
        to_detail.triggered.connect(self.detail.setFocus)
        for action in (find, reset, to_table, to_detail):
            view.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Airdrop Desk", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- behaviour -----------------------------------------------------------
    def apply_filter(self, spec: FilterSpec) -> None:
        current = self.current_id()
        self.model.set_filter(spec)
        shown = self.model.rowCount()
        self.filter_bar.show_count(shown, self.model.total())
        self.table.setVisible(shown > 0)
        self.empty_hint.setVisible(shown == 0)
        row = self.model.row_of(current) if current else None
        # While typing, the pane follows once the keystrokes pause: the table updates
        # at once, the rich text render waits.
        if row is not None:
            self._select_row(row, FILTER_DETAIL_DELAY_MS)
        elif shown:
            self._select_row(0, FILTER_DETAIL_DELAY_MS)
        else:
            self._show_details(None)

    def current_id(self) -> str | None:
        """The id of the selected project, if any."""
        index = self.table.selectionModel().currentIndex()
        return self.model.project_at(index.row()).id if index.isValid() else None

    def enable_details(self) -> None:
        """Render the detail pane (deferred at start-up until after the first paint)."""
        self._details_on = True
        self._show_details(self._detail_pending)

    def _show_details(self, project_id: str | None, delay_ms: int = 0) -> None:
        """Show ``project_id`` in the pane, now or after ``delay_ms`` (the last call wins)."""
        self._detail_pending = project_id
        if not self._details_on:
            return
        if delay_ms:
            self._detail_timer.start(delay_ms)
            return
        self._detail_timer.stop()
        shown = self.detail.project
        if project_id is None or shown is None or shown.id != project_id:
            self.detail.show_project(project_id)

    def _render_pending_details(self) -> None:
        self._show_details(self._detail_pending)

    def select_project(self, key: str) -> bool:
        """Select a project by id, name or alias; clears filters hiding it."""
        project_id = self._find_id(key)
        if project_id is None:
            return False
        row = self.model.row_of(project_id)
        if row is None:
            self.filter_bar.reset()
            row = self.model.row_of(project_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def set_storage_ready(self, where: str) -> None:
        self.storage_label.setText(f"Data: {where}")
        self.data_loaded.emit()

    def clear_search(self) -> None:
        """Esc: clear the search text; a second Esc clears every filter."""
        if self.filter_bar.search.text():
            self.filter_bar.search.clear()
        else:
            self.filter_bar.reset()

    def _find_id(self, key: str) -> str | None:
        wanted = key.casefold()
        for row in self._index.rows:
            if wanted in (n.casefold() for n in (row.id, row.name, *row.alias_list)):
                return row.id
        return None

    def _select_row(self, row: int, detail_delay_ms: int = 0) -> None:
        index = self.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self._selecting = True
        self.table.selectionModel().setCurrentIndex(index, flags)
        self._selecting = False
        self.table.scrollTo(index)
        self._show_details(self.model.project_at(row).id, detail_delay_ms)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:  # the user moved: follow at once
            self._show_details(self.model.project_at(current.row()).id)

    def _about(self) -> None:
        QMessageBox.about(self, "About Airdrop Desk",
                          f"<b>Airdrop Desk {__version__}</b><p>Track crypto airdrops, "
                          "eligibility tasks and holdings — on your own machine.</p>")

    # -- remembered state ----------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self._state.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([700, 500])
        self.filter_bar.set_spec(_spec_from_json(self._state.value("filters/last")))
        self.apply_filter(self.filter_bar.spec())
        self._render_pending_details()

    def save_state(self) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/splitter", self.splitter.saveState())
        self._state.setValue("filters/last", _spec_to_json(self.filter_bar.spec()))
        self._state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def _spec_to_json(spec: FilterSpec) -> str:
    data = {k: v for k, v in vars(spec).items() if v not in (None, "", False, frozenset())}
    if "tiers" in data:
        data["tiers"] = sorted(spec.tiers)
    return json.dumps(data)


def _spec_from_json(raw: object) -> FilterSpec:
    """The saved filters, or none when the saved text is missing or not understood."""
    try:
        data = json.loads(str(raw)) if raw else {}
        if "tiers" in data:
            data["tiers"] = frozenset(data["tiers"])
        return FilterSpec(**data)
    except (ValueError, TypeError):
        return FilterSpec()

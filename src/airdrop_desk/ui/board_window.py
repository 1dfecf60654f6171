"""The farm board window (View → Farm board, Ctrl+B): every tracked project by every
profile, and the Today list of what is due now across all of them.

It reads through the main window's tracking session (one database job for the grid
and the list) and changes through its undo stack, so Ctrl+Z here and in the main
window take back the same steps; it reads again after every step, wherever it was made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.ui.models.board import TINTS, BoardModel
from airdrop_desk.ui.models.today import TodayModel
from airdrop_desk.ui.plain import plain_label

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent

    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.board import Board, BoardData, DueTask, TodayItem
    from airdrop_desk.ui.tracking_session import Repo, TrackingSession

OpenChecklist = Callable[[int, str], None]
CELL_WIDTH = 52
ROW_HEIGHT = 24


class _Grid(QTableView):
    """The board's table: Enter or Return on a cell opens it, as a click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class _TodayTable(QTableView):
    """The Today list: Space ticks every selected task (or unticks them all when all are
    done) as one step; Tab leaves the table instead of moving between cells."""

    space_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.space_pressed.emit()
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()
            return
        super().keyPressEvent(event)


class BoardWindow(QDialog):
    """Non-modal window: the grid (``grid``, ``board_model``) and Today (``today``,
    ``today_model``), a ``heading`` that counts them, the ``tick_button`` and the
    ``same_button`` (select the current task of every profile).

    Signals: ``grid_loaded`` once a read's grid is on screen, ``loaded`` once its list
    is too. Attributes: ``data`` (the last read, with its tasks).
    """

    loaded = Signal()
    grid_loaded = Signal()

    def __init__(
        self,
        session: TrackingSession,
        docs: ProjectDocs,
        open_checklist: OpenChecklist,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Farm board — Airdrop Desk")
        self.setObjectName("farmBoard")
        self.resize(1200, 720)
        self.session = session
        self._docs = docs
        self._open_checklist = open_checklist
        self._request = 0
        self._dirty = True
        self._sized = False
        self._grid: BoardData | None = None
        self.data: BoardData | None = None
        self.heading = plain_label("Reading your checklists…")
        self.heading.setAccessibleName("Farm board summary")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.board_model = BoardModel(self)
        self.grid = self._make_grid()
        self.today_model = TodayModel(self)
        self.today_model.toggle_requested.connect(self.set_ticked)
        self.today = self._make_today()
        self.tick_button = QPushButton("Tick selected")
        self.tick_button.setToolTip(
            "Tick every selected task (Space); all of them are one step to undo (Ctrl+Z)"
        )
        self.tick_button.clicked.connect(self.toggle_selected)
        self.same_button = QPushButton("Same task, every profile")
        self.same_button.setToolTip(
            "Select this task in every profile that has it due, to tick them all at once"
        )
        self.same_button.clicked.connect(self.select_same_task)
        for button in (self.tick_button, self.same_button):
            button.setAutoDefault(False)  # Enter belongs to the grid and the list
        self._build_layout()
        self._add_actions()
        self._tune_palette()
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)
        self._midnight = QTimer(self, singleShot=True)  # a new day: repeating tasks reset
        self._midnight.timeout.connect(self.reload)
        session.undo_stack.indexChanged.connect(lambda _i: self._changed())
        session.profiles_changed.connect(lambda _p: self._changed())

    # -- construction --------------------------------------------------------------
    def _make_grid(self) -> QTableView:
        grid = _Grid()
        grid.setObjectName("boardGrid")
        grid.setAccessibleName("Farm board: projects by profiles")
        grid.setModel(self.board_model)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setTabKeyNavigation(False)
        grid.setWordWrap(False)
        header = grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(CELL_WIDTH)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setMinimumSectionSize(CELL_WIDTH)
        rows = grid.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.setMaximumWidth(220)
        grid.activated.connect(self._open)
        grid.clicked.connect(self._open)
        return grid

    def _make_today(self) -> QTableView:
        table = _TodayTable()
        table.setObjectName("todayList")
        table.setAccessibleName("Due today")
        table.setModel(self.today_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TodayModel.COL_TASK, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (TodayModel.COL_PROFILE, 90),
            (TodayModel.COL_PROJECT, 100),
            (TodayModel.COL_DUE, 150),
            (TodayModel.COL_REPEATS, 80),
        ):
            header.resizeSection(column, width)
        table.space_pressed.connect(self.toggle_selected)
        table.doubleClicked.connect(self._open_item)
        return table

    def _build_layout(self) -> None:
        legend = QHBoxLayout()
        legend.setSpacing(6)
        for state, text in (
            ("done", "✓ done"),
            ("in_progress", "in progress"),
            ("overdue", "! overdue"),
        ):
            chip = plain_label(text)
            colour = TINTS[state]
            chip.setStyleSheet(
                f"background: rgba({colour.red()},{colour.green()},{colour.blue()},"
                f"{colour.alpha()}); padding: 1px 6px; border-radius: 3px;"
            )
            legend.addWidget(chip)
        legend.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(legend)
        column.addLayout(top)
        column.addWidget(self.grid, 1)
        hint = plain_label("Click a cell (or Enter) to open that checklist in the main window.")
        hint.setEnabled(False)
        column.addWidget(hint)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        self.today_label = plain_label("Today")
        bold = self.today_label.font()
        bold.setBold(True)
        self.today_label.setFont(bold)
        self.today_label.setBuddy(self.today)
        side.addWidget(self.today_label)
        side.addWidget(self.today, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tick_button)
        buttons.addWidget(self.same_button)
        buttons.addStretch(1)
        self.undo_button = QToolButton()
        buttons.addWidget(self.undo_button)
        side.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.grid, self.today)
        self.setTabOrder(self.today, self.tick_button)
        self.setTabOrder(self.tick_button, self.same_button)

    def _add_actions(self) -> None:
        stack = self.session.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.addAction(undo)
        self.addAction(redo)
        # A button of fixed text: the step's name goes in its tooltip, not its width.
        self.undo_button.setText("Undo")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.clicked.connect(stack.undo)
        self.undo_button.setEnabled(stack.canUndo())
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: self.undo_button.setToolTip(f"Undo {text} (Ctrl+Z)")
        )
        same = QAction(self, shortcut=QKeySequence("Ctrl+Shift+A"))
        same.triggered.connect(self.select_same_task)
        self.addAction(same)
        self.undo_action, self.redo_action = undo, redo

    # -- reading -------------------------------------------------------------------
    def reload(self) -> None:
        """Read the grid and the list again (now if shown, else when next shown).

        Two jobs on the lane, one after the other: the grid's counts, then, once the
        grid is shown, the list's tasks, so the grid is painted without the list's read
        competing with it for the interpreter, and is on screen while the list is read.
        """
        self._dirty = True
        if not self.isVisible():
            return
        self._dirty = False
        self._request += 1
        request, now = self._request, self.session.clock()

        def read_grid(repo: Repo) -> BoardData:
            from airdrop_desk.storage.board_repo import read_grid

            return read_grid(repo.db, now)

        def read_due(repo: Repo) -> tuple[DueTask, ...]:
            from airdrop_desk.storage.board_repo import read_due

            return read_due(repo.db, now, with_done=True)

        def grid_read(data: BoardData) -> None:
            if request == self._request:
                self._show_grid(data)
                QTimer.singleShot(0, self, read_list)  # after the grid's paint

        def read_list() -> None:
            if request == self._request:
                self.session.run(read_due, due_read)

        def due_read(tasks: tuple[DueTask, ...]) -> None:
            if request == self._request and self._grid is not None:
                self.show_data(dataclasses.replace(self._grid, tasks=tasks))

        self.session.run(read_grid, grid_read)

    def _show_grid(self, data: BoardData) -> None:
        from airdrop_desk.core.board import build_board

        self._grid = data
        board = build_board(data, self._name)
        self.board_model.set_board(board)
        self._fit_grid(board)
        self.heading.setText(f"{len(board.projects)} projects · {len(board.profiles)} profiles")
        self.grid_loaded.emit()

    def show_data(self, data: BoardData) -> None:
        """Show the grid and the list of ``data`` (a read with its tasks)."""
        from airdrop_desk.core.board import snapshot_items, today_list

        if self._grid is None or data.cells is not self._grid.cells:
            self._show_grid(data)  # counts not on screen yet
        self.data = data
        projects = [p for p in (self._docs.project(pid) for pid in data.projects) if p]
        items = today_list(data, self._name, snapshot_items(projects, data.today), True)
        current = self.today.currentIndex()
        self.today_model.set_items(items, data.today)
        self._fit_today_columns(items)
        self._keep_cursor(current.row() if current.isValid() else -1)
        due = [i for i in items if not i.done]
        overdue = sum(1 for i in due if i.overdue)
        if overdue:
            self.heading.setText(
                f"{self.heading.text()} · {overdue} task{'s' if overdue != 1 else ''} overdue"
            )
        self.today_label.setText(
            f"Today — {len(due)} to do" if due else "Today — nothing left to do"
        )
        self._schedule_midnight(data.now)
        self.loaded.emit()

    def _name(self, project_id: str) -> str:
        project = self._docs.project(project_id)
        return project.name.name if project is not None else project_id

    def _changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._reload_timer.start()

    def _schedule_midnight(self, now: dt.datetime) -> None:
        tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
        self._midnight.start(int((tomorrow - now).total_seconds() * 1000) + 1000)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def _fit_today(self) -> None:
        """A narrow list leaves out the Repeats column (its tooltip still says it), so the
        task's title keeps room to be read."""
        width = self.today.viewport().width()
        self.today.setColumnHidden(TodayModel.COL_REPEATS, 0 < width < 600)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_today()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tune_palette()

    def _tune_palette(self) -> None:
        """Fusion outlines tick boxes with a darker Window colour, which vanishes on a
        dark Base: the list gets a lighter Window so unticked boxes stay visible."""
        palette = QPalette(self.palette())
        if palette.color(QPalette.ColorRole.Base).lightness() < 128:
            palette.setColor(QPalette.ColorRole.Window, QColor("#8a8f96"))
        self.today.setPalette(palette)
        self.today.viewport().setPalette(self.palette())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._midnight.stop()
        super().closeEvent(event)

    # -- the grid ------------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        if index.isValid() and self.board_model.cell_at(index.row(), index.column()):
            self._open_checklist(*self.board_model.place(index.row(), index.column()))

    def _open_item(self, index: QModelIndex) -> None:
        item = self.today_model.item_at(index.row())
        if item is not None and item.profile_id is not None:
            self._open_checklist(item.profile_id, item.project_id)

    # -- ticking -------------------------------------------------------------------
    def selected_items(self) -> list[TodayItem]:
        rows = sorted({i.row() for i in self.today.selectionModel().selectedRows()})
        if not rows and self.today.currentIndex().isValid():
            rows = [self.today.currentIndex().row()]
        found = (self.today_model.item_at(r) for r in rows)
        return [item for item in found if item is not None and item.task_id is not None]

    def toggle_selected(self) -> None:
        """Tick the selected tasks not done yet; when all are done, untick them."""
        items = self.selected_items()
        open_ = [i.task_id for i in items if not i.done and i.task_id is not None]
        if open_:
            self.set_ticked(open_, True)
        elif items:
            self.set_ticked([i.task_id for i in items if i.task_id is not None], False)

    def set_ticked(self, task_ids: list[int], ticked: bool) -> None:
        from airdrop_desk.core import tracking_ops as ops

        items = [i for i in self.today_model.items if i.task_id in set(task_ids)]
        if not items:
            return
        at, ids = self.session.clock(), list(task_ids)
        places = {(i.profile_id, i.project_id) for i in items}
        text = _step_name(items, ticked)
        if ticked:
            operation: Any = lambda repo: ops.tick_many(repo, ids, at)  # noqa: E731
        else:
            operation = lambda repo: ops.untick_many(repo, ids, at)  # noqa: E731
        many = len(places) > 1
        self.session.perform(
            text, operation, after=(lambda: self._refresh_main(places)) if many else None
        )

    def _refresh_main(self, places: set[tuple[int | None, str]]) -> None:
        """A step across profiles names no one place: the main window reads again what it
        shows of the current profile's touched projects."""
        for profile_id, project_id in places:
            if profile_id == self.session.profile_id:
                self.session.refresh(project_id)

    def select_same_task(self) -> None:
        """Select the current row's task in every profile that has it on the list."""
        current = self.today_model.item_at(self.today.currentIndex().row())
        if current is None:
            return
        model, selection = self.today_model, self.today.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row, item in enumerate(model.items):
            if item.same_task(current):
                selection.select(model.index(row, 0), flags)
        self.today.setFocus(Qt.FocusReason.OtherFocusReason)

    def _keep_cursor(self, row: int) -> None:
        """After a read the cursor stays on the same line of the list: a ticked task moves
        down among the done ones, and the next one due is under the cursor."""
        model = self.today_model
        if model.rowCount() and row >= 0:
            index = model.index(min(row, model.rowCount() - 1), 0)
            self.today.selectionModel().setCurrentIndex(
                index,
                self.today.selectionModel().SelectionFlag.ClearAndSelect
                | self.today.selectionModel().SelectionFlag.Rows,
            )

    def _fit_grid(self, board: Board) -> None:
        """Cell widths from the font and the largest count, not from measuring cells."""
        metrics = self.fontMetrics()
        widest = max((c.total for c in board.cells.values()), default=0)
        cell = metrics.horizontalAdvance(f"✓ {widest}/{widest}") + 8
        self.grid.horizontalHeader().setDefaultSectionSize(max(CELL_WIDTH, cell))
        if not self._sized:
            self._sized = True
            # The list keeps room for its columns; the grid takes the rest, or what it
            # needs when that is less (it scrolls sideways beyond).
            grid = self.grid.verticalHeader().sizeHint().width() + 24
            grid += self.grid.horizontalHeader().defaultSectionSize() * len(board.profiles)
            total = self.splitter.width()
            today = max(480, min(560, total * 9 // 20))
            left = min(grid, total - today)
            self.splitter.setSizes([left, total - left])

    def _fit_today_columns(self, items: list[TodayItem]) -> None:
        """Widths from the font and the longest names, not from measuring every row."""
        metrics = self.fontMetrics()
        header = self.today.horizontalHeader()
        board = self.board_model.board
        profiles = [p.name for p in board.profiles] + ["All"]
        projects = {i.project for i in items}
        for column, texts, most in (
            (TodayModel.COL_PROFILE, profiles, 110),
            (TodayModel.COL_PROJECT, projects, 120),
            (TodayModel.COL_DUE, ["12 days overdue", "by Wed 12-31"], 130),
            (TodayModel.COL_REPEATS, ["Every 12 days"], 100),
        ):
            width = max((metrics.horizontalAdvance(t) for t in texts), default=40) + 14
            header.resizeSection(column, min(width, most))
        self._fit_today()


def _step_name(items: list[TodayItem], ticked: bool) -> str:
    verb = "Tick" if ticked else "Untick"
    if len(items) == 1:
        return f"{verb} “{items[0].title}”"
    if all(i.same_task(items[0]) for i in items):
        return f"{verb} “{items[0].title}” for {len(items)} profiles"
    return f"{verb} {len(items)} tasks"


def open_board(window: QMainWindow, session: TrackingSession, docs: ProjectDocs) -> BoardWindow:
    """Show the board of ``window`` (made on first use, then brought forward)."""
    board = window.findChild(BoardWindow)
    if board is None:

        def open_checklist(profile_id: int, project_id: str) -> None:
            """A cell or a Today row: that profile's checklist of that project, in front."""
            if session.profile_id != profile_id:
                session.set_profile(profile_id)
            select = getattr(window, "select_project", None)
            show_tab = getattr(window, "show_tab", None)
            if select is not None and show_tab is not None and select(project_id):
                show_tab("checklist")
            window.raise_()
            window.activateWindow()

        board = BoardWindow(session, docs, open_checklist, window)
    board.show()
    board.raise_()
    board.activateWindow()
    return board

"""The portfolio view: holdings by asset, source and profile, value over time, airdrop ROI.

Reading runs as an op on the app's database lane; a sync runs on the shared pool with a
connection of its own (it waits on exchanges), reads keys on a thread pool beyond that,
reports progress through a queued signal and can be cancelled. The GUI thread only fills
tables and paints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core import portfolio as pf
from airdrop_desk.ui.models.portfolio_table import PortfolioTableModel
from airdrop_desk.ui.ops import Activity
from airdrop_desk.ui.plain import plain_label
from airdrop_desk.ui.services import Services
from airdrop_desk.ui.views.value_chart import ValueChart

if TYPE_CHECKING:  # the portfolio package (and sqlite-utils) load with the first read
    from airdrop_desk.portfolio.service import PortfolioData
    from airdrop_desk.portfolio.tables import Table

TABS = (
    ("assets", "By asset"),
    ("sources", "By source"),
    ("profiles", "By profile"),
    ("history", "Value over time"),
    ("roi", "Airdrop ROI"),
    ("unclaimed", "Unclaimed airdrops"),
)
EMPTY = {
    "roi": "No airdrop received and no task cost recorded yet. Mark a claim as claimed, "
    "or note what a tick cost, in a project's checklist.",
    "history": "Each sync adds the day's value here.",
    "unclaimed": "None of your addresses or handles is on an allocation list you imported "
    "and unclaimed. Import lists with Data → Allocation lists… (checked on this computer).",
}


class _Progress(QObject):
    moved = Signal(int, int, str)  # done, total, what happened; emitted on a worker thread


class PortfolioView(QWidget):
    """Everything the user holds and what it is worth, with "Sync now".

    Over the app's ``services``: data is read on their database lane (open by then);
    a sync opens connections with their opener on workers, reads key secrets from their
    secret store, prices from their price source (CoinGecko by default), and hands their
    client options to the exchange clients (timeouts in tests).
    Signals: ``idle`` once loaded data or an operation's result is on screen.
    Attributes (for tests): ``tables`` (name -> QTableView), ``holdings`` (the manual
    holdings page: add, edit, delete, undo), ``chart``, ``profile``,
    ``sync_button``, ``cancel_button``, ``progress``, ``summary``, ``message``,
    ``export_buttons``; ``choose_path(suggested) -> str | None`` asks where to save a CSV
    file (replaceable in tests). Call ``shutdown()`` before the view goes away.
    """

    idle = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioView")
        self._services = services
        self._data: PortfolioData | None = None
        self._shown: dict[str, Table] = {}
        self._points: list[pf.ValuePoint] = []
        self._profiles: list[str | None] = [None]
        self._cancel = threading.Event()
        self._after_reload: list[str] | None = None
        self.choose_path: Callable[[str], str | None] = self._ask_path

        self.profile = QComboBox()
        self.profile.addItem("All profiles")
        self.profile.setAccessibleName("Profile")
        self.profile.currentIndexChanged.connect(lambda _i: self._render())
        self.sync_button = QPushButton("Sync now")
        self.sync_button.setToolTip(
            "Read balances from every linked read-only key, then refresh prices"
        )
        self.sync_button.clicked.connect(self.sync)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.status = plain_label()
        bar = QHBoxLayout()
        bar.addWidget(plain_label("Profile:"))
        bar.addWidget(self.profile)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.progress)
        bar.addWidget(self.sync_button)
        bar.addWidget(self.cancel_button)
        self.summary = plain_label()
        self.summary.setObjectName("portfolioSummary")
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tables: dict[str, QTableView] = {}
        self.export_buttons: dict[str, QPushButton] = {}
        self.hints: dict[str, QLabel] = {}
        self.chart = ValueChart()
        for name, title in TABS:
            self.tabs.addTab(self._page(name), title)
        from airdrop_desk.ui.views.holdings_panel import HoldingsPanel

        self.holdings = HoldingsPanel(services, self.reload)
        self.tabs.addTab(self.holdings, "Manual holdings")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self._relay = _Progress(self)
        self._relay.moved.connect(self._moved)
        self.activity = Activity(self, self.status, self.progress)
        self.activity.busy_changed.connect(self._busy_changed)
        self.activity.idle.connect(self._idle)
        self.progress.hide()
        self.cancel_button.hide()
        self.reload("Opening your portfolio…")

    def _page(self, name: str) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        if name == "history":
            column.addWidget(self.chart, 1)
        table = QTableView()
        table.setModel(PortfolioTableModel(table))
        table.setAccessibleName(dict(TABS)[name])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        table.horizontalHeader().setStretchLastSection(True)
        if name == "history":
            table.setMaximumHeight(160)
        column.addWidget(table, 0 if name == "history" else 1)
        hint = plain_label(EMPTY.get(name, "Nothing yet."))
        hint.setWordWrap(True)
        hint.hide()
        column.addWidget(hint)
        self.hints[name] = hint
        export = QPushButton("Export CSV…")
        export.clicked.connect(lambda: self.export(name))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(export)
        column.addLayout(row)
        self.tables[name] = table
        self.export_buttons[name] = export
        return page

    # -- data --------------------------------------------------------------------------------

    def reload(self, text: str = "Reading your portfolio…") -> None:
        from airdrop_desk.portfolio.service import load

        self._set_progress(determinate=False)
        op = self._services.ops.database(self, lambda db: load(db))
        self.activity.run(op.success(self._loaded).failure(self._failed), text)

    def _loaded(self, data: PortfolioData) -> None:
        self._data = data
        chosen = (
            self._profiles[self.profile.currentIndex()]
            if self.profile.currentIndex() >= 0
            else None
        )
        names = sorted(data.profiles.values(), key=str.casefold)
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItem("All profiles")
        self.profile.addItems(names)
        self._profiles = [None, *names]
        self.profile.setCurrentIndex(self._profiles.index(chosen) if chosen in names else 0)
        self.profile.blockSignals(False)
        self._render()

    def _render(self) -> None:
        from airdrop_desk.portfolio import tables

        data = self._data
        if data is None:
            return
        profile = self._profiles[max(self.profile.currentIndex(), 0)]
        # Each table on its own: a record that cannot be shown empties its table only,
        # and the message names it so it can be found and corrected.
        problems: list[str] = []
        builders = {
            "assets": lambda: tables.asset_table(data, profile),
            "sources": lambda: tables.source_table(data, profile),
            "profiles": lambda: tables.profile_table(data),
            "roi": lambda: tables.roi_table(data, profile),
            "unclaimed": lambda: tables.unclaimed_table(data, profile),
        }
        self._shown = {}
        for name, build in builders.items():
            try:
                table = build()
            except tables.RecordError as exc:
                problems.append(str(exc))
                table = tables.Table(name, [""], [""])
            self._shown[name] = table
            self._fill(
                self.tables[name],
                table.header,
                table.keys,
                len(table.rows),
                table.rows.__getitem__,
                table.flags.__getitem__,
                table.raw.__getitem__,
            )
        # Newest day first; a day's row is formatted only when it scrolls into view.
        self._points = points = tables.points_for(data, profile)
        newest = len(points) - 1
        try:
            self._fill(
                self.tables["history"],
                tables.HISTORY_HEADER,
                tables.history_table([]).keys,
                len(points),
                lambda i: tables.history_row(points[newest - i]),
                lambda i: frozenset({"unpriced"} if points[newest - i].unpriced else ()),
                lambda i: _history_raw(points[newest - i]),
            )
            self.chart.set_points(points)
        except tables.RecordError as exc:
            problems.append(str(exc))
            self._points = []
            self._fill(self.tables["history"], [""], [""], 0, None, None, None)
        try:
            self.holdings.show_data(data, profile)
        except tables.RecordError as exc:
            problems.append(str(exc))
        try:
            self.summary.setText(tables.summary(data, profile))
        except tables.RecordError as exc:
            problems.append(str(exc))
            self.summary.setText("")
        lines = tables.notices(data)
        if problems:
            lines.insert(
                0,
                "Part of the portfolio cannot be shown. Correct or delete these records: "
                + "; ".join(dict.fromkeys(problems)),
            )
        self.message.setText("\n".join(lines))

    def _fill(
        self,
        view: QTableView,
        header: list[str],
        keys: list[str],
        count: int,
        row: Any,
        flags: Any,
        raw: Any,
    ) -> None:
        model = view.model()
        assert isinstance(model, PortfolioTableModel)
        model.show(header, keys, count, row, flags, raw)
        # Widths from the longest text of the first rows, measured once: Qt's own
        # resizeColumnsToContents asks the model for every role of every cell.
        metrics = view.fontMetrics()
        sample = [row(i) for i in range(min(count, 250))]
        for column, title in enumerate(header[:-1]):
            longest = max((cells[column] for cells in sample), key=len, default="")
            view.setColumnWidth(
                column,
                int(max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(longest) * 1.1))
                + 16,
            )
        # The last column (status, notes) takes the room that is left.
        view.horizontalHeader().setSectionResizeMode(
            len(header) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.hints[next(n for n, v in self.tables.items() if v is view)].setVisible(not count)

    # -- sync ------------------------------------------------------------------------------

    def sync(self) -> None:
        """Sync every key, then prices, then reload; progress on the bar, cancellable."""
        if self.activity.busy:
            return
        from airdrop_desk.portfolio.sync import sync_portfolio

        services = self._services
        store, options, opener = services.secrets, services.client_options, services.open_database
        prices = services.prices
        self._cancel = cancel = threading.Event()
        relay = self._relay

        def job(db: Any) -> Any:
            return sync_portfolio(
                db,
                opener,
                store,
                progress=relay.moved.emit,
                cancel=cancel,
                prices=prices() if prices else None,
                **options,
            )

        self._set_progress(determinate=True)
        self.cancel_button.setEnabled(True)
        op = services.ops.connected(self, opener, job)
        self.activity.run(op.success(self._synced).failure(self._failed), "Syncing…")

    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling: keys already asked finish first…")

    def _moved(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if not self._cancel.is_set():
            self.status.setText(text)

    def _synced(self, report: Any) -> None:
        # Shown above the price line once the reloaded data is on screen; a failed price
        # refresh is that line already ("Prices could not be refreshed: …"), said once.
        failed = report.prices is not None and not report.prices.ok
        lines = [ln for ln in report.lines() if not (failed and ln == report.prices.message)]
        self._after_reload = lines or ["No exchange keys linked."]
        self.reload()

    # -- export ----------------------------------------------------------------------------

    def export(self, name: str) -> None:
        from airdrop_desk.portfolio import tables

        table = (
            tables.history_table(list(reversed(self._points)))
            if name == "history"
            else self._shown.get(name)
        )
        if table is None:
            return
        target = self.choose_path(f"portfolio-{name}.csv")
        if not target:
            return
        try:
            with Path(target).open("w", encoding="utf-8", newline="") as out:
                table.write_csv(out)
        except OSError as exc:
            self.message.setText(f"Could not save {target}: {exc.strerror or exc}.")
            return
        self.message.setText(f"Saved {len(table.rows)} row(s) to {target}.")

    def _ask_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Export CSV", suggested, "CSV files (*.csv)")
        return path or None

    # -- plumbing --------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        from airdrop_desk.core.errors import StorageError

        known = isinstance(error, StorageError | OSError)
        self.message.setText(
            str(error) if known else f"Something went wrong ({type(error).__name__})."
        )

    def _set_progress(self, determinate: bool) -> None:
        self.progress.setRange(0, 1 if determinate else 0)
        self.progress.setValue(0)
        self.cancel_button.setVisible(determinate)

    def _busy_changed(self, busy: bool) -> None:
        self.sync_button.setEnabled(not busy)
        if not busy:
            self.cancel_button.hide()

    def _idle(self) -> None:
        if self._after_reload:
            self.message.setText("\n".join([*self._after_reload, self.message.text()]))
            self._after_reload = None
        self.idle.emit()

    def shutdown(self) -> None:
        """Cancel a running sync; the requests already sent finish on their workers."""
        self._cancel.set()


def _history_raw(point: pf.ValuePoint) -> list[object]:
    return [point.day, point.value, point.unpriced]

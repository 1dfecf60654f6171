"""Data → Allocation lists…: import published lists, see and remove the stored ones.

An import runs as two ops: fetching (the download, the only network request, on the
shared pool) and storing (one transaction on the database lane), with a progress bar
and a Cancel button that both honour. Eligible matches then pre-fill claims through
the tracking session, as one undoable step.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.allocations import FORMATS
from airdrop_desk.ui.models.alloc_lists import AllocListsModel
from airdrop_desk.ui.plain import plain_label
from airdrop_desk.ui.widgets.buttons import never_default

if TYPE_CHECKING:
    from airdrop_desk.ui.services import Services
    from airdrop_desk.ui.tracking_session import TrackingSession

PRIVACY = (
    "Checked on this computer: your addresses never leave it; the only request is the "
    "download you ask for."
)


class _Relay(QObject):
    """Carries the storing job's progress to the GUI thread (a queued signal)."""

    rows = Signal(int, str)


class AllocListsDialog(QDialog):
    """The stored lists and an import form.

    Signals: ``changed(str)`` after an import or a removal, with what happened.
    Attributes: ``source``, ``format_box``, ``project``, ``token``, ``decimals``,
    ``address_column``, ``amount_column``, ``import_button``, ``cancel_button``,
    ``progress``, ``status``, ``privacy``, ``table``, ``model``, ``remove_button``.
    """

    changed = Signal(str)

    def __init__(
        self,
        services: Services,
        projects: Sequence[Any],
        session: TrackingSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Allocation lists")
        self.setObjectName("allocListsDialog")
        self._services, self._projects, self._session = services, projects, session
        self._cancel: threading.Event | None = None
        self._relay = _Relay(self)
        self._relay.rows.connect(self._show_rows)
        names = {p.id: p.name for p in projects}

        self.source = QLineEdit(placeholderText="a file, a folder, or an https URL")
        self.source.setAccessibleName("List source")
        browse = QPushButton("File…")
        browse.setAccessibleName("Choose a list file")
        browse.clicked.connect(self._browse)
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("List format")
        self.format_box.addItem("Recognise it", None)
        for key, label in FORMATS.items():
            self.format_box.addItem(label, key)
        self.project = QLineEdit(placeholderText="matched by name or domain")
        self.project.setAccessibleName("Project of the list")
        self.token = QLineEdit(placeholderText="from the list or the project")
        self.token.setAccessibleName("Token symbol")
        self.decimals = QLineEdit(placeholderText="18")
        self.decimals.setAccessibleName("Token decimals")
        self.address_column = QLineEdit(placeholderText="address")
        self.address_column.setAccessibleName("Address column")
        self.amount_column = QLineEdit(placeholderText="amount")
        self.amount_column.setAccessibleName("Amount column")
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Source", row)
        form.addRow("Format", self.format_box)
        form.addRow("Project", self.project)
        form.addRow("Token", self.token)
        form.addRow("Decimals", self.decimals)
        form.addRow("CSV columns", _pair(self.address_column, self.amount_column))

        self.privacy = plain_label(PRIVACY)
        self.privacy.setObjectName("allocPrivacy")
        self.privacy.setWordWrap(True)
        self.import_button = QPushButton("Import")
        self.import_button.setAccessibleName("Import the list")
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = plain_label()  # names files and lists: outside text
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Import outcome")
        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 1)

        self.model = AllocListsModel(names, self)
        self.table = QTableView()
        self.table.setObjectName("allocListsTable")
        self.table.setAccessibleName("Stored allocation lists")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_button = never_default(QPushButton("Remove list"))
        self.remove_button.setAccessibleName("Remove the selected list")
        self.remove_button.clicked.connect(self.remove_selected)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.privacy)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button)
        self.resize(760, 520)
        self.reload()

    # -- the stored lists ---------------------------------------------------------------
    def reload(self) -> None:
        from airdrop_desk.eligibility.importer import stored

        self._services.ops.database(self, stored).success(self.model.set_lists).run()

    def remove_selected(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        item = self.model.list_at(index.row())

        def work(db: Any) -> Any:
            from airdrop_desk.eligibility.importer import remove

            return remove(db, item.id)

        def done(_gone: Any) -> None:
            text = f"Removed {item.name} ({item.rows:,} rows)."
            self.status.setText(text)
            self.reload()
            self._after_change(text, [])

        self._services.ops.database(self, work).success(done).busy(self.remove_button).run()

    # -- importing ------------------------------------------------------------------------
    def request(self) -> Any:
        from airdrop_desk.eligibility.importer import Request

        decimals = self.decimals.text().strip()
        if decimals and (not decimals.isdigit() or int(decimals) > 36):
            raise ValueError(f"'{decimals}' is not a number of decimals 0..36.")
        return Request(
            self.source.text().strip(),
            self.format_box.currentData(),
            self.project.text().strip() or None,
            self.token.text().strip() or None,
            int(decimals) if decimals else None,
            address_column=self.address_column.text().strip() or None,
            amount_column=self.amount_column.text().strip() or None,
        )

    def start_import(self) -> None:
        try:
            request = self.request()
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        if not request.source:
            self.status.setText("Name a file, a folder or an https URL first.")
            return
        cancel = self._cancel = threading.Event()
        ops, projects, emit = self._services.ops, self._projects, self._relay.rows.emit
        self._busy(True, "Fetching…")

        def fetch() -> Any:
            from airdrop_desk.eligibility.importer import prepare

            return prepare(request, cancel=cancel.is_set)

        def store(plan: Any) -> Any:
            def job(db: Any) -> Any:
                from airdrop_desk.eligibility import importer, matching

                try:
                    done = importer.apply(db, plan, projects, emit, cancel.is_set)
                finally:
                    plan.close()
                return done, matching.find(db, matching.profile_holders(db))

            ops.database(self, job).success(self._imported).failure(self._failed).run()

        ops.background(self, fetch).success(store).failure(self._failed).run()

    def cancel_import(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText("Cancelling…")

    def _show_rows(self, rows: int, name: str) -> None:
        if self._cancel is None:
            return  # the import has already reported back
        self.status.setText(f"Importing {name}: {rows:,} rows…")

    def _imported(self, value: Any) -> None:
        done, matches = value
        names = {p.id: p.name for p in self._projects}
        text = " ".join(d.describe(names.get(d.list.project_id or "")) for d in done)
        self._busy(False, text)
        self.reload()
        self._after_change(text, matches)

    def _failed(self, error: BaseException) -> None:
        from airdrop_desk.eligibility.sources import Cancelled

        if isinstance(error, Cancelled):
            self._busy(False, "Import cancelled; nothing was changed.")
        else:
            self._busy(False, f"{error} Nothing was imported.")

    def _busy(self, busy: bool, text: str) -> None:
        self.import_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        self.status.setText(text)
        if not busy:
            self._cancel = None

    def _after_change(self, text: str, matches: list[Any]) -> None:
        session = self._session
        if session is not None:
            from airdrop_desk.eligibility.matching import pre_fill_operation

            now = dt.datetime.now(dt.UTC)
            if any(m.profile_id is not None and m.status(now) == "eligible" for m in matches):
                filled: set[str] = set()

                def refresh() -> None:  # the table, and the Claims form of each project
                    session.refresh(None)
                    for project_id in filled:
                        session.project_changed.emit(project_id)

                session.perform(
                    "Pre-fill claims from allocation lists",
                    pre_fill_operation(matches, now),
                    done=lambda pairs: filled.update(p for _profile, p in pairs),
                    after=refresh,
                )
            else:
                session.refresh(None)
        self.changed.emit(text)

    def _browse(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self, "Allocation list", "", "Lists (*.csv *.tsv *.gz *.json);;All files (*)"
        )
        if name:
            self.source.setText(name)


def _pair(first: QWidget, second: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first)
    row.addWidget(second)
    return box

"""A profile's other identities: the handles allocation lists may name (GitHub, X, Discord)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.allocations import IDENTITY_KINDS, Identity
from airdrop_desk.ui.models.identities import IdentityTableModel
from airdrop_desk.ui.widgets.buttons import never_default
from airdrop_desk.ui.widgets.field_errors import FormErrors

if TYPE_CHECKING:
    from airdrop_desk.ui.tracking_session import TrackingSession


class IdentityEditor(QGroupBox):
    """Other identities of one profile. A handle is checked as ``profiles add --identity``
    checks it before anything is written (the message shows under the handle); adding,
    changing and removing are steps on the undo stack. Choosing a row puts it in the
    fields, where "Change" rewrites it.

    Signals: ``idle`` after the list on screen is current.
    Attributes (for tests): ``table``, ``kind``, ``handle``, ``add_button``,
    ``change_button``, ``remove_button``, ``errors``, ``items``.
    """

    idle = Signal()

    def __init__(self, session: TrackingSession, parent: QWidget | None = None) -> None:
        super().__init__("Other identities", parent)
        self.session = session
        self.profile_id: int | None = None
        self.items: list[Identity] = []
        self.errors = FormErrors()
        self.setToolTip(
            "Handles allocation lists may name; checked on this computer, never sent anywhere"
        )
        self.model = IdentityTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName("Other identities")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMaximumHeight(96)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentChanged.connect(
            lambda current, _previous: self._chosen(current.row())
        )
        self.kind = QComboBox()
        self.kind.setAccessibleName("Identity kind")
        for key, title in IDENTITY_KINDS.items():
            self.kind.addItem(title, key)
        self.handle = QLineEdit(placeholderText="handle, e.g. octocat")
        self.handle.setAccessibleName("Handle")
        self.handle.setMaxLength(101)  # 100 and a leading @
        self.handle.returnPressed.connect(self.add)
        self.add_button = never_default(QPushButton("Add"))
        self.add_button.setAccessibleName("Add identity")
        self.add_button.clicked.connect(self.add)
        self.change_button = never_default(QPushButton("Change"))
        self.change_button.setToolTip("Save the kind and handle above to the chosen identity")
        self.change_button.clicked.connect(self.change)
        self.remove_button = never_default(QPushButton("Remove identity"))
        self.remove_button.clicked.connect(self.remove)
        self.message = self.errors.add("handle", self.handle)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.handle, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.change_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._enable()

    def show_profile(self, profile_id: int | None) -> None:
        self.profile_id = profile_id
        self.errors.clear()
        self.handle.clear()
        self.setEnabled(profile_id is not None)
        self.items = []
        self.model.set_records([])
        self._enable()
        self.load()

    def load(self) -> None:
        pid = self.profile_id
        if pid is None:
            return

        def shown(found: list[Identity]) -> None:
            if pid != self.profile_id:
                return
            self.items = found
            self.table.selectionModel().blockSignals(True)
            self.model.set_records(found)
            self.table.selectionModel().blockSignals(False)
            self._enable()
            self.idle.emit()

        def work(repo: object) -> list[Identity]:
            from airdrop_desk.eligibility.handles import identities

            return identities(repo.db, pid)  # type: ignore[attr-defined]

        self.session.run(work, shown)

    def _current(self) -> Identity | None:
        row = self.table.currentIndex().row()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.kind.setCurrentIndex(self.kind.findData(item.kind))
            self.handle.setText(item.handle)
            self.errors.clear()
        self._enable()

    def _enable(self) -> None:
        chosen = self._current() is not None
        self.change_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _checked(self, skip: int | None = None) -> str | None:
        from airdrop_desk.eligibility.handles import check

        self.errors.clear()
        try:
            return check(str(self.kind.currentData()), self.handle.text(), self.items, skip)
        except ValueError as exc:
            self.errors.show({"handle": str(exc)})
            self.idle.emit()
            return None

    def _after(self) -> None:
        # Every redo and undo: the list again, and eligibility for the new handles.
        self.load()
        self.session.identities_changed.emit()

    def add(self) -> None:
        from airdrop_desk.eligibility.handles import add_identity

        pid, kind = self.profile_id, str(self.kind.currentData())
        handle = self._checked()
        if pid is None or handle is None:
            return
        self.handle.clear()
        title = IDENTITY_KINDS[kind]
        self.session.perform(f"Add {title} handle", add_identity(pid, kind, handle),
                             after=self._after)  # fmt: skip

    def change(self) -> None:
        from airdrop_desk.eligibility.handles import change_identity

        item, kind = self._current(), str(self.kind.currentData())
        if item is None:
            return
        handle = self._checked(skip=item.id)
        if handle is None or (kind, handle) == (item.kind, item.handle):
            return
        self.session.perform("Change identity", change_identity(item, kind, handle),
                             after=self._after)  # fmt: skip

    def remove(self) -> None:
        from airdrop_desk.eligibility.handles import remove_identity

        item = self._current()
        if item is None:
            return
        self.handle.clear()
        self.session.perform(f"Remove {IDENTITY_KINDS[item.kind]} handle {item.handle}",
                             remove_identity(item), after=self._after)  # fmt: skip

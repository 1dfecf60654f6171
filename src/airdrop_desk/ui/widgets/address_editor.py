"""A profile's wallet addresses: the list, and a line to add one checked for its chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core import tracking_ops as ops
from airdrop_desk.core.addresses import CHAINS, MAX_LABEL, address_note
from airdrop_desk.core.tracking import FieldErrors, WalletAddress
from airdrop_desk.ui.models.addresses import AddressTableModel
from airdrop_desk.ui.widgets.buttons import never_default
from airdrop_desk.ui.widgets.field_errors import FormErrors

if TYPE_CHECKING:
    from airdrop_desk.ui.tracking_session import TrackingSession


class AddressEditor(QGroupBox):
    """Addresses of one profile; adding validates first (the message shows under the
    address), removing is a step on the undo stack.

    Signals: ``idle`` after the list on screen is current.
    Attributes (for tests): ``table`` (a view of ``model``, an ``AddressTableModel``),
    ``chain``, ``address``, ``label``, ``add_button``, ``remove_button``, ``message``.
    """

    idle = Signal()

    def __init__(self, session: TrackingSession, parent: QWidget | None = None) -> None:
        super().__init__("Wallet addresses", parent)
        self.session = session
        self.profile_id: int | None = None
        self.errors = FormErrors()
        self.model = AddressTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName("Wallet addresses")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AddressTableModel.COL_ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.chain = QComboBox()
        self.chain.setAccessibleName("Chain")
        for key, label in CHAINS.items():
            self.chain.addItem(label, key)
        self.address = QLineEdit(placeholderText="paste the address")
        self.address.setAccessibleName("Address")
        self.address.returnPressed.connect(self.add)
        self.label = QLineEdit(placeholderText="label (optional)")
        self.label.setAccessibleName("Address label")
        self.label.setMinimumWidth(160)
        self.label.setMaxLength(MAX_LABEL)
        self.label.returnPressed.connect(self.add)
        self.add_button = never_default(QPushButton("Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = never_default(QPushButton("Remove address"))
        self.remove_button.clicked.connect(self.remove)
        self.message = self.errors.add("address", self.address)
        self.label_message = self.errors.add("label", self.label)
        # The address gets a whole line: a Cosmos contract address is 63 characters.
        add_row = QGridLayout()
        add_row.setVerticalSpacing(2)
        add_row.addWidget(self.address, 0, 0, 1, 4)
        add_row.addWidget(self.message, 1, 0, 1, 4)
        add_row.addWidget(self.chain, 2, 0)
        add_row.addWidget(self.label, 2, 1)
        add_row.addWidget(self.add_button, 2, 3)
        add_row.addWidget(self.label_message, 3, 1, 1, 3)
        add_row.setColumnStretch(2, 1)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(remove_row)
        layout.addLayout(add_row)
        # Undo and redo of a removal: jobs run in order, so this read sees them.
        session.undo_stack.indexChanged.connect(self._stack_changed)

    def _stack_changed(self, _index: int) -> None:
        if self.isVisible():
            self.load()

    def show_profile(self, profile_id: int | None) -> None:
        self.profile_id = profile_id
        self.errors.clear()
        self.setEnabled(profile_id is not None)
        self.model.set_records([])
        self.load()

    def load(self) -> None:
        pid = self.profile_id
        if pid is None:
            return

        def shown(addresses: list[WalletAddress]) -> None:
            if pid != self.profile_id:
                return
            self.model.set_records(addresses)
            self.idle.emit()

        self.session.run(lambda repo: repo.addresses(pid), shown)

    def add(self) -> None:
        pid = self.profile_id
        if pid is None:
            return
        chain, text, label = str(self.chain.currentData()), self.address.text(), self.label.text()
        self.errors.clear()

        def added(item: WalletAddress) -> None:
            self.address.clear()
            self.label.clear()
            note = address_note(item.chain, text)
            if note:
                self.message.show_note(note)
            self.load()

        def failed(error: Exception) -> None:
            if isinstance(error, FieldErrors):
                self.errors.show(error.errors)
            else:
                self.message.show_error(str(error))
            self.idle.emit()

        self.session.run(lambda repo: repo.add_address(pid, chain, text, label), added, failed)

    def remove(self) -> None:
        item = self.model.record_at(self.table.currentIndex().row())
        if item is None:
            return
        self.session.perform("Remove address", lambda repo: ops.remove_address(repo, item))

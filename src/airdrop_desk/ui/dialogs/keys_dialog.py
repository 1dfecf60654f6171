"""The exchange keys dialog: linked keys, linking a new one, re-checks and the audit log.

Every vault call (database and network) runs as an op on the shared pool with a database
connection of its own, so neither the window nor the database lane waits for an exchange.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.exchanges import registry
from airdrop_desk.keys.secret import Credentials
from airdrop_desk.keys.vault import CheckResult, KeysOverview, KeyVault, LinkResult, VaultError
from airdrop_desk.ui.models.keys import AuditTableModel, KeyTableModel
from airdrop_desk.ui.ops import Activity
from airdrop_desk.ui.plain import ask, plain_label
from airdrop_desk.ui.services import Services
from airdrop_desk.ui.widgets.buttons import never_default

AUDIT_ROWS = 500


class KeysDialog(QDialog):
    """Linked exchange keys and the form to link another one, over the app's ``services``
    (their secret store, database opener, ops and exchange client options).

    Signals: ``idle`` once a background operation's result is on screen.
    Attributes (for tests): ``keys_table``, ``audit_table``, ``exchange``, ``label_edit``,
    ``key_edit``, ``secret_edit``, ``passphrase_edit``, ``link_button``, ``check_button``,
    ``remove_button``, ``backend``, ``message``, ``status``, ``progress``; ``confirm`` asks
    the user a yes/no question (replaceable in tests).
    """

    idle = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Exchange keys")
        self.resize(760, 560)
        self._services = services
        self._keyring_problem: str | None = None
        self._given_up = False
        self.confirm: Callable[[str], bool] = self._ask
        self.backend = plain_label("Keyring: …")
        self.backend.setWordWrap(True)
        self.keys_model = KeyTableModel(registry.title, self)
        self.audit_model = AuditTableModel(self)
        self.keys_table = self._table(self.keys_model, "Linked keys")
        self.audit_table = self._table(self.audit_model, "Audit log")
        self.check_button = QPushButton("Re-check all")
        self.check_button.clicked.connect(self._check_all)
        self.remove_button = never_default(QPushButton("Remove…"))
        self.remove_button.clicked.connect(self._remove)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = plain_label()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: exchanges do not report progress
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        busy = QHBoxLayout()
        busy.addWidget(self.status, 1)
        busy.addWidget(self.progress)

        tabs = QTabWidget()
        tabs.addTab(self._keys_tab(), "Keys")
        audit = QWidget()
        column = QVBoxLayout(audit)
        column.addWidget(
            plain_label(
                f"The last {AUDIT_ROWS} requests made with your keys. Export "
                "all of them with: airdrop-desk keys audit --format csv"
            )
        )
        column.addWidget(self.audit_table)
        tabs.addTab(audit, "Audit log")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(busy)

        self.activity = Activity(self, self.status, self.progress)
        self.activity.busy_changed.connect(self._busy_changed)
        self.activity.idle.connect(self.idle)
        self.refresh()

    # -- layout ----------------------------------------------------------------------------

    def _table(self, model: KeyTableModel | AuditTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setAccessibleName(name)
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        # Even columns read better than ones sized to an empty table's headers.
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def _keys_tab(self) -> QWidget:
        self.exchange = QComboBox()
        for exchange in registry.EXCHANGES:
            self.exchange.addItem(exchange.title, exchange.name)
        self.exchange.currentIndexChanged.connect(self._exchange_changed)
        self.label_edit = QLineEdit(placeholderText="your name for this key, e.g. main")
        self.key_edit = QLineEdit()
        self.secret_edit = QLineEdit()
        self.passphrase_edit = QLineEdit()
        for edit in (self.key_edit, self.secret_edit, self.passphrase_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)  # nothing secret in screenshots
        self.link_button = QPushButton("Verify and link")
        self.link_button.clicked.connect(self._link)
        form = QFormLayout()
        form.addRow("Exchange", self.exchange)
        form.addRow("Label", self.label_edit)
        form.addRow("API key", self.key_edit)
        form.addRow("API secret", self.secret_edit)
        form.addRow("Passphrase", self.passphrase_edit)
        form.addRow("", self.link_button)
        group = QGroupBox("Link a read-only key")
        group.setLayout(form)
        # Off until the keyring has answered: without one nothing typed here could be kept.
        group.setEnabled(False)
        self.link_group = group
        hint = plain_label(
            "Create the key on the exchange with reading rights only. Airdrop Desk "
            "asks the exchange first and refuses keys that can trade, withdraw or "
            "transfer."
        )
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.backend)
        column.addWidget(self.keys_table, 1)
        column.addLayout(buttons)
        column.addWidget(hint)
        column.addWidget(group)
        self._exchange_changed()
        return page

    def _exchange_changed(self) -> None:
        exchange = registry.info(self.exchange.currentData())
        self.passphrase_edit.setEnabled(exchange.needs_passphrase)
        self.passphrase_edit.setPlaceholderText(
            "the passphrase chosen for the key"
            if exchange.needs_passphrase
            else f"{exchange.title} keys have none"
        )
        self.secret_edit.setPlaceholderText(exchange.secret_hint)

    # -- operations --------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self._services.secrets

        def read(vault: KeyVault) -> tuple[KeysOverview, str | None]:
            return vault.overview(AUDIT_ROWS), _keyring_problem(store)

        self._run("Reading your keys…", read, self._show, then_refresh=False)

    def _link(self) -> None:
        name = self.exchange.currentData()
        exchange = registry.info(name)
        label, key, secret = (
            e.text().strip() for e in (self.label_edit, self.key_edit, self.secret_edit)
        )
        passphrase = self.passphrase_edit.text() if exchange.needs_passphrase else ""
        if not (label and key and secret) or (exchange.needs_passphrase and not passphrase):
            self.message.setText(
                "Fill in the label, the API key, the secret"
                + (" and the passphrase." if exchange.needs_passphrase else ".")
            )
            return
        credentials = Credentials.of(key, secret, passphrase or None)
        self._run(
            f"Asking {exchange.title} what this key may do…",
            lambda vault: vault.link(name, label, credentials),
            self._linked,
        )

    def _linked(self, result: LinkResult) -> None:
        for edit in (self.key_edit, self.secret_edit, self.passphrase_edit, self.label_edit):
            edit.clear()
        self.message.setText(
            f"Linked '{result.record.label}' ({result.record.masked_key}): "
            "verified read-only. " + " ".join(result.notes)
        )

    def _check_all(self) -> None:
        self._run(
            "Re-checking every key with its exchange…", lambda vault: vault.check(), self._checked
        )

    def _checked(self, results: list[CheckResult]) -> None:
        lines = [f"{r.record.label}: {r.message}" for r in results]
        self.message.setText("\n".join(lines) or "No keys linked yet.")

    def _remove(self) -> None:
        record = self.keys_model.record_at(self.keys_table.currentIndex().row())
        if record is None:
            self.message.setText("Select the key to remove.")
            return
        label = record.label
        if not self.confirm(
            f"Remove '{label}' from the keyring and from Airdrop Desk? Its audit log entries stay."
        ):
            return
        self._run(
            f"Removing '{label}'…",
            lambda vault: vault.remove(label),
            lambda record: self.message.setText(f"Removed '{record.label}'."),
        )

    # -- plumbing ----------------------------------------------------------------------------

    def _run(
        self,
        busy: str,
        work: Callable[[KeyVault], Any],
        done: Callable[[Any], None],
        then_refresh: bool = True,
    ) -> None:
        services = self._services
        store, options = services.secrets, services.client_options

        def job(db: Any) -> Any:
            return work(KeyVault(db, store, **options))

        def succeeded(value: Any) -> None:
            if self._given_up and not self.isVisible():
                return
            done(value)
            if then_refresh:
                self.refresh()

        def failed(error: BaseException) -> None:
            if self._given_up and not self.isVisible():
                return
            self._explain(error)
            if then_refresh:
                self.refresh()  # a refused link still wrote its requests to the audit log

        op = services.ops.connected(self, services.open_database, job)
        self.activity.run(op.success(succeeded).failure(failed), busy)

    def _explain(self, error: BaseException) -> None:
        # Vault and storage errors are written for the user; anything else is named only.
        from airdrop_desk.core.errors import StorageError

        known = isinstance(error, VaultError | StorageError)
        self.message.setText(
            str(error) if known else f"Something went wrong ({type(error).__name__})."
        )

    def _show(self, read: tuple[KeysOverview, str | None]) -> None:
        overview, problem = read
        self._keyring_problem = problem
        self.link_group.setEnabled(problem is None)
        if problem is not None:
            self.message.setText(problem)
        self.backend.setText(f"Keys are kept in: {overview.backend}")
        self.keys_model.set_keys(overview.keys, overview.rotate_by)
        self.audit_model.set_entries(overview.audit)

    def _busy_changed(self, busy: bool) -> None:
        for button in (self.link_button, self.check_button, self.remove_button):
            button.setEnabled(not busy)
        if not busy:
            self._given_up = False

    def _ask(self, question: str) -> bool:
        return ask(self, "Exchange keys", question)

    def done(self, result: int) -> None:
        """Close (Escape, Close, the window's X) at once, even while a request runs: it is
        given up on: its reply, if one still comes, is written to the audit log only."""
        if self.activity.busy:
            self._given_up = True
            self.status.setText("")
        super().done(result)


def _keyring_problem(store: Any) -> str | None:
    """Why keys cannot be kept (no secure keyring, or it does not answer), else None."""
    from airdrop_desk.keys.store import KeyringUnavailable

    try:
        store.ensure_usable()
    except KeyringUnavailable as exc:
        return str(exc)
    return None

"""Forms for one checklist task: add or edit it, and tick it with details.

Both check every field before anything is saved and show each problem under its
field; the caller gets plain values back (``result_task`` / ``details``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core import clock
from airdrop_desk.core.recurrence import KINDS, MAX_EVERY_DAYS, Recurrence
from airdrop_desk.core.safe_links import check_link
from airdrop_desk.core.tracking import (
    FieldErrors,
    Task,
    Tick,
    TickDetails,
    parse_date,
    parse_tick_details,
    parse_title,
)
from airdrop_desk.ui.models.tick_history import TickHistoryModel
from airdrop_desk.ui.plain import plain_label
from airdrop_desk.ui.widgets.field_errors import FormErrors


def _field(form: QFormLayout, label: str, widget: QWidget, errors: FormErrors, name: str) -> None:
    widget.setAccessibleName(label)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(errors.add(name, widget))
    form.addRow(label, column)


class TaskDialog(QDialog):
    """Add or edit a task: title, detail, link, how often it repeats, due date.

    Attributes (for tests): ``title``, ``detail``, ``link``, ``repeats``, ``every``,
    ``due``, ``errors``; after Save, ``result_task`` holds the task as entered.
    """

    def __init__(
        self, task: Task | None, official: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit task" if task else "Add a task")
        self.setMinimumWidth(420)
        self._task = task
        self._official = tuple(official)
        self.result_task: Task | None = None
        self.errors = FormErrors()
        self.title = QLineEdit(task.title if task else "")
        self.title.setPlaceholderText("e.g. Swap on a Starknet DEX")
        self.detail = QPlainTextEdit(task.detail if task else "")
        self.detail.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.detail.setFixedHeight(60)
        self.link = QLineEdit(task.link if task else "")
        self.link.setPlaceholderText(
            f"https://{self._official[0]}/…" if self._official else "https://…"
        )
        self.link.textChanged.connect(self._check_link)
        self.repeats = QComboBox()
        for kind, label in KINDS.items():
            self.repeats.addItem(label, kind)
        self.every = QSpinBox(minimum=1, maximum=MAX_EVERY_DAYS, suffix=" days")
        self.every.setAccessibleName("Repeat every so many days")
        rec = task.recurrence if task else Recurrence()
        self.repeats.setCurrentIndex(max(self.repeats.findData(rec.kind), 0))
        self.every.setValue(rec.every_days or 3)
        self.repeats.currentIndexChanged.connect(self._kind_changed)
        self.due = QLineEdit(task.due.isoformat() if task and task.due else "")
        self.due.setPlaceholderText("YYYY-MM-DD (optional)")

        form = QFormLayout()
        _field(form, "Task", self.title, self.errors, "title")
        _field(form, "Details", self.detail, self.errors, "detail")
        _field(form, "Link", self.link, self.errors, "link")
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeats, 1)
        repeat_row.addWidget(self.every)
        self.repeats.setAccessibleName("Repeats")
        form.addRow("Repeats", repeat_row)
        _field(form, "Due date", self.due, self.errors, "due")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._kind_changed()
        self._check_link()

    def _kind_changed(self) -> None:
        self.every.setVisible(self.repeats.currentData() == "every_n_days")

    def _check_link(self) -> None:
        message = self.errors.messages["link"]
        text = self.link.text().strip()
        if not text:
            message.clear_error()
            return
        check = check_link(text, self._official)
        if check.safe:
            message.clear_error()
        else:
            official = ", ".join(self._official) or "none in the catalog"
            message.show_note(f"{check.problems[0]} Official: {official}.")

    def _save(self) -> None:
        errors: dict[str, str] = {}
        title = ""
        try:
            title = parse_title(self.title.text())
        except ValueError as exc:
            errors["title"] = str(exc)
        link = self.link.text().strip()
        if link and not link.startswith(("https://", "http://")):
            link = "https://" + link
        due = None
        try:
            due = parse_date(self.due.text())
        except ValueError as exc:
            errors["due"] = str(exc)
        if errors:
            self.errors.show(errors)
            self._check_link()  # the link warning stays beside the errors
            return
        kind = str(self.repeats.currentData())
        rec = Recurrence(kind, self.every.value() if kind == "every_n_days" else None)
        base = self._task or Task(0, 0, title, 0, clock.today())
        self.result_task = Task(
            base.id,
            base.tracked_id,
            title,
            base.position,
            base.created,
            base.template_id,
            self.detail.toPlainText().strip(),
            link,
            rec,
            due,
        )
        self.accept()


class TickDialog(QDialog):
    """Tick a task with a note, a transaction and its cost; shows the task's history.

    Attributes (for tests): ``note``, ``tx``, ``cost_native``, ``cost_token``,
    ``cost_usd``, ``errors``, ``history`` (a view of ``history_model``, a
    ``TickHistoryModel``); after Save, ``details``.
    """

    def __init__(
        self,
        task: Task,
        history: Sequence[Tick] = (),
        token: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tick with details")
        self.setMinimumWidth(460)
        self.details: TickDetails | None = None
        self.errors = FormErrors()
        heading = plain_label(task.title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional")
        self.tx = QLineEdit()
        self.tx.setPlaceholderText("0x… hash or an explorer link")
        self.cost_native = QLineEdit()
        self.cost_native.setPlaceholderText("fee, e.g. 0.0004")
        self.cost_token = QLineEdit(token)
        self.cost_token.setPlaceholderText("ETH")
        self.cost_token.setMaximumWidth(80)
        self.cost_usd = QLineEdit()
        self.cost_usd.setPlaceholderText("fee in USD, e.g. 1.20")
        form = QFormLayout()
        _field(form, "Note", self.note, self.errors, "note")
        _field(form, "Transaction", self.tx, self.errors, "tx")
        fee = QHBoxLayout()
        fee_column = QVBoxLayout()
        fee_column.setSpacing(2)
        fee_column.addWidget(self.cost_native)
        fee_column.addWidget(self.errors.add("cost_native", self.cost_native))
        token_column = QVBoxLayout()
        token_column.setSpacing(2)
        token_column.addWidget(self.cost_token)
        token_column.addWidget(self.errors.add("cost_token", self.cost_token))
        fee.addLayout(fee_column, 1)
        fee.addLayout(token_column)
        self.cost_native.setAccessibleName("Fee in the native token")
        self.cost_token.setAccessibleName("Fee token")
        form.addRow("Fee", fee)
        _field(form, "Fee in USD", self.cost_usd, self.errors, "cost_usd")
        self.history_model = TickHistoryModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.history.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Long hashes elide in the middle; the tooltip has the whole one.
        header.setSectionResizeMode(TickHistoryModel.COL_TX, QHeaderView.ResizeMode.Stretch)
        self.history.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.history.setAccessibleName("Tick history")
        self.history_label = plain_label()
        self.set_history(history)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Tick")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)

    def set_history(self, history: Sequence[Tick]) -> None:
        """Show the task's earlier ticks, newest first (they are read after the form opens)."""
        self.history_model.set_records(history)
        self.history_label.setText(f"History ({len(history)})")

    def _save(self) -> None:
        try:
            self.details = parse_tick_details(
                self.note.text(),
                self.tx.text(),
                self.cost_native.text(),
                self.cost_token.text(),
                self.cost_usd.text(),
            )
        except FieldErrors as exc:
            self.errors.show(exc.errors)
            return
        self.accept()

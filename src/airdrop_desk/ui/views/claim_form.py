"""The claim record of one tracked project: status, amount, token, date and dollar value."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from airdrop_desk.core.portfolio import amount_text
from airdrop_desk.core.tracking import CLAIM_STATUSES, Claim, FieldErrors, parse_claim
from airdrop_desk.ui.plain import plain_label
from airdrop_desk.ui.widgets.field_errors import FormErrors


class ClaimForm(QGroupBox):
    """Emits ``save_requested(object)`` with a valid Claim, or None for "no record".

    Attributes (for tests): ``status``, ``amount``, ``token``, ``day``, ``value_usd``,
    ``save``, ``errors``.
    """

    save_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Claim", parent)
        self.setObjectName("claimForm")
        self.errors = FormErrors()
        self.status = QComboBox()
        self.status.addItem("Not known yet", "")
        for key, label in CLAIM_STATUSES.items():
            self.status.addItem(label, key)
        self.status.setAccessibleName("Claim status")
        self.amount = QLineEdit(placeholderText="amount received")
        self.amount.setAccessibleName("Amount received")
        self.token = QLineEdit(placeholderText="token")
        self.token.setAccessibleName("Token")
        self.token.setMaximumWidth(90)
        self.day = QLineEdit(placeholderText="YYYY-MM-DD")
        self.day.setAccessibleName("Claim date")
        self.value_usd = QLineEdit(placeholderText="$ value when received")
        self.value_usd.setAccessibleName("Value at claim in dollars")
        self.value_usd.setToolTip(
            "What the tokens were worth in dollars when you received them: the Airdrop "
            "ROI in Portfolio compares it with your costs"
        )
        self.save = QPushButton("Save claim")
        self.save.setAccessibleName("Save claim")
        self.save.clicked.connect(self._save)
        for edit in (self.amount, self.token, self.day, self.value_usd):
            edit.returnPressed.connect(self._save)
        self._default_token = ""

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(plain_label("Status"), 0, 0)
        grid.addWidget(self.status, 0, 1)
        grid.addWidget(plain_label("Date"), 0, 2)
        grid.addWidget(self.day, 0, 3, 1, 2)
        grid.addWidget(self.errors.add("status", self.status), 1, 1)
        grid.addWidget(self.errors.add("day", self.day), 1, 3, 1, 2)
        grid.addWidget(plain_label("Received"), 2, 0)
        grid.addWidget(self.amount, 2, 1)
        grid.addWidget(plain_label("Token"), 2, 2)
        grid.addWidget(self.token, 2, 3)
        grid.addWidget(self.errors.add("amount", self.amount), 3, 1)
        grid.addWidget(self.errors.add("token", self.token), 3, 3, 1, 2)
        grid.addWidget(plain_label("Value ($)"), 4, 0)
        grid.addWidget(self.value_usd, 4, 1)
        grid.addWidget(self.save, 4, 3, 1, 2)
        grid.addWidget(self.errors.add("value_usd", self.value_usd), 5, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 1)

    def set_claim(self, claim: Claim | None, default_token: str = "") -> None:
        self.errors.clear()
        self._default_token = default_token
        self.status.setCurrentIndex(max(self.status.findData(claim.status if claim else ""), 0))
        self.amount.setText(f"{claim.amount:g}" if claim and claim.amount is not None else "")
        self.token.setText(claim.token if claim and claim.token else default_token)
        self.day.setText(claim.day.isoformat() if claim and claim.day else "")
        value = claim.value_usd if claim else None
        self.value_usd.setText("" if value is None else amount_text(value))

    def _save(self) -> None:
        status = str(self.status.currentData() or "")
        if not status:
            if any(e.text().strip() for e in (self.amount, self.day, self.value_usd)):
                self.errors.show({"status": "Choose a status to save the amount, date and value."})
                return
            self.errors.clear()
            self.save_requested.emit(None)
            return
        try:
            claim = parse_claim(
                status,
                self.amount.text(),
                self.token.text(),
                self.day.text(),
                self.value_usd.text(),
            )
        except FieldErrors as exc:
            self.errors.show(exc.errors)
            return
        self.errors.clear()
        self.save_requested.emit(claim)

"""Add or edit one manual holding: asset, amount, where it is kept, whose it is."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.portfolio import MAX_PLACE, HoldingInput, parse_holding
from airdrop_desk.core.tracking import FieldErrors
from airdrop_desk.ui.widgets.field_errors import FormErrors


class HoldingDialog(QDialog):
    """A form checked whole on Save (``core.portfolio.parse_holding``); ``value`` is the
    HoldingInput once accepted. ``profiles`` are (id, name) pairs.

    Attributes (for tests): ``asset``, ``amount``, ``place``, ``profile``, ``buttons``,
    ``errors``, ``value``.
    """

    def __init__(
        self,
        profiles: list[tuple[int, str]],
        current: HoldingInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit holding" if current else "Add holding")
        self.value: HoldingInput | None = None
        self.errors = FormErrors()
        self.asset = QLineEdit(placeholderText="e.g. ETH")
        self.asset.setAccessibleName("Asset")
        self.amount = QLineEdit(placeholderText="e.g. 1.25")
        self.amount.setAccessibleName("Amount")
        self.place = QLineEdit(placeholderText="e.g. Ledger")
        self.place.setAccessibleName("Where it is kept")
        self.place.setMaxLength(MAX_PLACE)
        self.profile = QComboBox()
        self.profile.setAccessibleName("Profile")
        self.profile.addItem("No profile", None)
        for pid, name in profiles:
            self.profile.addItem(name, pid)
        if current is not None:
            from airdrop_desk.core.portfolio import amount_text

            self.asset.setText(current.asset)
            self.amount.setText(amount_text(current.amount))
            self.place.setText(current.place)
            self.profile.setCurrentIndex(max(self.profile.findData(current.profile_id), 0))
        form = QFormLayout()
        for label, name, field in (
            ("Asset", "asset", self.asset),
            ("Amount", "amount", self.amount),
            ("Where", "place", self.place),
        ):
            form.addRow(label, field)
            form.addRow("", self.errors.add(name, field))
        form.addRow("Profile", self.profile)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        try:
            self.value = parse_holding(
                self.asset.text(),
                self.amount.text(),
                self.place.text(),
                self.profile.currentData(),
            )
        except FieldErrors as exc:
            self.errors.show(exc.errors)
            return
        self.accept()

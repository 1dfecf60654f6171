"""Inline form messages: the field turns red and the message sits right under it."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from airdrop_desk.ui.plain import PLAIN_TEXT, plain_tooltip

ERROR_LIGHT = "#b3261e"
ERROR_DARK = "#f2b8b5"


def error_color(widget: QWidget) -> str:
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return ERROR_DARK if dark else ERROR_LIGHT


class FieldMessage(QLabel):
    """The message line under one field; hidden while there is nothing to say."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("textFormat", PLAIN_TEXT)  # messages may quote what was typed
        self.field = field
        self.setWordWrap(True)
        self.setObjectName("fieldMessage")
        self.setAccessibleName(f"{field.accessibleName() or 'Field'} problem")
        self.hide()

    def show_error(self, text: str) -> None:
        color = error_color(self)
        self.setStyleSheet(f"color: {color};")
        self.setText(text)
        self.show()
        self.field.setStyleSheet(f"border: 1px solid {color}; border-radius: 2px;")
        self.field.setToolTip(plain_tooltip(text))

    def show_note(self, text: str) -> None:
        """A warning that does not block saving (e.g. a link off the official site)."""
        color = error_color(self)
        self.setStyleSheet(f"color: {color};")
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.hide()
        self.setText("")
        self.field.setStyleSheet("")
        self.field.setToolTip("")


class FormErrors:
    """The messages of one form, by field name; ``show`` takes FieldErrors.errors."""

    def __init__(self) -> None:
        self.messages: dict[str, FieldMessage] = {}

    def add(self, name: str, field: QWidget, parent: QWidget | None = None) -> FieldMessage:
        message = FieldMessage(field, parent)
        self.messages[name] = message
        return message

    def clear(self) -> None:
        for message in self.messages.values():
            message.clear_error()

    def show(self, errors: dict[str, str]) -> None:
        self.clear()
        first = None
        for name, text in errors.items():
            message = self.messages.get(name)
            if message is not None:
                message.show_error(text)
                first = first or message.field
        if first is not None:
            first.setFocus()

    def text(self, name: str) -> str:
        message = self.messages[name]
        return message.text() if message.isVisible() or message.text() else ""

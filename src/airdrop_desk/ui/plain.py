"""Labels, message boxes and tooltips that show text as text, never as markup.

Qt guesses whether a label's or a message box's text is rich text, so a catalog version,
an exchange's error message or a project name holding ``<b>Key verified</b><img ...>``
would render bold, with images and links: a fake banner. Every label and message box of
the app is made here, in plain text; a tooltip, which has no text format, gets its text
escaped inside markup of our own (``plain_tooltip``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# Qt::TextFormat as ints set through the property: the window's first frame makes plain
# labels, and touching a Qt namespace enum before it costs 35-40 ms (see qt_values).
PLAIN_TEXT = 0
RICH_TEXT = 1


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` (and whatever is set later) literally."""
    label = QLabel(parent)
    label.setProperty("textFormat", PLAIN_TEXT)
    label.setText(text)
    return label


def set_plain(label: QLabel, text: str) -> None:
    """Show ``text`` literally in ``label``, whatever format it had."""
    label.setProperty("textFormat", PLAIN_TEXT)
    label.setText(text)


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A QMessageBox (OK unless ``buttons``) whose text is shown literally."""
    box = QMessageBox(icon, title, text, buttons or QMessageBox.StandardButton.Ok, parent)
    box.setProperty("textFormat", PLAIN_TEXT)
    return box


def ask(parent: QWidget | None, title: str, question: str, *, default: bool = True) -> bool:
    """Yes/No, in plain text (``QMessageBox.question`` guesses the format); True on Yes.

    ``default`` False makes No the button Enter presses (a question about deleting)."""
    button = QMessageBox.StandardButton
    box = message_box(QMessageBox.Icon.Question, title, question, button.Yes | button.No, parent)
    box.setDefaultButton(button.Yes if default else button.No)
    return box.exec() == button.Yes


def tell(
    parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon | None = None
) -> None:
    """A modal message in plain text (instead of ``QMessageBox.information``/``warning``)."""
    message_box(icon or QMessageBox.Icon.Information, title, text, None, parent).exec()


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally (a tooltip has no plain-text switch)."""
    if not text:
        return ""
    return "<qt>" + escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def rich_label(html: str = "", parent: QWidget | None = None) -> QLabel:
    """A label of markup written by the app; every outside string in it must be escaped
    (``html.escape``). Each use is listed in the test that keeps labels plain."""
    label = QLabel(parent)
    label.setProperty("textFormat", RICH_TEXT)
    label.setText(html)
    return label

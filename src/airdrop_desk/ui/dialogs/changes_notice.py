"""The "what changed in the catalog" notice: after an update, a rollback, or at start when
the catalog differs from the one the user saw last.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.catalog.changes import CatalogDiff
from airdrop_desk.ui.plain import plain_label

if TYPE_CHECKING:
    from airdrop_desk.ui.services import Services


class ChangesNotice(QDialog):
    """A catalog diff for people: a headline and one line per changed project.

    Attributes for tests: ``headline``, ``details``.
    """

    def __init__(
        self,
        diff: CatalogDiff,
        parent: QWidget | None = None,
        title: str = "What changed in the catalog",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 380)
        self.headline = plain_label(diff.headline())
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.details = QPlainTextEdit("\n".join(diff.lines()) or "No project changed.")
        self.details.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        hint = plain_label(
            "Your checklists, points and notes follow each project by its id, so "
            "they stay with the project whichever catalog version is active."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)


class ChangesCheck(QObject):
    """Works out, as an op off the GUI thread, what changed since the app was last opened.

    Signals: ``finished(diff_or_None)``. ``notice`` is the dialog shown, if any.
    """

    finished = Signal(object)

    def __init__(self, parent: QWidget, services: Services) -> None:
        super().__init__(parent)
        self.notice: ChangesNotice | None = None
        self._services = services

    def start(self, show: bool = True) -> None:
        from airdrop_desk.catalog.update import changes_since_last_open

        window = self.parent()
        paths = self._services.paths

        def done(diff: CatalogDiff | None) -> None:
            if diff is not None and show and isinstance(window, QWidget):
                self.notice = ChangesNotice(
                    diff, window, "What changed since you last opened Airdrop Desk"
                )
                self.notice.show()  # not modal: the window stays usable behind it
            self.finished.emit(diff)

        def failed(_error: BaseException) -> None:
            # Only a courtesy: a database problem is reported by whoever opens it.
            self.finished.emit(None)

        op = self._services.ops.background(self, lambda: changes_since_last_open(paths))
        op.success(done).failure(failed).run()


def check_catalog_changes(
    window: QWidget,
    services: Services,
    on_done: Callable[[CatalogDiff | None], None] | None = None,
) -> ChangesCheck:
    """Start the check; shows the notice over ``window`` when the catalog changed."""
    check = ChangesCheck(window, services)
    if on_done is not None:
        check.finished.connect(on_done)
    check.start()
    return check

"""What start-up shows when the database file is damaged: restore the newest backup, or quit.

The damaged file is never overwritten: restoring renames it (with its -wal and -shm)
to ``airdrop-desk-damaged-<time>.sqlite3`` beside it, then brings the backup in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.backups import BackupInfo, RestoreResult
from airdrop_desk.ui.dialogs.backups_dialog import ask_prune, orphans_question
from airdrop_desk.ui.models.backups import reason_text, size_text, when_text
from airdrop_desk.ui.plain import plain_label, rich_label
from airdrop_desk.ui.services import Services
from airdrop_desk.ui.widgets.buttons import never_default

if TYPE_CHECKING:  # the keyring is imported only when a restore runs
    from airdrop_desk.keys.index import Restored


class CorruptDatabaseDialog(QDialog):
    """Explains the damage and offers "Restore newest backup" (when there is one) or "Quit"
    (the default: Enter changes nothing).

    Over the app's ``services`` (their backups and ops). Accepted after a successful
    restore; rejected on Quit. Signals: ``idle`` when a
    restore attempt has finished. Attributes for tests: ``text``, ``restore_button``,
    ``quit_button``, ``message``, ``result_value`` (the RestoreResult); ``confirm_prune``
    asks whether to remove the secrets the restore left in the keyring (replaceable).
    """

    idle = Signal()

    def __init__(self, services: Services, problem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Airdrop Desk: your data file is damaged")
        self.setMinimumWidth(520)
        self._services = services
        self._backup_files = services.backups
        self._busy = False
        self.result_value: RestoreResult | None = None
        self.confirm_prune: Callable[[str], bool] = lambda question: ask_prune(self, question)
        newest: BackupInfo | None = next(iter(self._backup_files.list()), None)
        parts = [
            f"<p><b>Airdrop Desk cannot open your data:</b> "
            f"{_escape(' '.join(problem.split()))}</p>"
        ]
        if newest is not None:
            parts.append(
                f"<p>The newest backup was made {when_text(newest)} "
                f"({reason_text(newest.reason).lower()}, {size_text(newest.size)}). "
                "Restoring it brings back your data as it was then.</p>"
                "<p>The damaged file is kept beside it under a new name; nothing "
                "is overwritten.</p>"
            )
        else:
            parts.append(
                f"<p>There is no backup to restore. The damaged file stays where "
                f"it is, untouched:<br>{_escape(str(services.paths.database))}</p>"
            )
        self.text = rich_label("".join(parts))  # markup of our own; outside text escaped
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = plain_label()
        style = QApplication.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.text, 1)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        # Restoring replaces the data in use: a click or Space does it, never a stray Enter.
        self.restore_button = never_default(QPushButton("Restore newest backup"))
        self.restore_button.setVisible(newest is not None)
        self.restore_button.clicked.connect(self._restore)
        self.quit_button = QPushButton("Quit")
        self.quit_button.setDefault(True)  # Enter leaves everything as it is
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _restore(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.restore_button.setEnabled(False)
        self.quit_button.setEnabled(False)
        self.progress.show()
        self.message.setText("Checking and restoring the backup…")
        from airdrop_desk.keys.index import restore_keeping_track

        files, paths, store = self._backup_files, self._services.paths, self._services.secrets
        op = self._services.ops.background(
            self, lambda: restore_keeping_track(files.restore_latest, paths, store)
        )
        op.success(self._restored).failure(self._failed).run()

    def _restored(self, restored: Restored) -> None:
        self.result_value = restored.result
        if restored.orphans and self.confirm_prune(orphans_question(restored.orphans)):
            from airdrop_desk.keys.index import prune_restored

            paths, store = self._services.paths, self._services.secrets
            ids = [e.key_id for e in restored.orphans]
            self.message.setText("Removing the secrets from the keyring…")
            op = self._services.ops.background(self, lambda: prune_restored(paths, store, ids))
            # The data is back either way; a keyring that failed only leaves the secrets.
            op.success(lambda _removed: self._finish()).failure(lambda _e: self._finish()).run()
            return
        self._finish()

    def _finish(self) -> None:
        self._busy = False
        self.idle.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.progress.hide()
        self.quit_button.setEnabled(True)
        self.message.setText("The backup could not be restored: " + " ".join(str(error).split()))
        self.idle.emit()

    def done(self, result: int) -> None:
        if self._busy:  # a restore half-done must finish
            return
        super().done(result)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def offer_backup_restore(
    services: Services, problem: str, parent: QWidget | None = None
) -> RestoreResult | None:
    """Show the dialog (modal); the restore's result, or None when the user quits.

    Needs a QApplication. After a result, start-up can open the database again.
    """
    dialog = CorruptDatabaseDialog(services, problem, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.result_value if accepted else None

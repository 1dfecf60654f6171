"""What start-up shows when the database file is damaged: restore the newest backup, or quit.

The damaged file is never overwritten: restoring renames it (with its -wal and -shm)
to ``airdrop-desk-damaged-<time>.sqlite3`` beside it, then brings the backup in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.backups import BackupInfo, RestoreResult
from airdrop_desk.ui.models.backups import reason_text, size_text, when_text
from airdrop_desk.ui.services import Services


class CorruptDatabaseDialog(QDialog):
    """Explains the damage and offers "Restore newest backup" (when there is one) or "Quit".

    Over the app's ``services`` (their backups and ops). Accepted after a successful
    restore; rejected on Quit. Signals: ``idle`` when a
    restore attempt has finished. Attributes for tests: ``text``, ``restore_button``,
    ``quit_button``, ``message``, ``result_value`` (the RestoreResult).
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
        self.text = QLabel("".join(parts))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel()
        style = QApplication.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.text, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.restore_button = QPushButton("Restore newest backup")
        self.restore_button.setVisible(newest is not None)
        self.restore_button.setDefault(newest is not None)
        self.restore_button.clicked.connect(self._restore)
        self.quit_button = QPushButton("Quit")
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
        files = self._backup_files
        op = self._services.ops.background(self, files.restore_latest)
        op.success(self._restored).failure(self._failed).run()

    def _restored(self, result: RestoreResult) -> None:
        self._busy = False
        self.result_value = result
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

"""The backups dialog: the list of backups, "Back up now", and restoring a chosen one.

Copying a database takes a moment for a large one, so every file operation runs as an op
on the shared pool; the dialog shows a busy bar meanwhile and stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.backups import BackupInfo, RestoreResult
from airdrop_desk.core.settings import BACKUPS_KEEP, MAX_BACKUPS_KEEP
from airdrop_desk.ui.models.backups import BackupTableModel, reason_text, size_text, when_text
from airdrop_desk.ui.ops import Activity
from airdrop_desk.ui.plain import ask, message_box, plain_label
from airdrop_desk.ui.services import Services
from airdrop_desk.ui.widgets.buttons import never_default

if TYPE_CHECKING:  # the keyring is imported only when a restore runs
    from airdrop_desk.keys.index import IndexEntry, Restored


class BackupsDialog(QDialog):
    """Backups of the database, newest first, with "Back up now" and "Restore…".

    Over the app's ``services`` (their backups and ops).
    ``on_restored(result)`` runs on the GUI thread after a restore (the window reloads
    what it shows). Signals: ``idle`` once an operation's result is on screen.
    Attributes for tests: ``table``, ``backup_button``, ``restore_button``, ``keep``,
    ``message``; ``confirm`` asks a yes/no question and ``confirm_prune`` whether to
    remove the secrets a restore left in the keyring (both replaceable in tests).
    """

    idle = Signal()

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        on_restored: Callable[[RestoreResult], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(620, 420)
        self._services = services
        self._backup_files = services.backups
        self._on_restored = on_restored
        self._backups: list[BackupInfo] = []
        self._kept = BACKUPS_KEEP.default
        self.confirm: Callable[[str], bool] = self._ask
        self.confirm_prune: Callable[[str], bool] = self._ask_prune
        intro = plain_label(
            "Airdrop Desk backs up your data once a day, before every import and "
            "before the data format changes. Restoring keeps a copy of your "
            "current data first, so a restore can be undone."
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Backups")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupTableModel.COL_WHY, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._restore())
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self._backup)
        self.restore_button = never_default(QPushButton("Restore…"))
        self.restore_button.clicked.connect(self._restore)
        self.keep = QSpinBox()
        self.keep.setRange(1, MAX_BACKUPS_KEEP)
        self.keep.setValue(BACKUPS_KEEP.default)
        self.keep.setSuffix(" backups")
        self.keep.setAccessibleName("Backups to keep")
        self.keep.setToolTip("Older backups are deleted when a new one is made.")
        self.keep.editingFinished.connect(self._store_keep)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(plain_label("Keep the newest"))
        buttons.addWidget(self.keep)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = plain_label()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.activity = Activity(self, self.status, self.progress)
        self.activity.busy_changed.connect(lambda _busy: self._update_buttons())
        self.activity.idle.connect(self.idle)
        self.progress.hide()
        self.refresh()

    # -- operations ---------------------------------------------------------------------

    def refresh(self) -> None:
        files = self._backup_files
        self._run(
            "Reading backups…",
            lambda: (files.list(), files.keep_count()),
            self._show,
            refresh_after_failure=False,
        )

    def _backup(self) -> None:
        files = self._backup_files
        self._run(
            "Backing up…",
            lambda: files.create("manual"),
            lambda info: self._done(f"Backed up: {when_text(info)} ({size_text(info.size)})."),
        )

    def _restore(self) -> None:
        info = self.model.backup_at(self._current_row())
        if self.activity.busy or info is None:
            self.message.setText("Select the backup to restore.")
            return
        if not self.confirm(
            f"Restore the backup made {when_text(info)} "
            f"({reason_text(info.reason).lower()})?\n\nYour data as it is now "
            "is copied to a new backup first, so you can undo this."
        ):
            return
        from airdrop_desk.keys.index import restore_keeping_track

        files, paths, store = self._backup_files, self._services.paths, self._services.secrets
        self._run(
            "Checking and restoring the backup…",
            lambda: restore_keeping_track(lambda: files.restore(info.path), paths, store),
            self._restored,
        )

    def _restored(self, restored: Restored) -> None:
        result = restored.result
        self._done(
            f"Restored the backup made {when_text(result.restored)}. Your data from "
            "before is in the newest backup."
        )
        if self._on_restored is not None:
            self._on_restored(result)
        if restored.orphans and self.confirm_prune(orphans_question(restored.orphans)):
            self._prune(restored.orphans)

    def _prune(self, entries: list[IndexEntry]) -> None:
        from airdrop_desk.keys.index import prune_restored

        paths, store = self._services.paths, self._services.secrets
        ids = [e.key_id for e in entries]
        self._run(
            "Removing the secrets from the keyring…",
            lambda: prune_restored(paths, store, ids),
            lambda removed: self._done(
                f"Removed {len(removed)} secret(s) of keys the restored data does not "
                "have from the keyring."
            ),
        )

    def _store_keep(self) -> None:
        # editingFinished also fires whenever the box loses focus: save real changes only.
        files, count = self._backup_files, self.keep.value()
        if count == self._kept or self.activity.busy:
            return
        self._run(
            "Saving…",
            lambda: files.set_keep_count(count),
            lambda kept: self._done(f"The newest {kept} backups are kept."),
        )

    # -- plumbing -----------------------------------------------------------------------

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.refresh()

    def _show(self, found: tuple[list[BackupInfo], int]) -> None:
        self._backups, keep = found
        self._kept = keep
        self.keep.blockSignals(True)
        self.keep.setValue(keep)
        self.keep.blockSignals(False)
        self.model.set_backups(self._backups)
        if self._backups and self._current_row() < 0:
            self.table.selectRow(0)
        if not self._backups and not self.message.text():
            self.message.setText("No backups yet.")

    def _run(
        self,
        busy: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        refresh_after_failure: bool = True,
    ) -> None:
        def failed(error: BaseException) -> None:
            self.message.setText(_explain(error))
            if refresh_after_failure:  # a failed restore may still have made a copy
                self.refresh()

        op = self._services.ops.background(self, work).success(done).failure(failed)
        self.activity.run(op, busy)

    def _update_buttons(self) -> None:
        busy = self.activity.busy
        self.backup_button.setEnabled(not busy)
        self.keep.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self._current_row() >= 0)

    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _ask(self, question: str) -> bool:
        return ask(self, "Restore a backup", question)

    def _ask_prune(self, question: str) -> bool:
        return ask_prune(self, question)

    def done(self, result: int) -> None:
        """Close once no copy is running (a half-done restore must finish first)."""
        if self.activity.busy:
            self.status.setText("Finishing the running operation before closing…")
            return
        super().done(result)


def orphans_question(entries: list[IndexEntry]) -> str:
    """Asks whether to delete the secrets a restore left behind, naming each key."""
    names = "\n".join(f"• {e.describe()}" for e in entries)
    return (
        f"The restored data has no exchange key for {len(entries)} secret(s) still in the "
        f"system keyring:\n{names}\n\nRemove them from the keyring? Keep them if you "
        "may restore your data from before this restore again: it still uses them."
    )


def ask_prune(parent: QWidget, question: str) -> bool:
    box = message_box(
        QMessageBox.Icon.Question,
        "Secrets left in the keyring",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def _explain(error: BaseException) -> str:
    from airdrop_desk.core.errors import StorageError

    if isinstance(error, StorageError | OSError):
        return " ".join(str(error).split())
    return f"Something went wrong ({type(error).__name__}: {error})."

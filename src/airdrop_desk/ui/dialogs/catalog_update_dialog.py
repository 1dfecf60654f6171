"""The catalog update dialog: import a catalog file or https URL, see what changed, roll back.

Downloading, validating and storing run as an op on the shared pool; the progress bar shows the
bytes received when the server tells the size, else a busy indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.catalog.update import (
    CatalogVersion,
    UpdateResult,
    import_update,
    list_versions,
    rollback,
)
from airdrop_desk.ui.ops import Activity
from airdrop_desk.ui.plain import ask, plain_label
from airdrop_desk.ui.services import Services


class CatalogUpdateDialog(QDialog):
    """Import a catalog from a file or URL, show the changes, roll back to the previous one.

    Over the app's ``services`` (their data folder and ops).
    ``on_changed(result)`` runs on the GUI thread whenever the active catalog changed.
    Signals: ``idle`` when an operation's result is on screen; ``received(bytes, total)``
    while downloading. Attributes for tests: ``source``, ``browse_button``,
    ``import_button``, ``rollback_button``, ``active``, ``headline``, ``changes``,
    ``message``, ``progress``; ``choose_file``, ``confirm`` (roll back?) and
    ``confirm_import`` (an unsigned file removes projects or changes official domains:
    import anyway?) are replaceable.
    """

    idle = Signal()
    received = Signal(int, object)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        on_changed: Callable[[UpdateResult], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Update the catalog")
        self.resize(640, 480)
        self._services = services
        self._paths = services.paths
        self._on_changed = on_changed
        self._can_roll_back = False
        self.choose_file: Callable[[], str] = self._choose_file
        self.confirm: Callable[[str], bool] = self._ask
        self.confirm_import: Callable[[str], bool] = self._ask_import
        intro = plain_label(
            "Load a newer catalog from a file or an https address. It is checked "
            "completely before anything changes, and the current catalog is kept "
            "so you can roll back."
        )
        intro.setWordWrap(True)
        self.source = QLineEdit(placeholderText="https://… or a catalog.json file")
        self.source.setAccessibleName("Catalog file or address")
        self.source.returnPressed.connect(self._import)
        self.browse_button = QPushButton("Choose file…")
        self.browse_button.clicked.connect(self._browse)
        self.import_button = QPushButton("Check and import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._import)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.import_button)
        self.active = plain_label()
        self.active.setWordWrap(True)
        self.headline = plain_label()
        self.headline.setWordWrap(True)
        self.changes = QPlainTextEdit()
        self.changes.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName("Changes")
        self.changes.setPlaceholderText("The changes of an update show here.")
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.rollback_button = QPushButton("Roll back to the previous catalog")
        self.rollback_button.clicked.connect(self._rollback)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.rollback_button)
        bottom.addStretch(1)
        bottom.addWidget(self.progress)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.active)
        layout.addWidget(self.headline)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.received.connect(self._show_progress)
        self.activity = Activity(self, self.message, self.progress, clear_status=False)
        self.activity.busy_changed.connect(self._busy_changed)
        self.activity.idle.connect(self.idle)
        self._refresh()

    # -- operations ---------------------------------------------------------------------

    def _refresh(self) -> None:
        paths = self._paths
        self._run("", lambda: list_versions(paths), self._show_versions)

    def _browse(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.source.setText(chosen)

    def _import(self) -> None:
        source = self.source.text().strip()
        if self.activity.busy:
            return
        if not source:
            self.message.setText("Enter an https address or choose a catalog file.")
            return
        self._import_source(source, allow=False)

    def _import_source(self, source: str, allow: bool) -> None:
        paths, report = self._paths, self.received.emit

        def work() -> UpdateResult:
            return import_update(
                paths,
                source,
                progress=report,
                allow_removals=allow,
                allow_domain_change=allow,
            )

        def refused(error: BaseException) -> None:
            from airdrop_desk.catalog.update import NeedsConfirmation

            if not isinstance(error, NeedsConfirmation):
                self.message.setText(_explain(error))
                return
            question = "\n\n".join(
                [
                    "This catalog file is not signed, and:",
                    *(line[:1].upper() + line[1:] + "." for line in error.lines()),
                    "Import it anyway? Your checklists and notes of a removed project "
                    "are kept and come back if a later catalog has it again.",
                ]
            )
            if self.confirm_import(question):
                self._import_source(source, allow=True)
            else:
                self.message.setText("Nothing was imported.")

        self._run(
            "Downloading and checking…" if "://" in source else "Checking the file…",
            work,
            self._changed,
            refused,
        )

    def _rollback(self) -> None:
        if self.activity.busy or not self.confirm(
            "Make the previous catalog version active again? The current one stays stored."
        ):
            return
        paths = self._paths
        self._run("Rolling back…", lambda: rollback(paths), self._changed)

    def _changed(self, result: UpdateResult) -> None:
        version = result.version
        what = "Imported" if result.stored else "Now active"
        self.message.setText(
            f"{what}: catalog {version.catalog_version} with {version.project_count} projects."
        )
        self.headline.setText(result.diff.headline())
        self.changes.setPlainText("\n".join(result.diff.lines()) or "No project changed.")
        if self._on_changed is not None:
            self._on_changed(result)
        self._refresh()

    # -- plumbing -----------------------------------------------------------------------

    def _show_versions(self, found: tuple[list[CatalogVersion], int | None]) -> None:
        versions, active = found
        current = next((v for v in versions if v.id == active), None)
        earlier = [v for v in versions if active is not None and v.id < active]
        self._can_roll_back = bool(earlier)
        if current is None:
            self.active.setText("No catalog stored yet.")
        else:
            text = (
                f"Active catalog: {current.catalog_version} ({current.project_count} "
                f"projects, from {current.origin})."
            )
            if earlier:
                text += f" Previous: {earlier[-1].catalog_version}."
            self.active.setText(text)

    def _show_progress(self, size: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(min(1000, size * 1000 // total))
        self.message.setText(
            f"Received {size / 1024:,.0f} KB"
            + (f" of {total / 1024:,.0f} KB" if total else "")
            + "…"
        )

    def _run(
        self,
        busy: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        def explain(error: BaseException) -> None:
            self.message.setText(_explain(error))

        self.progress.setRange(0, 0)
        op = self._services.ops.background(self, work).success(done).failure(failed or explain)
        self.activity.run(op, busy)

    def _busy_changed(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.browse_button.setEnabled(not busy)
        self.rollback_button.setEnabled(not busy and self._can_roll_back)

    def _choose_file(self) -> str:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choose a catalog file", "", "Catalog (*.json);;All files (*)"
        )
        return name

    def _ask_import(self, question: str) -> bool:
        # Project names come from the file: plain text; Enter answers No.
        return ask(self, "Import this catalog?", question, default=False)

    def _ask(self, question: str) -> bool:
        return ask(self, "Roll back the catalog", question)

    def done(self, result: int) -> None:
        """Close once no download or import is running."""
        if self.activity.busy:
            self.message.setText("Waiting for the running import to finish before closing…")
            return
        super().done(result)


def _explain(error: BaseException) -> str:
    from airdrop_desk.catalog.errors import CatalogError
    from airdrop_desk.core.errors import StorageError

    if isinstance(error, CatalogError | StorageError | OSError):
        return " ".join(str(error).split())
    return f"Something went wrong ({type(error).__name__}: {error})."

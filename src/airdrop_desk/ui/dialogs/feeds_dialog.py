"""The feeds dialog: subscribe to a signed catalog feed, check feeds now, unsubscribe.

Every fetch, verification and store runs as an op on the shared pool; the dialog shows a
busy bar and the bytes received meanwhile, and the outcome (what changed, or which rule
refused the file) when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.catalog.feeds import CheckResult, add_feed, check_feed, list_feeds, remove_feed
from airdrop_desk.ui.models.feeds import FeedTableModel
from airdrop_desk.ui.ops import Activity
from airdrop_desk.ui.plain import ask, plain_label
from airdrop_desk.ui.services import Services
from airdrop_desk.ui.widgets.buttons import never_default


def _plain_label(text: str = "") -> QLabel:
    label = plain_label(text)  # feed names and messages are outside text
    label.setWordWrap(True)
    return label


class FeedsDialog(QDialog):
    """Subscribed feeds with Subscribe, Check now and Remove….

    Over the app's ``services`` (data folder and ops). ``on_changed(result)`` runs on the
    GUI thread after a feed's file was stored or a feed removed. Signals: ``idle`` when
    an operation's result is on screen; ``received(bytes, total)`` while downloading.
    Attributes for tests: ``table``, ``model``, ``url``, ``key``, ``name``,
    ``subscribe_button``, ``check_button``, ``remove_button``, ``message``, ``changes``,
    ``progress``; ``confirm`` is replaceable.
    """

    idle = Signal()
    received = Signal(int, object)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        on_changed: Callable[[CheckResult | None], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catalog feeds")
        self.resize(760, 520)
        self._services, self._paths, self._on_changed = services, services.paths, on_changed
        self.confirm: Callable[[str], bool] = self._ask
        intro = _plain_label(
            "A feed is someone's list of projects, signed with their minisign key. Paste "
            "its https address and public key (RW…): the key is pinned, and every later "
            "file must verify against it, be newer and not expired, or it is refused."
        )
        self.model = FeedTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Feeds")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FeedTableModel.COL_URL, QHeaderView.ResizeMode.Stretch)
        self.url = QLineEdit(placeholderText="https://…/catalog.json")
        self.key = QLineEdit(placeholderText="RW… (the publisher's minisign public key)")
        self.name = QLineEdit(placeholderText="optional; the address's host by default")
        self.subscribe_button = QPushButton("&Subscribe")
        self.subscribe_button.clicked.connect(self._subscribe)
        for field in (self.url, self.key, self.name):
            field.returnPressed.connect(self._subscribe)
        form = QFormLayout()
        form.addRow("&Address:", self.url)
        form.addRow("Public &key:", self.key)
        form.addRow("&Name:", self.name)
        form.addRow("", self.subscribe_button)
        self.check_button = QPushButton("&Check now")
        self.check_button.clicked.connect(self._check)
        self.remove_button = never_default(QPushButton("&Remove…"))
        self.remove_button.clicked.connect(self._remove)
        self.message = _plain_label()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName("Changes")
        self.changes.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.changes.setPlaceholderText("What a feed's new file changed shows here.")
        self.changes.setMaximumHeight(140)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.changes)
        self.received.connect(self._show_progress)
        self.activity = Activity(self, self.message, self.progress, clear_status=False)
        self.activity.busy_changed.connect(self._busy_changed)
        self.activity.idle.connect(self.idle)
        self.url.setFocus()
        self._refresh()

    # -- operations ---------------------------------------------------------------------

    def _refresh(self) -> None:
        paths = self._paths
        self._run("", lambda: list_feeds(paths), self._show_feeds)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        feed = self.model.feed_at(rows[0].row()) if rows else None
        return None if feed is None else str(feed.name)

    def _subscribe(self) -> None:
        if self.activity.busy:
            return
        url, key, name = self.url.text().strip(), self.key.text().strip(), self.name.text()
        if not url or not key:
            self.message.setText("Enter the feed's address and its public key.")
            (self.url if not url else self.key).setFocus()
            return
        paths, report = self._paths, self.received.emit

        def work() -> CheckResult:
            return add_feed(paths, url, key, name.strip() or None, progress=report)

        self._run(f"Subscribing to {url}…", work, self._subscribed)

    def _subscribed(self, result: CheckResult) -> None:
        self.url.clear()
        self.key.clear()
        self.name.clear()
        self._show_result(result)

    def _check(self) -> None:
        if self.activity.busy:
            return
        chosen = self.selected_name()
        names = (
            [chosen]
            if chosen
            else [self.model.feed_at(i).name for i in range(self.model.rowCount())]
        )
        if not names:
            self.message.setText("No feeds yet: subscribe to one first.")
            return
        paths, report = self._paths, self.received.emit

        def work() -> list[CheckResult]:
            return [check_feed(paths, name, progress=report) for name in names]

        label = names[0] if len(names) == 1 else f"{len(names)} feeds"
        self._run(f"Checking {label}…", work, self._checked)

    def _checked(self, results: list[CheckResult]) -> None:
        for result in results:
            self._show_result(result)
        if len(results) > 1:
            self.message.setText("\n".join(f"{r.name}: {r.outcome} — {r.message}" for r in results))

    def _remove(self) -> None:
        name = self.selected_name()
        if self.activity.busy or name is None:
            if name is None:
                self.message.setText("Choose the feed to remove.")
            return
        if not self.confirm(f"Unsubscribe from {name}? Its projects leave the list."):
            return
        paths = self._paths

        def done(removed: str) -> None:
            self.message.setText(f"Removed the feed {removed} and its projects.")
            self.changes.clear()
            if self._on_changed is not None:
                self._on_changed(None)
            self._refresh()

        self._run(f"Removing {name}…", lambda: remove_feed(paths, name), done)

    # -- plumbing -----------------------------------------------------------------------

    def _show_result(self, result: CheckResult) -> None:
        if result.outcome == "applied":
            self.message.setText(f"{result.name}: {result.message}.")
            if result.diff is not None:
                self.changes.setPlainText(
                    "\n".join(
                        [
                            result.diff.headline().replace("Catalog ", "Feed ", 1),
                            *result.diff.lines(),
                        ]
                    )
                )
            if self._on_changed is not None:
                self._on_changed(result)
        elif result.outcome == "current":
            self.message.setText(f"{result.name}: up to date ({result.message}).")
        else:
            what = "refused" if result.outcome == "refused" else "could not be checked"
            self.message.setText(f"{result.name}: the file was {what}: {result.message}.")
        self._refresh()

    def _show_feeds(self, feeds: list[Any]) -> None:
        chosen = self.selected_name()
        self.model.set_feeds(feeds)
        for row in range(self.model.rowCount()):
            if self.model.feed_at(row).name == chosen:
                self.table.selectRow(row)
        self._busy_changed(self.activity.busy)

    def _show_progress(self, size: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(min(1000, size * 1000 // total))
        self.message.setText(
            f"Received {size / 1024:,.0f} KB"
            + (f" of {total / 1024:,.0f} KB" if total else "")
            + "…"
        )

    def _run(self, busy: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(error: BaseException) -> None:
            self.message.setText(_explain(error))

        self.progress.setRange(0, 0)
        op = self._services.ops.background(self, work).success(done).failure(failed)
        self.activity.run(op, busy)

    def _busy_changed(self, busy: bool) -> None:
        has_feeds = self.model.rowCount() > 0
        self.subscribe_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy and has_feeds)
        self.remove_button.setEnabled(not busy and has_feeds)

    def _ask(self, question: str) -> bool:
        return ask(self, "Remove a feed", question, default=False)

    def done(self, result: int) -> None:
        """Close once no check is running."""
        if self.activity.busy:
            self.message.setText("Waiting for the running check to finish before closing…")
            return
        super().done(result)


def _explain(error: BaseException) -> str:
    from airdrop_desk.catalog.errors import CatalogError
    from airdrop_desk.core.errors import StorageError

    if isinstance(error, CatalogError | StorageError | OSError):
        return " ".join(str(error).split())
    return f"Something went wrong ({type(error).__name__}: {error})."

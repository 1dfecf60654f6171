"""New project… / Edit…: every field of a project of yours, usable with the keyboard.

Tab moves through the fields in reading order, Enter in a one-line field saves,
Ctrl+Enter saves from anywhere, Esc cancels. A bad field gets its message right under
it and nothing is saved; names and domains already used are checked on the database
lane (through ``ops``), so the window never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.projects import (
    FIELD_LABELS,
    ProjectDraft,
    ProjectFieldError,
    build_project,
    parse_event,
    parse_points,
    parse_task,
    statuses,
    tiers,
)
from airdrop_desk.ui.widgets.field_errors import FormErrors

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.ui.ops import Ops

# How each many-valued field is typed: one per line (or comma-separated), as on the
# command line.
HINTS = {
    "sites": "nebula.xyz, docs.nebula.xyz",
    "narratives": "Layer 2, DePIN",
    "notes": "one note per line",
    "sources": "https://… one page per line",
    "tasks": "one per line: Bridge to the testnet;every=weekly  (daily, monthly, 3 days)",
    "points": "one per line: Nebula XP;1 XP per bridge",
    "events": "one per line: snapshot=2027-01-15:Season 1 snapshot  (claim_open, tge, …)",
}
ONE_LINE = ("name", "sites", "narratives", "ecosystem", "token")
MANY_LINES = ("description", "notes", "sources", "tasks", "points", "events")

#: Saves a draft on the database lane: (db, draft, now) -> the saved project.
Save = Callable[[Any, ProjectDraft, str], "Project"]


class ProjectDialog(QDialog):
    """The form. Signals: ``saved(project_id)`` once stored.

    Attributes: ``fields`` (by ``core.projects.FIELD_LABELS`` key), ``errors`` (their
    inline messages), ``buttons``.
    """

    saved = Signal(str)

    def __init__(
        self,
        ops: Ops,
        save: Save,
        now: Callable[[], str],
        draft: ProjectDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        editing = draft is not None
        self.setWindowTitle("Edit project" if editing else "New project")
        self.setObjectName("projectDialog")
        self._ops, self._save, self._now = ops, save, now
        self.fields: dict[str, QWidget] = {}
        self.errors = FormErrors()
        form_page = QWidget()
        form = QFormLayout(form_page)
        for key in ("name", "sites", "status", "tier", *ONE_LINE[2:], *MANY_LINES):
            widget = self._make(key)
            widget.setAccessibleName(FIELD_LABELS[key])
            self.fields[key] = widget
            column = QWidget()
            stack = QVBoxLayout(column)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(widget)
            stack.addWidget(self.errors.add(key, widget, column))
            form.addRow(f"&{FIELD_LABELS[key]}:" if key == "name" else FIELD_LABELS[key] + ":",
                        column)  # fmt: skip
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_page)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a frame, not a stop for Tab
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setDefault(True)  # Enter in a one-line field saves
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.submit)
        previous: QWidget | None = None
        for widget in self.fields.values():
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, save_button)
        if draft is not None:
            self.set_draft(draft)
        self.resize(560, 640)
        self.fields["name"].setFocus()

    def _make(self, key: str) -> QWidget:
        if key in ("status", "tier"):
            box = QComboBox()
            if key == "status":
                box.addItem("—", None)
            for value in statuses() if key == "status" else tiers():
                box.addItem(value.capitalize(), value)
            if key == "tier":
                box.setCurrentIndex(box.findData("possible"))
            return box
        if key in MANY_LINES:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)  # Tab moves on; Enter starts a new line
            text.setPlaceholderText(HINTS.get(key, ""))
            text.setFixedHeight(64 if key != "description" else 80)
            return text
        line = QLineEdit()
        line.setPlaceholderText(HINTS.get(key, ""))
        return line

    # -- the draft ----------------------------------------------------------------------
    def _text(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def _lines(self, key: str) -> tuple[str, ...]:
        return tuple(line for line in self._text(key).splitlines() if line.strip())

    def _items(self, key: str) -> tuple[str, ...]:
        text = self._text(key).replace("\n", ",")
        parts = text.split(",") if key != "sites" else text.replace(" ", ",").split(",")
        return tuple(p for p in parts if p.strip())

    def draft(self) -> ProjectDraft:
        """What the form holds; ProjectFieldError for a line that is not in its form."""
        status = self.fields["status"]
        tier = self.fields["tier"]
        assert isinstance(status, QComboBox) and isinstance(tier, QComboBox)
        return ProjectDraft(
            name=self._text("name"),
            sites=self._items("sites"),
            status=status.currentData(),
            tier=tier.currentData(),
            narratives=self._items("narratives"),
            ecosystem=self._text("ecosystem") or None,
            token=self._text("token") or None,
            description=self._text("description"),
            notes=self._lines("notes"),
            sources=self._lines("sources"),
            tasks=tuple(parse_task(t) for t in self._lines("tasks")),
            points=tuple(parse_points(t) for t in self._lines("points")),
            events=tuple(parse_event(t) for t in self._lines("events")),
        )

    def set_draft(self, draft: ProjectDraft) -> None:
        def put(key: str, text: str) -> None:
            widget = self.fields[key]
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            elif isinstance(widget, QLineEdit):
                widget.setText(text)

        put("name", draft.name)
        put("sites", ", ".join(draft.sites))
        put("narratives", ", ".join(draft.narratives))
        put("ecosystem", draft.ecosystem or "")
        put("token", draft.token or "")
        put("description", draft.description)
        put("notes", "\n".join(draft.notes))
        put("sources", "\n".join(draft.sources))
        put("tasks", "\n".join(_task_line(t) for t in draft.tasks))
        put("points", "\n".join(f"{p.name};{p.description}" for p in draft.points))
        put("events", "\n".join(f"{e.kind}={e.date}:{e.label}" for e in draft.events))
        for key, value in (("status", draft.status), ("tier", draft.tier)):
            box = self.fields[key]
            assert isinstance(box, QComboBox)
            box.setCurrentIndex(max(0, box.findData(value)))

    # -- saving -------------------------------------------------------------------------
    def show_error(self, error: ProjectFieldError) -> None:
        message = self.errors.messages.get(error.field) or self.errors.messages["name"]
        message.show_error(error.message)
        message.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        for message in self.errors.messages.values():
            message.clear_error()
        try:
            draft = self.draft()
            now = self._now()
            build_project(draft, "yours-checking", now[:10])  # every field, before any write
        except ProjectFieldError as error:
            self.show_error(error)
            return
        save = self._save

        def failed(error: BaseException) -> None:
            if isinstance(error, ProjectFieldError):
                self.show_error(error)
            else:
                self._ops.report(self, error)

        def done(project: Project) -> None:
            self.saved.emit(project.id)
            self.accept()

        self._ops.database(self, lambda db: save(db, draft, now)).success(done).failure(
            failed
        ).busy(self.buttons).run()


def _task_line(task: Any) -> str:
    every = {"none": "", "every_n_days": f";every={task.every_days} days"}.get(
        task.recurrence, f";every={task.recurrence}"
    )
    return task.title + every + (f";detail={task.detail}" if task.detail else "")

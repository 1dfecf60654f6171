"""What the checklist tab says before there is a checklist: no profile, not tracked yet."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from airdrop_desk.ui.plain import rich_label

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.ui.tracking_session import TrackingSession


class ChecklistIntro(QWidget):
    """A sentence, one button (create a profile / track the project) and the catalog's
    task list as a preview.

    Signals: ``create_profile``, ``track`` when the button is pressed.
    Attributes (for tests): ``message``, ``track_button``, ``preview``.
    """

    create_profile = Signal()
    track = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = rich_label()  # markup of our own; names escaped
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Checklist status")
        self.track_button = QPushButton()
        self.track_button.setAccessibleName("Track this project")
        self.track_button.clicked.connect(self._pressed)
        self.preview = rich_label()  # task titles escaped
        self.preview.setWordWrap(True)
        self._wants_profile = False
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.track_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.preview)
        column.addStretch(1)

    def show_for(self, session: TrackingSession, project: Project | None) -> None:
        self.preview.clear()
        self.track_button.show()
        self._wants_profile = False
        if project is None:
            self.message.setText("Select a project to see your checklist for it.")
            self.track_button.hide()
        elif not session.is_ready:
            self.message.setText("Opening your data…")
            self.track_button.hide()
        elif session.profile is None:
            self.message.setText(
                "Profiles keep what you did for each wallet or identity. "
                "Create one to track projects and tick off their tasks."
            )
            self.track_button.setText("Create a profile…")
            self._wants_profile = True
        else:
            name = escape(project.name.name)
            count = len(project.task_templates)
            tasks = f"its {count} eligibility tasks" if count else "tasks of your own"
            self.message.setText(
                f"Profile <b>{escape(session.profile.name)}</b> does not "
                f"track {name} yet. Track it to tick off {tasks}."
            )
            self.track_button.setText(f"Track {project.name.name}")
            if count:
                items = "".join(f"<li>{escape(t.title)}</li>" for t in project.task_templates)
                self.preview.setText(f"<ul style='margin-left:-20px'>{items}</ul>")

    def _pressed(self) -> None:
        (self.create_profile if self._wants_profile else self.track).emit()

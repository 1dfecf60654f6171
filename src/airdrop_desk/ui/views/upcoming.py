"""The Upcoming view: every date that matters to the current profile, by date.

Catalog snapshots, claim windows and task due dates of the tracked projects (or of
the whole catalog), overdue ones marked; exported as an .ics calendar and, if the
person asks for it, announced by a desktop notification some days ahead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.deadlines import Deadline, project_deadlines, upcoming
from airdrop_desk.core.settings import REMIND_DAYS
from airdrop_desk.ui.models.deadlines import OVERDUE, DeadlineTableModel
from airdrop_desk.ui.plain import plain_label

if TYPE_CHECKING:
    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.tracking import Checklist
    from airdrop_desk.ui.tracking_session import Repo, TrackingSession


def load_deadlines(
    session: TrackingSession,
    docs: ProjectDocs,
    project_ids: list[str] | None,
    done: Callable[[list[Deadline], int | None], None],
) -> None:
    """Deadlines of the tracked projects (or of ``project_ids``), with the reminder setting.

    Checklists are read on the lane; catalog documents on the GUI thread, which owns
    the catalog reader.
    """
    pid = session.profile_id

    def read(repo: Repo) -> tuple[dict[str, Checklist | None], int | None]:
        tracked = repo.tracked(pid) if pid is not None else {}
        wanted = project_ids if project_ids is not None else list(tracked)
        lists = {
            p: repo.checklist(pid, p) if pid is not None and p in tracked else None for p in wanted
        }
        return lists, repo.settings.read(REMIND_DAYS)

    def loaded(value: tuple[dict[str, Checklist | None], int | None]) -> None:
        lists, remind = value
        items: list[Deadline] = []
        today = session.clock().date()
        for project_id, checklist in lists.items():
            project = docs.project(project_id)
            if project is not None:
                items.extend(project_deadlines(project, checklist, today))
        done(items, remind)

    session.run(read, loaded)


class UpcomingDialog(QDialog):
    """Non-modal list of deadlines with export and reminders.

    Signals: ``loaded``; ``project_activated(str)`` on a double-clicked row.
    Attributes (for tests): ``table`` (a view of ``model``, a ``DeadlineTableModel``),
    ``show_past``, ``all_projects``, ``export_button``, ``remind``, ``remind_days``,
    ``items`` (what the table shows).
    """

    loaded = Signal()
    project_activated = Signal(str)

    def __init__(
        self,
        session: TrackingSession,
        docs: ProjectDocs,
        all_ids: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Upcoming deadlines")
        self.resize(760, 460)
        self.session = session
        self._docs = docs
        self._all_ids = all_ids
        self.items: list[Deadline] = []
        self._all: list[Deadline] = []
        self.heading = plain_label()
        self.show_past = QCheckBox("Show past dates")
        self.all_projects = QCheckBox("Whole catalog, not only tracked projects")
        self.export_button = QPushButton("Export .ics…")
        self.export_button.setToolTip("Save these dates as an iCalendar file for your calendar app")
        self.export_button.clicked.connect(self._export_clicked)
        self.model = DeadlineTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Deadlines")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._activated)
        self.remind = QCheckBox("Notify me")
        self.remind_days = QSpinBox(minimum=0, maximum=60, suffix=" days before")
        self.remind_days.setValue(3)
        self.remind_days.setAccessibleName("Days before a deadline to notify")
        remind_note = plain_label("a deadline (desktop notification while the app runs)")
        for box in (self.show_past, self.all_projects):
            box.toggled.connect(self.refresh)
        self.remind.toggled.connect(self._save_remind)
        self.remind_days.valueChanged.connect(self._save_remind)

        top = QHBoxLayout()
        top.addWidget(self.show_past)
        top.addWidget(self.all_projects)
        top.addStretch(1)
        top.addWidget(self.export_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remind)
        bottom.addWidget(self.remind_days)
        bottom.addWidget(remind_note)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._loading = False
        session.profile_changed.connect(lambda _p: self.refresh())
        session.progress_changed.connect(lambda _p: self.refresh() if self.isVisible() else None)
        self.refresh()

    def refresh(self) -> None:
        ids = self._all_ids if self.all_projects.isChecked() else None
        load_deadlines(self.session, self._docs, ids, self._loaded)

    def _loaded(self, items: list[Deadline], remind: int | None) -> None:
        self._all = items
        self._loading = True
        self.remind.setChecked(remind is not None)
        if remind is not None:
            self.remind_days.setValue(remind)
        self._loading = False
        today = self.session.clock().date()
        self.items = upcoming(items, today, self.show_past.isChecked())
        profile = self.session.profile
        who = f"profile “{profile.name}”" if profile else "no profile"
        overdue = sum(1 for d in self.items if d.overdue(today))
        note = f" — <b style='color:{OVERDUE.name()}'>{overdue} overdue</b>" if overdue else ""
        count = len(self.items)
        self.heading.setText(f"{count} date{'' if count == 1 else 's'} for {who}{note}")
        self._fill(today)
        self.loaded.emit()

    def _fill(self, today: Any) -> None:
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.model.set_deadlines(self.items, today, muted)
        self.table.clearSpans()
        if self.model.is_empty:
            self.table.setSpan(0, 0, 1, self.model.columnCount())

    def _activated(self, index: QModelIndex) -> None:
        project_id = index.data(self.model.ProjectIdRole)
        if project_id:
            self.project_activated.emit(str(project_id))

    def _save_remind(self) -> None:
        if self._loading:
            return
        days = self.remind_days.value() if self.remind.isChecked() else None
        self.session.save_setting(REMIND_DAYS, days)

    def _export_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Export deadlines",
            str(Path.home() / "airdrop-deadlines.ics"),
            "iCalendar (*.ics)",
        )
        if name:
            self.export_to(Path(name if name.endswith(".ics") else name + ".ics"))

    def export_to(self, path: Path) -> int:
        """Write the listed deadlines, and the repeating tasks, to ``path``; returns how
        many events were written."""
        from airdrop_desk.core.ics import deadlines_to_ics

        days = self.remind_days.value() if self.remind.isChecked() else None
        events = self.items + [d for d in self._all if not d.dated]
        path.write_bytes(deadlines_to_ics(events, self.session.clock(), days))
        self.heading.setText(f"Exported {len(events)} dates to {path.name}")
        return len(events)

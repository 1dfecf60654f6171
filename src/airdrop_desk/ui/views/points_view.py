"""The "Points" tab: record a program's balance in one line, see its history and trend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core import tracking_ops as ops
from airdrop_desk.core.points import (
    PointsSnapshot,
    chart_data,
    format_points,
    parse_points,
    parse_rank,
    trend_summary,
)
from airdrop_desk.core.tracking import parse_date
from airdrop_desk.ui.models.points_history import PointsHistoryModel
from airdrop_desk.ui.plain import message_box, plain_label
from airdrop_desk.ui.views.project_tab import ProjectTab
from airdrop_desk.ui.widgets.buttons import never_default
from airdrop_desk.ui.widgets.field_errors import FormErrors
from airdrop_desk.ui.widgets.points_chart import PointsChart

if TYPE_CHECKING:
    from collections.abc import Callable

    from airdrop_desk.catalog.sync import ProjectDocs
    from airdrop_desk.core.domain import Project
    from airdrop_desk.ui.tracking_session import Repo, TrackingSession

DEFAULT_PROGRAM = "Points"


@dataclass(frozen=True)
class PointsData:
    """One program's history as read on the lane."""

    programs: list[str]
    program: str
    snapshots: list[PointsSnapshot]
    target: float | None


class PointsView(ProjectTab):
    """Program picker, one-line entry, chart with trend and target, history table.

    Signals: ``loaded`` once data is on screen.
    Attributes (for tests): ``program``, ``day``, ``points``, ``rank``, ``record_button``,
    ``target``, ``chart``, ``table`` (a view of ``model``, a ``PointsHistoryModel``),
    ``summary``, ``errors``, ``message``.
    """

    KINDS = frozenset({ops.POINTS})

    def __init__(
        self, session: TrackingSession, docs: ProjectDocs, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, docs, parent)
        self.setObjectName("pointsView")
        self.data: PointsData | None = None
        self.errors = FormErrors()
        self._build()

    def _build(self) -> None:
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.program = QComboBox()
        self.program.setEditable(True)
        self.program.setAccessibleName("Points program")
        program_edit = self.program.lineEdit()
        if program_edit is not None:
            program_edit.setAccessibleName("Points program name")
        self.program.setMinimumContentsLength(12)
        self.program.activated.connect(lambda _i: self.reload())
        self.target = QLineEdit(placeholderText="e.g. 10000")
        self.target.setAccessibleName("Target")
        self.target.setMaximumWidth(110)
        self.target.editingFinished.connect(self._set_target)
        self.day = QLineEdit()
        self.day.setAccessibleName("Snapshot date")
        self.day.setPlaceholderText("YYYY-MM-DD")
        self.day.setMaximumWidth(110)
        self.points = QLineEdit(placeholderText="balance")
        self.points.setAccessibleName("Points balance")
        self.points.setMinimumWidth(90)  # the one field a narrow tab must not squeeze away
        self.rank = QLineEdit(placeholderText="rank (optional)")
        self.rank.setAccessibleName("Rank")
        self.rank.setMaximumWidth(100)
        self.record_button = QPushButton("Record")
        self.record_button.setAccessibleName("Record balance")
        self.record_button.clicked.connect(self.record)
        for edit in (self.day, self.points, self.rank):
            edit.returnPressed.connect(self.record)

        top = QHBoxLayout()
        top.addWidget(plain_label("Program"))
        top.addWidget(self.program, 1)
        top.addWidget(plain_label("Target"))
        top.addWidget(self.target)
        entry = QGridLayout()
        entry.setHorizontalSpacing(6)
        entry.setVerticalSpacing(2)
        for column, widget in enumerate((self.day, self.points, self.rank, self.record_button)):
            entry.addWidget(widget, 0, column)
        entry.addWidget(self.errors.add("day", self.day), 1, 0)
        entry.addWidget(self.errors.add("points", self.points), 1, 1)
        entry.addWidget(self.errors.add("rank", self.rank), 1, 2, 1, 2)
        entry.setColumnStretch(1, 1)
        self.errors.add("target", self.target)
        self.chart = PointsChart()
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Trend")
        self.model = PointsHistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Points history")
        self.delete_button = never_default(QPushButton("Delete snapshot"))
        self.delete_button.setAccessibleName("Delete the selected snapshot")
        self.delete_button.clicked.connect(self.delete_selected)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        lower_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addWidget(self.errors.messages["target"])
        body.addLayout(entry)
        body.addWidget(self.summary)
        body.addWidget(splitter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)

    # -- loading ---------------------------------------------------------------------
    def _forget_project(self) -> None:
        self.program.clear()
        self.day.clear()  # another project: the date starts at today again

    def _show_placeholder(self) -> None:
        self.body.hide()
        self.message.show()
        self.message.setText(
            "Select a project."
            if self.project is None
            else "Opening your data…"
            if not self.session.is_ready
            else "Create a profile to record points balances."
        )
        self.loaded.emit()

    def _reader(self, profile_id: int, project: Project) -> Callable[[Any], Any]:
        catalog = [p.name for p in project.points_programs]
        wanted = self.program.currentText().strip()

        def read(repo: Repo) -> PointsData:
            names = list(dict.fromkeys(catalog + repo.points.programs(profile_id, project.id)))
            names = names or [DEFAULT_PROGRAM]
            program = wanted or names[0]
            points = repo.points
            return PointsData(
                names,
                program,
                points.snapshots(profile_id, project.id, program),
                points.target(profile_id, project.id, program),
            )

        return read

    def _show_data(self, data: Any) -> None:
        self.data = data
        self._fill()

    def _fill(self) -> None:
        data = self.data
        if data is None:
            return
        self.message.hide()
        self.body.show()
        self.program.blockSignals(True)
        self.program.clear()
        self.program.addItems(
            data.programs if data.program in data.programs else [*data.programs, data.program]
        )
        self.program.setCurrentText(data.program)
        self.program.blockSignals(False)
        self.target.setText(format_points(data.target).replace(",", "") if data.target else "")
        if not self.day.text():
            self.day.setText(self.session.clock().date().isoformat())
        chart = chart_data(data.snapshots, data.target)
        self.chart.set_data(chart)
        self.summary.setText(trend_summary(chart))
        self.model.set_snapshots(data.snapshots)
        self.delete_button.setEnabled(bool(data.snapshots))
        self.loaded.emit()

    # -- changes -------------------------------------------------------------------
    def record(self) -> None:
        """Check the whole line first; nothing is saved unless every field is right."""
        session, project = self.session, self.project
        if session.profile is None or project is None:
            return
        errors: dict[str, str] = {}
        values: dict[str, Any] = {}
        for name, parse, text in (
            ("day", lambda t: parse_date(t, required=True), self.day.text()),
            ("points", parse_points, self.points.text()),
            ("rank", parse_rank, self.rank.text()),
        ):
            try:
                values[name] = parse(text)
            except ValueError as exc:
                errors[name] = str(exc)
        program = " ".join(self.program.currentText().split()) or DEFAULT_PROGRAM
        today = session.clock().date()
        if "day" in values and values["day"] > today:
            errors["day"] = f"A balance is recorded for today ({today.isoformat()}) or before."
        if errors:
            self.errors.show(errors)
            return
        self.errors.clear()
        snap = PointsSnapshot(values["day"], values["points"], values["rank"])
        data = self.data
        same = (
            next((s for s in data.snapshots if s.day == snap.day), None)
            if data is not None and data.program == program
            else None
        )
        if same is not None and not self.confirm(
            "Replace the balance?",
            f"{program} already has {format_points(same.points)} on "
            f"{snap.day.isoformat()}. Replace it with {format_points(snap.points)}? "
            "Undo (Ctrl+Z) brings the old one back.",
            "Replace",
        ):
            return
        pid, project_id = session.profile.id, project.id
        self.program.setCurrentText(program)
        session.perform(
            f"Record {format_points(snap.points)} {program}",
            lambda repo: ops.record_points(repo, pid, project_id, program, snap),
        )
        self.points.clear()
        self.rank.clear()

    def confirm(self, title: str, text: str, action: str) -> bool:
        """Ask before a change that replaces something (Cancel is the default)."""
        box = message_box(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self
        )
        box.setObjectName("confirmBox")
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def delete_selected(self) -> None:
        session, project, data = self.session, self.project, self.data
        snap = self.model.snapshot_at(self.table.currentIndex().row())
        if session.profile is None or project is None or data is None or snap is None:
            return
        pid, project_id, program = session.profile.id, project.id, data.program
        session.perform(
            f"Delete {program} snapshot of {snap.day.isoformat()}",
            lambda repo: ops.remove_points(repo, pid, project_id, program, snap),
        )

    def _set_target(self) -> None:
        session, project, data = self.session, self.project, self.data
        if session.profile is None or project is None or data is None:
            return
        text = self.target.text().strip()
        try:
            target = parse_points(text) if text else None
        except ValueError as exc:
            self.errors.messages["target"].show_error(str(exc))
            return
        self.errors.messages["target"].clear_error()
        if target == data.target or (target == 0 and data.target is None):
            return
        pid, project_id, program = session.profile.id, project.id, data.program
        session.perform(
            f"Set {program} target",
            lambda repo: ops.set_target(repo, pid, project_id, program, target),
        )

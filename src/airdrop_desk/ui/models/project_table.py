"""Table model of the catalog projects that pass the current filter.

After the catalog columns come two per-profile columns: "Progress" (done/total tasks
of each tracked project, painted as a bar by ``ProgressDelegate``) and "Eligible" (what
the imported allocation lists say of the profile's addresses).

While a search is active, the rows come by how well they match (exact name or alias
first), then in the chosen sort; the name cell's ``hint_text`` says why a project
matched when it was not by its name ("alias Tyco", "investor Tiger Global").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Signal

from airdrop_desk.core.columns import COLUMNS, SortRanks
from airdrop_desk.core.eligibility_vocab import ELIGIBILITY
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.core.rows import ProjectRow
from airdrop_desk.core.tracking_vocab import MY_STATUSES
from airdrop_desk.ui import qt_values

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex, Qt

    from airdrop_desk.core.allocations import ProjectEligibility
    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.tracking import Progress

PROGRESS_TIP = "Your progress with the current profile: tasks done / tasks"
ELIGIBLE_TIP = "What the imported allocation lists say of the current profile's addresses"
_ELIGIBLE_ORDER = {"eligible": 0, "claimed": 1, "missed": 2, "not_on_list": 3, "no_list": 4}
_NO_PARENT = QModelIndex()
# Roles as plain ints: data() runs for every visible cell and role on each repaint,
# int comparisons are many times cheaper than Qt enum ones, and the first paint
# then needs no Qt enum at all (see ui/qt_values.py).
_DISPLAY = qt_values.DISPLAY_ROLE
_TOOLTIP = qt_values.TOOLTIP_ROLE
_ALIGN = qt_values.TEXT_ALIGNMENT_ROLE
_ACCESSIBLE = qt_values.ACCESSIBLE_TEXT_ROLE
_USER = qt_values.USER_ROLE
_RIGHT = qt_values.ALIGN_RIGHT_VCENTER


class ProjectTableModel(QAbstractTableModel):
    """Rows are the filtered projects, columns are ``core.columns.COLUMNS``.

    Filtering and sorting run in the Qt-free ``ProjectIndex`` and ``SortRanks``;
    the model only holds the resulting row order, so a view over 100,000
    projects costs one list of ints. ``SortRole`` gives the raw sort value,
    ``ProjectIdRole`` the project id.

    Signals: ``searching(bool)`` when a search starts or ends (the name cells then
    carry hints, see ``hint_text``).
    """

    searching = Signal(bool)

    SortRole = _USER + 1
    ProjectIdRole = _USER + 2
    ProgressRole = _USER + 3  # Progress or None, for the progress column's delegate
    PROGRESS = len(COLUMNS)
    ELIGIBLE = len(COLUMNS) + 1
    COL: ClassVar[dict[str, int]] = {
        **{c.key: i for i, c in enumerate(COLUMNS)},
        "progress": len(COLUMNS),
        "eligible": len(COLUMNS) + 1,
    }
    _ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGN, _ACCESSIBLE, _USER + 1, _USER + 2, _USER + 3})

    def __init__(self, index: ProjectIndex, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._index = index
        self._projects: Sequence[ProjectRow] = index.rows
        self._spec = FilterSpec()
        self._sort: tuple[int, bool] | None = None  # column, descending
        self._rows: list[int] = list(range(len(self._projects)))
        self._positions = {row.id: i for i, row in enumerate(self._projects)}
        self._ranks = SortRanks(self._projects)
        self._progress: dict[str, Progress] = {}
        self._project_of: Callable[[str], Project | None] | None = None
        self._hints: dict[str, str] = {}  # project id -> why it matched the search
        self._name_column = self.COL["name"]
        self._eligibility: dict[str, ProjectEligibility] = {}

    # -- Qt interface -------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS) + 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if role not in self._ROLES or not index.isValid():
            return None
        project = self._projects[self._rows[index.row()]]
        if index.column() == self.PROGRESS:
            return self._progress_data(project.id, role)
        if index.column() == self.ELIGIBLE:
            return self._eligible_data(project.id, role)
        column = COLUMNS[index.column()]
        if role in (_DISPLAY, _ACCESSIBLE):
            return column.display(project)
        if role == _ALIGN:
            return _RIGHT if column.numeric else None
        if role == _TOOLTIP:
            if column.key == "name":
                aliases = project.alias_list
                lines = [f"Also written: {', '.join(aliases)}"] if aliases else []
                hint = self.hint_text(index.row(), index.column())
                lines += [f"Matched: {hint}"] if hint else []
                return "\n".join(lines) or None
            return column.display(project) if column.key in ("narratives", "status") else None
        if role == self.SortRole:
            return column.value(project)
        return project.id  # ProjectIdRole

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        # The table's header shows titles() from a model of its own (see
        # project_table_view); this answers everyone else: accessibility, model checks.
        if orientation == QtCore.Qt.Orientation.Horizontal and 0 <= section <= self.ELIGIBLE:
            if role in (_DISPLAY, _ACCESSIBLE):
                return self.titles()[section]
            if role == _TOOLTIP and section == self.PROGRESS:
                return PROGRESS_TIP
            if role == _TOOLTIP and section == self.ELIGIBLE:
                return ELIGIBLE_TIP
        return super().headerData(section, orientation, role)

    def cell_text(self, row: int, column: int) -> str:
        """What a catalog column's cell shows (``data()``'s display text, without Qt)."""
        return COLUMNS[column].display(self._projects[self._rows[row]])

    def explain_with(self, project_of: Callable[[str], Project | None]) -> None:
        """Say why each project matched a search, reading the whole project with
        ``project_of`` (only for the rows shown, once per search)."""
        self._project_of = project_of
        self._hints.clear()

    def hint_text(self, row: int, column: int) -> str:
        """Why the project of ``row`` matched the search, for the name cell ("alias
        Tyco"); empty without a search, in other columns and for a match by name."""
        if column != self._name_column or not self._spec.text or self._project_of is None:
            return ""
        project_id = self._projects[self._rows[row]].id
        found = self._hints.get(project_id)
        if found is None:
            from airdrop_desk.core.filters import explain

            project = self._project_of(project_id)
            reasons = explain(project, self._spec.text) if project else []
            found = ", ".join(str(r) for r in reasons if r.field != "name")
            self._hints[project_id] = found
        return found

    @staticmethod
    def numeric_columns() -> frozenset[int]:
        """The catalog columns shown right-aligned."""
        return frozenset(i for i, c in enumerate(COLUMNS) if c.numeric)

    @classmethod
    def titles(cls) -> list[str]:
        """The column titles, in column order."""
        return [c.title for c in COLUMNS] + ["Progress", "Eligible"]

    def _progress_data(self, project_id: str, role: int) -> object:
        found = self._progress.get(project_id)
        if role == self.ProgressRole:
            return found
        if role == _DISPLAY:
            return f"{found.done}/{found.total}" if found else ""
        if role in (_TOOLTIP, _ACCESSIBLE):
            if found is None:
                return "Not tracked" if role == _ACCESSIBLE else None
            return f"{MY_STATUSES[found.status]}: {found.done} of {found.total} tasks done"
        if role == self.SortRole:
            return _progress_key(found)
        if role == self.ProjectIdRole:
            return project_id
        return None

    def _eligible_data(self, project_id: str, role: int) -> object:
        found = self._eligibility.get(project_id)
        if role in (_DISPLAY, _ACCESSIBLE):
            if found is None:
                return "" if role == _DISPLAY else "No list known"
            if found.status in ("eligible", "claimed", "missed") and found.matches:
                from airdrop_desk.core.allocations import format_tokens_decimal

                amount = format_tokens_decimal(found.amount)
                return f"{ELIGIBILITY[found.status]}: {amount} {found.token}".rstrip()
            return ELIGIBILITY[found.status]
        if role == _TOOLTIP:
            return found.summary() if found is not None else None
        if role == _ALIGN:
            return None
        if role == self.SortRole:
            return _ELIGIBLE_ORDER.get(found.status if found else "no_list", 9)
        if role == self.ProjectIdRole:
            return project_id
        return None

    def set_eligibility(self, eligibility: dict[str, ProjectEligibility]) -> None:
        """The current profile's eligibility per project id (empty: no profile)."""
        self._eligibility = eligibility
        if self._sort is not None and self._sort[0] == self.ELIGIBLE:
            self._resort()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.ELIGIBLE), self.index(len(self._rows) - 1, self.ELIGIBLE)
            )

    def set_progress(self, progress: dict[str, Progress]) -> None:
        """The current profile's progress per project id (empty: no profile)."""
        self._progress = progress
        if self._sort is not None and self._sort[0] == self.PROGRESS:
            self._resort()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.PROGRESS), self.index(len(self._rows) - 1, self.PROGRESS)
            )

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Sort by ``column`` (-1: back to catalog order), ascending unless ``order``
        says descending."""
        if column > self.ELIGIBLE:
            return
        descending = order == QtCore.Qt.SortOrder.DescendingOrder
        self._sort = (column, descending) if column >= 0 else None
        self._resort()

    def rows_changed(self) -> None:
        """The rows' values changed in place (the statuses of a new day): sort again."""
        self._ranks = SortRanks(self._projects)
        self.beginResetModel()
        self._rows = self._sorted(self._rows)
        self.endResetModel()

    def _resort(self) -> None:
        rows = self._index.rank(self._spec, self._sorted(self._rows))
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    # -- filtering ----------------------------------------------------------
    @property
    def spec(self) -> FilterSpec:
        return self._spec

    def set_filter(self, spec: FilterSpec) -> None:
        """Show the projects ``spec`` matches: with a search, the best matches first."""
        rows = self._index.rank(spec, self._sorted(self._index.filter(spec)))
        new_text = spec.text != self._spec.text
        if new_text:
            self._hints.clear()
        started = bool(spec.text) != bool(self._spec.text)
        self._spec = spec
        if started:
            self.searching.emit(bool(spec.text))
        if rows == self._rows:
            if new_text and rows and self._project_of is not None:  # the hints may differ
                column = self._name_column
                self.dataChanged.emit(self.index(0, column), self.index(len(rows) - 1, column))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def all_rows(self) -> Sequence[ProjectRow]:
        """Every row of the catalog shown, filtered or not."""
        return self._projects

    def set_index(self, index: ProjectIndex) -> None:
        """Show ``index``'s rows instead (a project of yours added, changed or removed),
        with the same filter, sort and progress."""
        self.beginResetModel()
        self._index = index
        self._projects = index.rows
        self._positions = {row.id: i for i, row in enumerate(self._projects)}
        self._ranks = SortRanks(self._projects)
        self._rows = self._sorted(index.filter(self._spec))
        self.endResetModel()

    def projects(self) -> Sequence[ProjectRow]:
        """Every catalog project, filtered or not."""
        return self._projects

    def total(self) -> int:
        return len(self._projects)

    def project_at(self, row: int) -> ProjectRow:
        return self._projects[self._rows[row]]

    def row_of(self, project_id: str) -> int | None:
        position = self._positions.get(project_id)
        if position is None:
            return None
        try:
            return self._rows.index(position)  # a C-speed scan, fine at 100,000 rows
        except ValueError:
            return None

    def _sorted(self, rows: list[int]) -> list[int]:
        if self._sort is None:
            return sorted(rows)
        column, descending = self._sort
        if column == self.PROGRESS:
            # Most done first; untracked projects stay last either way, catalog order
            # breaks ties.
            progress, projects = self._progress, self._projects

            def key(i: int) -> tuple[int, float, int]:
                found = progress.get(projects[i].id)
                if found is None:
                    return (1, 0.0, i)
                share = _progress_key(found)
                return (0, -share if not descending else share, i)

            return sorted(rows, key=key)
        if column == self.ELIGIBLE:
            seen, projects = self._eligibility, self._projects

            def rank(i: int) -> tuple[int, int]:
                found = seen.get(projects[i].id)
                return (_ELIGIBLE_ORDER.get(found.status if found else "no_list", 9), i)

            return sorted(rows, key=rank, reverse=descending)
        return self._ranks.sort(rows, column, descending)


def _progress_key(found: Progress | None) -> float:
    if found is None:
        return -1.0
    if found.status == "claimed":
        return 2.0
    return found.done / found.total if found.total else 0.0

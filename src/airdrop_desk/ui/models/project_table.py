"""Table model of the catalog projects that pass the current filter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from airdrop_desk.core.columns import COLUMNS, sort_rows
from airdrop_desk.core.domain import Project
from airdrop_desk.core.filters import FilterSpec, ProjectIndex

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class ProjectTableModel(QAbstractTableModel):
    """Rows are the filtered projects, columns are ``core.columns.COLUMNS``.

    Filtering and sorting run in the Qt-free ``ProjectIndex`` and ``sort_rows``;
    the model only holds the resulting row order, so a view over 100,000
    projects costs one list of ints. ``SortRole`` gives the raw sort value,
    ``ProjectIdRole`` the project id.
    """

    SortRole = Qt.ItemDataRole.UserRole + 1
    ProjectIdRole = Qt.ItemDataRole.UserRole + 2
    COL = {c.key: i for i, c in enumerate(COLUMNS)}

    def __init__(self, index: ProjectIndex, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._index = index
        self._projects: Sequence[Project] = index.projects
        self._spec = FilterSpec()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._rows: list[int] = list(range(len(self._projects)))

    # -- Qt interface -------------------------------------------------------
    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        project = self._projects[self._rows[index.row()]]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.display(project)
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("narratives", "status"):
            return column.display(project)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "name":
            aliases = [a.name for a in project.aliases]
            if project.name.printed:
                aliases.insert(0, project.name.printed)
            return f"Also written: {', '.join(aliases)}" if aliases else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SortRole:
            return column.sort_key(project)[1]
        if role == self.ProjectIdRole:
            return project.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return COLUMNS[section].title
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._sort = (column, order) if column >= 0 else None  # -1: back to catalog order
        self._rows = self._sorted(before)
        self._remap_persistent(before)
        self.layoutChanged.emit()

    # -- filtering ----------------------------------------------------------
    @property
    def spec(self) -> FilterSpec:
        return self._spec

    def set_filter(self, spec: FilterSpec) -> None:
        rows = self._sorted(self._index.filter(spec))
        self._spec = spec
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def total(self) -> int:
        return len(self._projects)

    def project_at(self, row: int) -> Project:
        return self._projects[self._rows[row]]

    def row_of(self, project_id: str) -> int | None:
        for row, i in enumerate(self._rows):
            if self._projects[i].id == project_id:
                return row
        return None

    def _sorted(self, rows: list[int]) -> list[int]:
        if self._sort is None:
            return sorted(rows)
        column, order = self._sort
        return sort_rows(self._projects, rows, COLUMNS[column],
                         descending=order == Qt.SortOrder.DescendingOrder)

    def _remap_persistent(self, before: list[int]) -> None:
        where = {project: row for row, project in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(where[before[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, new)

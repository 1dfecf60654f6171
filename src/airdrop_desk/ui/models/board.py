"""The farm board as a table model: a row per tracked project, a column per profile.

Each cell is one profile's checklist of one project: its text says the progress and,
with a mark, the state ("✓ 5/5", "! 3/5", "3/5"); its background tints the state in
a colour translucent enough that the palette's text stays readable in light and dark.
An empty cell: that profile does not track the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from airdrop_desk.core.board import DONE, IN_PROGRESS, OVERDUE, STATE_WORDS, Board

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPersistentModelIndex

    from airdrop_desk.core.board import Cell

_NO_PARENT = QModelIndex()
Role = Qt.ItemDataRole
# Tints over the base colour: green done, red overdue, amber in progress.
TINTS = {
    DONE: QColor(46, 160, 67, 96),
    OVERDUE: QColor(218, 54, 51, 110),
    IN_PROGRESS: QColor(212, 160, 23, 72),
}


_NAME_ROLES = frozenset((Role.DisplayRole, Role.ToolTipRole))
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class BoardModel(QAbstractTableModel):
    """Rows: ``Board.projects``; columns: ``Board.profiles`` (column n is profile n).

    Roles: ``CellRole`` (the ``core.board.Cell``, None when not tracked), ``StateRole``
    (done / overdue / in_progress / empty, "" when not tracked), ``SortRole`` (the share
    done, -1 when not tracked), ``ProjectIdRole``, ``ProfileIdRole``.
    """

    CellRole = Role.UserRole
    StateRole = Role.UserRole + 1
    SortRole = Role.UserRole + 2
    ProjectIdRole = Role.UserRole + 3
    ProfileIdRole = Role.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board = Board((), (), {})
        self._tints = {state: QBrush(colour) for state, colour in TINTS.items()}

    def set_board(self, board: Board) -> None:
        self.beginResetModel()
        self.board = board
        self.endResetModel()

    def cell_at(self, row: int, column: int) -> Cell | None:
        board = self.board
        if not (0 <= row < len(board.projects) and 0 <= column < len(board.profiles)):
            return None
        return board.cell(board.projects[row][0], board.profiles[column].id)

    def place(self, row: int, column: int) -> tuple[int, str]:
        """The profile id and project id of a cell."""
        return self.board.profiles[column].id, self.board.projects[row][0]

    # -- Qt interface --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.board.projects)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.board.profiles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role in _NAME_ROLES:
            board = self.board
            if horizontal:
                return board.profiles[section].name if 0 <= section < len(board.profiles) else None
            return board.projects[section][1] if 0 <= section < len(board.projects) else None
        if role == Role.TextAlignmentRole and not horizontal:
            return _LEFT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        # A paint asks each visible cell for a dozen roles: those the board leaves to the
        # style are answered before anything is looked up.
        if role not in _ROLES or not index.isValid():
            return None
        if role == Role.TextAlignmentRole:
            return _CENTER
        row, column = index.row(), index.column()
        cell = self.cell_at(row, column)
        if role == Role.DisplayRole:
            return cell.text if cell is not None else ""
        if role == Role.BackgroundRole:
            return self._tints.get(cell.state) if cell is not None else None
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return self._words(row, column, cell)
        if role == self.CellRole:
            return cell
        if role == self.StateRole:
            return cell.state if cell is not None else ""
        if role == self.SortRole:
            return cell.done / cell.total if cell is not None and cell.total else -1.0
        if role == self.ProjectIdRole:
            return self.board.projects[row][0]
        if role == self.ProfileIdRole:
            return self.board.profiles[column].id
        return None

    def _words(self, row: int, column: int, cell: Cell | None) -> str:
        where = f"{self.board.profiles[column].name} · {self.board.projects[row][1]}"
        if cell is None:
            return f"{where}: not tracked"
        return f"{where}: {STATE_WORDS[cell.state]} — {cell.words()}. Enter opens the checklist."


# What ``BoardModel.data`` answers; every other role is the style's.
_ROLES = frozenset(
    (
        Role.DisplayRole,
        Role.BackgroundRole,
        Role.TextAlignmentRole,
        Role.ToolTipRole,
        Role.AccessibleTextRole,
        BoardModel.CellRole,
        BoardModel.StateRole,
        BoardModel.SortRole,
        BoardModel.ProjectIdRole,
        BoardModel.ProfileIdRole,
    )
)

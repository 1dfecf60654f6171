"""The Portfolio window's "Manual holdings" page: add, edit, delete, with undo.

Each change is an operation of ``portfolio.holdings`` run on the app's database lane;
the panel's undo stack runs the undo each one returns (Ctrl+Z in the Portfolio window).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.ui.models.portfolio_table import PortfolioTableModel
from airdrop_desk.ui.plain import plain_label
from airdrop_desk.ui.widgets.buttons import never_default

if TYPE_CHECKING:
    from airdrop_desk.core.portfolio import HoldingInput
    from airdrop_desk.portfolio.service import PortfolioData
    from airdrop_desk.ui.services import Services


class _Command(QUndoCommand):
    """A holdings operation on the undo stack: each run leaves its reverse behind."""

    def __init__(self, panel: HoldingsPanel, text: str, operation: Any) -> None:
        super().__init__(text)
        self._panel, self._next, self._first = panel, operation, True

    def step(self, repo: Any) -> Any:
        result = self._next(repo)
        self._next = result.undo
        return result

    def redo(self) -> None:
        self._panel._apply(self, self._first)
        self._first = False

    def undo(self) -> None:
        self._panel._apply(self, False)


class HoldingsPanel(QWidget):
    """Manual holdings of the profile chosen in Portfolio, and the buttons that change them.

    ``changed()`` is called after every change (the view reads the portfolio again);
    ``ask(dialog) -> bool`` shows a dialog and says whether it was accepted (replaceable
    in tests). Attributes: ``table``, ``add_button``, ``edit_button``, ``delete_button``,
    ``undo_button``, ``undo_stack``, ``message``.
    """

    def __init__(
        self, services: Services, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services, self._changed = services, changed
        self._data: PortfolioData | None = None
        self._ids: list[int] = []
        self.ask: Callable[[Any], bool] = lambda dialog: bool(dialog.exec())
        self.undo_stack = QUndoStack(self)
        self.table = QTableView()
        self.table.setModel(PortfolioTableModel(self.table))
        self.table.setAccessibleName("Manual holdings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton("Add…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = never_default(QPushButton("Delete"))
        self.delete_button.clicked.connect(self.delete)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.addAction(undo)
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(undo)
        self.undo_button.setMinimumWidth(160)
        self.message = plain_label()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self._enable()

    def show_data(self, data: PortfolioData, profile: str | None) -> Any:
        """Fill the table; returns the portfolio table shown (for export)."""
        from airdrop_desk.portfolio import tables

        self._data = data
        table = tables.manual_table(data, profile)
        self._ids = [int(str(raw[0])) for raw in table.raw]
        model = self.table.model()
        assert isinstance(model, PortfolioTableModel)
        model.show(
            table.header,
            table.keys,
            len(table.rows),
            table.rows.__getitem__,
            table.flags.__getitem__,
            table.raw.__getitem__,
        )
        self.table.resizeColumnsToContents()
        self._enable()
        return table

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows and rows[0].row() < len(self._ids) else None

    def _enable(self) -> None:
        chosen = self._selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _profiles(self) -> list[tuple[int, str]]:
        profiles = self._data.profiles if self._data else {}
        return sorted(profiles.items(), key=lambda item: item[1].casefold())

    def _form(self, current: HoldingInput | None = None) -> HoldingInput | None:
        from airdrop_desk.ui.dialogs.holding_dialog import HoldingDialog

        dialog = HoldingDialog(self._profiles(), current, self)
        return dialog.value if self.ask(dialog) else None

    # -- the three changes -------------------------------------------------------------
    def add(self) -> None:
        from airdrop_desk.portfolio import holdings

        item = self._form()
        if item is not None:
            self.perform(f"Add {item.asset}", lambda repo: holdings.add(repo, item))

    def edit(self) -> None:
        from airdrop_desk.core.portfolio import HoldingInput
        from airdrop_desk.portfolio import holdings

        chosen = self._selected()
        found = next((m for m in self._data.manual if m.id == chosen), None) if self._data else None
        if found is None:
            return
        current = HoldingInput(found.asset, found.amount, found.place, found.profile_id)
        item = self._form(current)
        if item is not None and item != current:
            self.perform(f"Edit {item.asset}", lambda repo: holdings.edit(repo, found.id, item))

    def delete(self) -> None:
        from airdrop_desk.portfolio import holdings

        chosen = self._selected()
        if chosen is not None:
            self.perform(f"Delete #{chosen}", lambda repo: holdings.delete(repo, chosen))

    # -- running them ------------------------------------------------------------------
    def perform(self, text: str, operation: Any) -> None:
        self.undo_stack.push(_Command(self, text, operation))

    def _apply(self, command: _Command, first: bool) -> None:
        from airdrop_desk.portfolio import holdings

        def failed(error: BaseException) -> None:
            if first:  # nothing changed: nothing to undo
                command.setObsolete(True)
                stack = self.undo_stack
                if stack.index() > 0 and stack.command(stack.index() - 1) is command:
                    stack.undo()
            self.message.setText(str(error) or type(error).__name__)

        def done(_result: Any) -> None:
            self.message.setText("")
            self._changed()

        op = self._services.ops.database(self, lambda db: holdings.run(db, command.step))
        op.success(done).failure(failed).run()

"""One model style: every table, tree or list the user sees is a model shown in a view
(``ui/models/``, each run through Qt's model tester), never an item widget."""

from __future__ import annotations

import re
from pathlib import Path

import airdrop_desk

UI = Path(airdrop_desk.__file__).resolve().parent / "ui"
ITEM_WIDGETS = re.compile(r"\bQ(?:Table|Tree|List)Widget(?:Item)?\b")


def item_widget_uses(folder: Path) -> list[str]:
    return [
        f"{path.relative_to(folder).as_posix()}:{number}: {line.strip()}"
        for path in sorted(folder.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ITEM_WIDGETS.search(line)
    ]


def test_no_item_widget_is_left_in_the_ui() -> None:
    assert len(list(UI.rglob("*.py"))) > 50  # the whole ui package is read
    assert item_widget_uses(UI) == [], (
        "show tables, trees and lists as a model in ui/models/ (named COL_* columns and "
        "roles, checked with qtmodeltester) in a QTableView/QTreeView/QListView"
    )


def test_the_check_finds_an_item_widget(tmp_path: Path) -> None:
    (tmp_path / "view.py").write_text(
        "from PySide6.QtWidgets import QTreeWidget\nitem = QListWidgetItem('a')\n"
        "table = QTableView()  # a view is fine\n",
        encoding="utf-8",
    )
    assert item_widget_uses(tmp_path) == [
        "view.py:1: from PySide6.QtWidgets import QTreeWidget",
        "view.py:2: item = QListWidgetItem('a')",
    ]

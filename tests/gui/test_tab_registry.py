"""Project tabs come from one registry: a new tab is its view and one line there."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout
from tracking_helpers import open_window

from airdrop_desk.ui.views import tabs
from airdrop_desk.ui.views.project_tab import ProjectTab


class NotesTab(ProjectTab):
    """A per-profile tab made for this test: it says which project it follows."""

    def __init__(self, session: Any, docs: Any, parent: Any = None) -> None:
        super().__init__(session, docs, parent)
        self.label = QLabel()
        QVBoxLayout(self).addWidget(self.label)

    def _show_placeholder(self) -> None:
        self.label.setText("no project")
        self.loaded.emit()

    def _reader(self, profile_id: int, project: Any) -> Any:
        return lambda _repo: project.name.name

    def _show_data(self, data: Any) -> None:
        self.label.setText(f"Notes on {data}")
        self.loaded.emit()


def test_the_window_has_the_registered_tabs_with_their_shortcuts(qtbot, catalog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, catalog, tmp_path / "data")
    titles = [window.tabs.tabText(n) for n in range(window.tabs.count())]
    assert titles == ["Facts", "My checklist", "Points"]
    assert window.tabs.tabToolTip(1) == "Your tasks for this project with the current profile"
    actions = {a.text(): a.shortcut().toString() for a in window.menus["view"].actions()}
    assert actions["Go to &details"] == "Ctrl+D"
    assert actions["Go to my &checklist"] == "Ctrl+K"
    assert actions["Go to &points"] == "Ctrl+P"
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.tracking.points


def test_one_registry_line_adds_a_tab(  # type: ignore[no-untyped-def]
    qtbot, catalog, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tabs.Tab(
        "notes", "Notes", f"{__name__}:NotesTab", "Ctrl+Shift+N", "Go to &notes", "Your notes"
    )
    monkeypatch.setattr(tabs, "TABS", (*tabs.TABS, notes))
    window = open_window(qtbot, catalog, tmp_path / "data")
    assert window.tabs.tabText(3) == "Notes" and window.tabs.tabToolTip(3) == "Your notes"
    view = window.tracking.views["notes"]
    assert window.select_project("linea")
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.label.text() == "no project")  # no profile yet

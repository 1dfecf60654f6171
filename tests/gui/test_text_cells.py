"""The table's cached-text painter draws exactly what Qt's own delegate draws."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from airdrop_desk.ui.models.project_table import ProjectTableModel
from airdrop_desk.ui.widgets.progress_delegate import ProgressDelegate
from airdrop_desk.ui.widgets.text_cell_delegate import TextCellDelegate


def rendered(window) -> QImage:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    return window.table.viewport().grab().toImage()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 860], ids=["wide", "narrow-elided"])
def test_cells_match_qts_own_painting(make_window, theme: str, width: int) -> None:
    window = make_window(theme=theme)
    window.resize(width, 700)
    window.select_project("Scroll")
    window.table.setFocus()  # the current cell's focus frame is drawn too
    text_cells = window.table.itemDelegateForColumn(0)
    assert isinstance(text_cells, TextCellDelegate)
    assert isinstance(window.table.itemDelegateForColumn(ProjectTableModel.PROGRESS),
                      ProgressDelegate)
    ours = rendered(window)
    plain = QStyledItemDelegate(window.table)
    for column in range(ProjectTableModel.PROGRESS):
        window.table.setItemDelegateForColumn(column, plain)
    qts = rendered(window)
    assert ours.size() == qts.size()
    assert ours == qts


def test_long_text_is_elided_and_laid_out_once(make_window) -> None:
    window = make_window()
    window.resize(860, 700)
    text_cells = window.table.itemDelegateForColumn(0)
    rendered(window)
    laid_out = dict(text_cells._laid_out)
    assert any(static.text().endswith("…") for static, _w, _h in laid_out.values())
    rendered(window)  # a repaint reuses every layout
    assert text_cells._laid_out.keys() == laid_out.keys()
    assert all(text_cells._laid_out[key] is static for key, static in laid_out.items())

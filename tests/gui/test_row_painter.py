"""The table's one-pass painter draws exactly what Qt's own table painting draws."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QApplication

from airdrop_desk.core.tracking import Progress
from airdrop_desk.ui.models.project_table import ProjectTableModel
from airdrop_desk.ui.widgets.row_painter import RowPainter


def rendered(window) -> QImage:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    return window.table.viewport().grab().toImage()


def qts_own(window) -> QImage:  # type: ignore[no-untyped-def]
    """The same table painted by QTableView itself, with Qt's default delegate."""
    painter, window.table.row_painter = window.table.row_painter, None
    try:
        return rendered(window)
    finally:
        window.table.row_painter = painter


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 860], ids=["wide", "narrow-elided"])
def test_cells_match_qts_own_painting(make_window, theme: str, width: int) -> None:
    window = make_window(theme=theme)
    window.resize(width, 700)
    window.select_project("Scroll")
    window.table.setFocus()  # the current cell's focus frame is drawn too
    assert isinstance(window.table.row_painter, RowPainter)
    ours = rendered(window)
    qts = qts_own(window)
    assert ours.size() == qts.size()
    assert ours == qts


def test_long_text_is_elided_and_laid_out_once(make_window) -> None:
    window = make_window()
    window.resize(860, 700)
    painter = window.table.row_painter
    rendered(window)
    laid_out = dict(painter._laid_out)
    assert any(static.text().endswith("…") for static, _w, _h in laid_out.values())
    rendered(window)  # a repaint reuses every layout
    assert painter._laid_out.keys() == laid_out.keys()
    assert all(painter._laid_out[key] is static for key, static in laid_out.items())


def test_progress_column_scrolled_and_inactive_match_qts_own_painting(make_window) -> None:
    window = make_window(theme="dark")
    window.resize(900, 600)
    model = window.model
    ids = [model.project_at(row).id for row in range(model.rowCount())]
    window.model.set_progress(
        {
            ids[0]: Progress(2, 4, "in_progress"),
            ids[1]: Progress(3, 3, "done"),
            ids[2]: Progress(0, 5, "claimed"),
        }
    )
    header = window.table.horizontalHeader()
    header.setSectionHidden(ProjectTableModel.PROGRESS, False)
    window.table.setFocus()
    window.table.selectionModel().setCurrentIndex(
        model.index(1, ProjectTableModel.PROGRESS),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert rendered(window) == qts_own(window)  # focus frame on a Progress cell
    window.table.horizontalScrollBar().setValue(40)
    window.table.verticalScrollBar().setValue(3)
    assert rendered(window) == qts_own(window)
    window.table.clearFocus()
    other = make_window()  # takes the activation: the first window paints "inactive"
    other.show()
    assert not window.isActiveWindow()
    assert rendered(window) == qts_own(window)


def test_a_partial_repaint_matches_qts_own_painting(make_window) -> None:
    window = make_window()
    window.select_project("Scroll")
    window.table.setFocus()
    viewport = window.table.viewport()
    # A region cutting through rows and columns, as when one cell or a scrolled
    # strip is repainted; outside it both images keep their magenta.
    region = QRegion(QRect(50, 30, 250, 90)) + QRegion(QRect(400, 5, 30, 300))

    def painted() -> QImage:
        image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("magenta"))
        viewport.render(image, QPoint(), region)
        return image

    ours = painted()
    window.table.row_painter, painter = None, window.table.row_painter
    try:
        qts = painted()
    finally:
        window.table.row_painter = painter
    assert ours == qts
    assert ours.pixelColor(10, 10) == QColor("magenta")  # left alone outside the region
    assert ours.pixelColor(60, 40) != QColor("magenta")

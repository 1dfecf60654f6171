"""What the window looks like where it used to jump or overlap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracking_helpers import create_profile, open_window, tick, track


def test_toolbar_undo_keeps_its_width_and_progress_words_sit_beside_the_bar(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data")
    create_profile(qtbot, window, "Main")
    undo = window.tracking.undo_button
    width = undo.sizeHint().width()
    track(qtbot, window, "starknet")
    tick(qtbot, window, 0)
    view = window.tracking.checklist
    qtbot.waitUntil(lambda: view.progress.value() == 1)
    assert undo.isEnabled() and undo.text() == "Undo"
    assert undo.sizeHint().width() == width
    assert undo.toolTip().startswith("Undo ") and undo.toolTip().endswith("(Ctrl+Z)")
    assert not view.progress.isTextVisible()
    assert view.progress_label.text() == "1 of 4 done"
    bar, words = view.progress.geometry(), view.progress_label.geometry()
    assert not bar.intersects(words)


def test_at_1024_by_640_every_column_shows_and_a_status_is_whole(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot, catalog, tmp_path / "data", size=(1024, 640))
    create_profile(qtbot, window, "Main")
    table, model = window.table, window.model
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: not header.isSectionHidden(model.PROGRESS))
    status = model.COL["status"]
    right = header.sectionViewportPosition(status) + header.sectionSize(status)
    assert right <= table.viewport().width()  # not pushed off-screen
    needed = table.fontMetrics().horizontalAdvance("No airdrop confirmed")
    assert header.sectionSize(status) >= needed


def test_a_checked_tier_button_stands_out_in_the_dark(make_window: Any, qtbot: Any) -> None:
    window = make_window(theme="dark")
    window.complete()
    buttons = window.filter_bar.tier_buttons
    buttons["confirmed"].setChecked(True)

    def face(button: Any) -> Any:
        image = button.grab().toImage()
        return image.pixelColor(image.width() // 2, 2)

    on, off = face(buttons["confirmed"]), face(buttons["likely"])
    distance = sum(abs(a - b) for a, b in zip(on.getRgb()[:3], off.getRgb()[:3], strict=True))
    assert distance > 120, (on.name(), off.name())


def test_the_status_menu_arrow_keeps_clear_of_its_words(make_window: Any) -> None:
    window = make_window(returning=False)  # lands on "Farmable now": "Status: 4 chosen"
    button = window.filter_bar.choice_menus["statuses"]
    assert button.text() == "Status: 4 chosen"
    image = button.grab().toImage()
    face = image.pixelColor(image.width() // 2, 3).lightness()

    def inked(x: int) -> bool:  # any pixel well darker than the face, inside the frame
        return any(
            face - image.pixelColor(x, y).lightness() > 90 for y in range(3, image.height() - 3)
        )

    columns = [inked(x) for x in range(3, image.width() - 3)]
    groups, start = [], None  # runs of inked columns: the letters, then the arrow
    for x, ink in enumerate([*columns, False]):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            groups.append((start, x))
            start = None
    (_, text_end), (arrow_start, _) = groups[-2], groups[-1]
    assert arrow_start - text_end >= 3, groups


def test_the_profile_filters_show_their_words_where_the_window_has_room(
    qtbot: Any, catalog: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QComboBox

    window = open_window(qtbot, catalog, tmp_path / "data", size=(1024, 640))
    for combo in window.filter_bar._profile_combos:
        whole = QComboBox()  # the same words, as wide as they need
        whole.addItems([combo.itemText(i) for i in range(combo.count())])
        whole.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        assert combo.width() >= whole.sizeHint().width(), combo.currentText()
    assert window.filter_bar.search.width() >= 200

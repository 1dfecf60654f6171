"""The main window driven as a user would: typing, clicking, keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QSpinBox, QWidget
from tracking_helpers import had_the_landing

from airdrop_desk.ui.models.project_table import ProjectTableModel
from airdrop_desk.ui.widgets.project_table_view import NARRATIVES_MIN


def test_opens_with_every_project_and_the_first_selected(make_window, names) -> None:
    window = make_window()
    assert len(names(window)) == 26
    assert window.filter_bar.count.text() == "26 of 26 projects"
    assert window.detail.project is not None
    assert "Starknet" in window.detail.toPlainText()


def test_typing_a_garbled_name_finds_the_meant_project(make_window, qtbot, names) -> None:
    window = make_window()
    qtbot.keyClicks(window.filter_bar.search, "askec")
    # Aztec itself (its alias, so first), and Ten, which the article says competes
    # with "Askec"
    qtbot.waitUntil(lambda: names(window) == ["Aztec", "Ten"])
    assert window.filter_bar.count.text() == "2 of 26 projects"
    window.filter_bar.search.clear()
    qtbot.keyClicks(window.filter_bar.search, "tyco")
    qtbot.waitUntil(lambda: names(window) == ["Taiko", "Starknet", "Scroll", "Linea"])


def test_a_new_count_repaints_without_relaying_out_the_window(make_window, qtbot) -> None:
    window = make_window()
    search = window.filter_bar.search
    # The first letter brings the clear button: a relayout. Every text below matches few
    # enough projects to fit without a scroll bar, whose coming and going would relayout.
    qtbot.keyClicks(search, "z")
    qtbot.waitUntil(lambda: window.filter_bar.count.text() != "26 of 26 projects")
    # The first search also widens the Project column for the match hints and brings the
    # clear button; their posted relayouts may still be queued when the count has
    # changed. Let them land first: only what a new count does is watched below.
    qtbot.wait(300)
    QApplication.processEvents()
    layouts: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest:
                layouts.append(type(watched).__name__)
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        counts = set()
        for text in ("sc", "scr", "par", "pa", "zk"):  # 6, 4, 2, 3 and 6 projects
            search.setText(text)
            window.filter_bar._emit()
            QApplication.processEvents()
            counts.add(window.filter_bar.count.text())
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert len(counts) >= 3  # the count did change
    assert layouts == []


def test_search_covers_investors_and_competitors(make_window, qtbot, names) -> None:
    window = make_window()
    qtbot.keyClicks(window.filter_bar.search, "paradigm")
    qtbot.waitUntil(lambda: names(window) == ["Starknet"])
    window.filter_bar.search.clear()
    qtbot.keyClicks(window.filter_bar.search, "railgun")
    qtbot.waitUntil(lambda: set(names(window)) == {"Ten", "Aztec"})


def test_tier_toggles_score_and_pickers(make_window, qtbot, names) -> None:
    window = make_window()
    bar = window.filter_bar
    qtbot.mouseClick(bar.tier_buttons["likely"], Qt.MouseButton.LeftButton)
    likely = ["Scroll", "Linea", "Ten", "Avail", "Parcl", "Variational", "Polymarket", "OpenSea"]
    qtbot.waitUntil(lambda: names(window) == likely)
    bar.min_score.setValue(89)
    qtbot.waitUntil(lambda: names(window) == ["Scroll", "Linea", "Ten"])
    qtbot.mouseClick(bar.tier_buttons["likely"], Qt.MouseButton.LeftButton)
    bar.min_score.setValue(0)
    narrative = bar.pickers["narrative"]
    narrative.setCurrentIndex(narrative.findData("DePIN"))
    qtbot.waitUntil(lambda: names(window) == ["peaq"])
    assert bar.count.text() == "1 of 26 projects"
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(names(window)) == 26)
    assert not bar.reset_button.isEnabled()


def test_raised_range_and_points_program(make_window, qtbot, names) -> None:
    window = make_window()
    bar = window.filter_bar
    bar.raised_min.setValue(100)
    bar.raised_max.setValue(150)
    qtbot.waitUntil(lambda: set(names(window)) == {"Starknet", "LayerZero", "Scroll", "Aztec"})
    bar.reset()
    bar.has_points.setChecked(True)
    qtbot.waitUntil(lambda: len(names(window)) < 26)
    assert {"Scroll", "Linea", "Parcl", "Taiko"} <= set(names(window))
    assert "Starknet" not in names(window)


def test_no_match_shows_a_hint_instead_of_an_empty_table(make_window, qtbot) -> None:
    window = make_window()
    qtbot.keyClicks(window.filter_bar.search, "zzzz")
    qtbot.waitUntil(lambda: window.empty_hint.isVisible())
    assert not window.table.isVisible()
    assert window.filter_bar.count.text() == "0 of 26 projects"


def test_ctrl_f_focuses_search_and_escape_clears_it(make_window, qtbot, names) -> None:
    window = make_window()
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filter_bar.search.hasFocus())
    qtbot.keyClicks(window.filter_bar.search, "sequoia")
    qtbot.waitUntil(lambda: names(window) == ["Starknet", "Scroll"])
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(names(window)) == 26)
    assert window.filter_bar.search.text() == ""


def test_arrow_keys_move_and_the_pane_follows(make_window, qtbot) -> None:
    window = make_window()
    window.table.setFocus()
    assert window.detail.project.id == "starknet"
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.detail.project.id == "peaq"
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert "Dymension" in window.detail.toPlainText()
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    assert window.detail.project.id == "peaq"


def test_clicking_a_header_sorts(make_window, qtbot, names) -> None:
    window = make_window()
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().center().__class__(x, 5),
    )
    assert names(window)[:2] == ["Eclipse", "Starknet"]


def test_narratives_stay_readable_in_a_narrow_window(make_window, qtbot) -> None:
    window = make_window()
    table, header = window.table, window.table.horizontalHeader()
    narratives = ProjectTableModel.COL["narratives"]
    starknet = table.model().index(0, narratives)
    window.resize(800, 600)  # the table gets ~500 px: the narratives would be cut to a word
    qtbot.waitUntil(lambda: table.viewport().width() < 560)
    qtbot.waitUntil(lambda: header.sectionSize(narratives) >= NARRATIVES_MIN)
    assert table.model().data(starknet) == "ZK rollups, Layer 2"
    assert table.horizontalScrollBar().maximum() > 0  # the last columns are a scroll away
    window.resize(1280, 800)  # room again: the column stretches to fill the table
    qtbot.waitUntil(lambda: header.length() == table.viewport().width())
    assert header.sectionSize(narratives) > NARRATIVES_MIN
    assert table.horizontalScrollBar().maximum() == 0


def test_competitor_link_jumps_to_its_project(make_window, qtbot) -> None:
    window = make_window()
    assert window.select_project("starknet")
    html = window.detail.toHtml()
    assert 'href="project:linea"' in html
    window.detail.anchorClicked.emit(QUrl("project:linea"))
    assert window.detail.project.id == "linea"
    selected = window.table.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["Linea"]


def test_pane_shows_sources_conflicts_and_corrections(make_window) -> None:
    window = make_window()
    window.select_project("movement")
    text = window.detail.toPlainText()
    assert "Disclosed conflict of interest" in text and "Token Metrics Ventures" in text
    window.select_project("Arbitrum")
    text = window.detail.toPlainText()
    assert "The article says" in text and "$12.6 billion" in text and "1.7" in text
    window.select_project("Obscura")  # an alias selects the meant project
    assert window.detail.project.id == "ten"
    assert 'href="https://' in window.detail.toHtml()


def test_filters_geometry_and_splitter_survive_a_restart(
    make_window, qtbot, tmp_path, names
) -> None:
    data = tmp_path / "same"
    window = make_window(data)
    window.resize(790, 560)  # fits the 800x600 offscreen screen restoreGeometry clamps to
    window.splitter.setSizes([440, 350])
    sizes = window.splitter.sizes()
    qtbot.mouseClick(window.filter_bar.tier_buttons["possible"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.filter_bar.search, "zk")
    qtbot.waitUntil(lambda: set(names(window)) == {"Taiko", "Aztec", "ZKsync"})
    window.close()
    again = make_window(data)
    assert again.filter_bar.search.text() == "zk"
    assert again.filter_bar.tier_buttons["possible"].isChecked()
    assert set(names(again)) == {"Taiko", "Aztec", "ZKsync"}
    assert (again.width(), again.height()) == (790, 560)
    assert again.splitter.sizes() == sizes


def test_every_control_has_an_accessible_name(make_window) -> None:
    window = make_window()
    kinds = (QLineEdit, QAbstractButton, QComboBox, QSpinBox)
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(window)
        and w.parent() is not None
        and not w.objectName().startswith("qt_")
    ]
    assert len(controls) > 10
    unnamed = [
        f"{type(w).__name__}:{w.text() if hasattr(w, 'text') else ''}"
        for w in controls
        if not w.accessibleName()
    ]
    assert unnamed == []


def test_tab_reaches_every_control_from_the_keyboard(make_window) -> None:
    window = make_window()
    window.filter_bar.search.setFocus()
    seen = []
    widget = window.filter_bar.search
    for _ in range(40):
        seen.append(widget)
        widget = widget.nextInFocusChain()
        while not (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(window)
            and widget.isEnabled()
        ):
            widget = widget.nextInFocusChain()
        if widget is window.filter_bar.search:
            break
    bar = window.filter_bar
    wanted = [
        bar.search,
        *bar.tier_buttons.values(),
        bar.min_score,
        *bar.pickers.values(),
        bar.raised_min,
        bar.raised_max,
        bar.has_points,
        window.table,
        window.detail,
    ]
    missing = [w.accessibleName() for w in wanted if w not in seen]
    assert missing == []


def test_dark_scheme_gives_dark_window_and_readable_pane(make_window) -> None:
    window = make_window(theme="dark")
    palette = window.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 60
    assert palette.color(QPalette.ColorRole.Text).lightness() > 200
    assert window.detail.palette().color(QPalette.ColorRole.Base).lightness() < 60


def test_start_up_paints_the_catalog_first_then_completes(qtbot, catalog, tmp_path, names) -> None:
    from airdrop_desk.paths import Paths
    from airdrop_desk.ui.application import build_window, create_app

    create_app()
    paths = Paths(tmp_path / "data")
    had_the_landing(paths)
    window = build_window(catalog, paths, "light", details_now=False)
    qtbot.addWidget(window)
    painted: list[bool] = []
    window.table.first_painted.connect(lambda: painted.append(True))
    window.show()
    qtbot.waitUntil(lambda: painted == [True])
    # The first frame: the whole catalog, its filters and the menu bar's titles...
    assert len(names(window)) == 26
    assert window.filter_bar.count.text() == "26 of 26 projects"
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File",
        "&Edit",
        "&Project",
        "&View",
        "&Data",
        "&Help",
    ]
    assert window.switcher.combo.currentText() == "Opening…"
    # ...while the tabs and the menus' entries wait.
    assert not window.is_complete
    assert window.findChild(QWidget, "projectTabs") is None
    assert window.menus["view"].actions() == []
    assert not window.filter_bar.search.isClearButtonEnabled()  # shown with text only
    window.complete()
    assert window.filter_bar.search.isClearButtonEnabled()
    assert window.is_complete
    assert window.findChild(QWidget, "projectTabs") is window.tabs
    assert "Starknet" in window.detail.toPlainText()  # the selected project, shown at once
    view = [a.text() for a in window.menus["view"].actions() if a.text()]
    assert view[:2] == ["&Find…", "&Reset filters"]
    window.complete()  # once only
    assert [a.text() for a in window.menus["view"].actions() if a.text()] == view


def test_a_replaced_window_stops_following_the_colour_scheme(qtbot, catalog, tmp_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from airdrop_desk.paths import Paths
    from airdrop_desk.ui.application import build_window, create_app

    app = create_app()
    old = build_window(catalog, Paths(tmp_path / "data"), "auto")
    fresh = build_window(catalog, Paths(tmp_path / "data"), "auto")
    qtbot.addWidget(fresh)
    with qtbot.waitSignal(old.destroyed):
        old.deleteLater()
    # Qt tells every listener; the deleted window's must be gone (pytest-qt fails the
    # test on an exception raised in a slot), the live one refreshes its details.
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert "Starknet" in fresh.detail.toPlainText()

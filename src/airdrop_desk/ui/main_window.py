"""The main window: filter bar and project table on the left, project tabs on the right.

The right side holds the catalog facts and, per profile, "My checklist" and
"Points" (``window_tracking.TrackingUi``); the toolbar holds the profile switcher.

At start-up the window is built in two steps: first what shows the catalog (menu
bar, toolbar, filter bar, table), then — after that has painted — the tabs and
the menus' actions, with the modules they need (``complete``). The first step
touches no ``Qt`` namespace enum (see ``ui/qt_values.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.filters import FilterSpec, ProjectIndex, spec_from_json, spec_to_json
from airdrop_desk.ui import qt_values
from airdrop_desk.ui.models.project_table import ProjectTableModel
from airdrop_desk.ui.plain import plain_label
from airdrop_desk.ui.widgets.filter_bar import FARMABLE_SPEC, FilterBar
from airdrop_desk.ui.widgets.profile_switcher import ProfileSwitcher
from airdrop_desk.ui.widgets.project_table_view import (
    ProjectTableView,
    complete_table,
    make_project_table,
    show_origin_when_needed,
)

if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QTabWidget

    from airdrop_desk.catalog.sync import LoadedCatalog, ProjectDocs
    from airdrop_desk.core.allocations import ProjectEligibility
    from airdrop_desk.core.clock import Clock
    from airdrop_desk.core.tracking import Progress
    from airdrop_desk.ui.services import Services
    from airdrop_desk.ui.views.detail_pane import DetailPane
    from airdrop_desk.ui.window_tracking import TrackingUi


FILTER_DETAIL_DELAY_MS = 60
LANDED_KEY = "filters/landed"  # set once the window has opened on "Farmable now"
MENUS = (
    ("file", "&File"),
    ("edit", "&Edit"),
    ("project", "&Project"),
    ("view", "&View"),
    ("data", "&Data"),
    ("help", "&Help"),
)


class MainWindow(QMainWindow):
    """Catalog browser.

    Signals: ``data_loaded`` once the database is open and the window shows
    everything it will show (screenshots wait for it).
    Attributes: ``model``, ``table``, ``filter_bar``, ``menus`` (by key: file, edit,
    project, view, data, help), ``toolbar``, ``switcher``; once ``complete``: ``detail``,
    ``tabs`` (one per entry of ``ui.views.tabs.TABS``, in its order), ``tab_keys``,
    ``tracking`` (``checklist``, ``points``, ``session``), ``eligibility`` (keeps the
    Eligible column, filter and texts current).
    """

    data_loaded = Signal()
    detail: DetailPane
    tabs: QTabWidget
    tracking: TrackingUi

    def __init__(
        self,
        index: ProjectIndex,
        facets: dict[str, list[tuple[str, int]]],
        docs: ProjectDocs,
        state: QSettings,
        details_now: bool = True,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Airdrop Desk")
        self.setObjectName("mainWindow")
        self._index = index
        self._docs = docs
        self._clock = clock
        self._state = state
        self._completed = False
        self._detail_pending: str | None = None
        self._selecting = False
        self._detail_timer = QTimer(self, singleShot=True)
        self._detail_timer.timeout.connect(self._render_pending_details)
        if clock is not None:  # statuses as of the app's day, not the computer's
            index.set_today(clock().date())
        # Statuses move on with the date: look again just after each midnight.
        self._day_timer = QTimer(self, singleShot=True)
        self._day_timer.timeout.connect(self.check_day)
        self.services: Services | None = None  # the database's, once it opens on them
        self._reads = self._shown_read = 0  # reads of the rows begun, the last one shown
        self.owns_services = False
        self.model = ProjectTableModel(index, self)
        self.model.explain_with(docs.project)
        self.filter_bar = FilterBar(facets, len(index), self)
        self.filter_bar.count_with(index.facet_counts)
        # The Eligible filter shows once an allocation list concerns the profile (as its
        # column does): without lists it filters nothing and only widens the window.
        self.filter_bar.eligible.hide()
        self.table = self._make_table()
        self.empty_hint = plain_label("No project matches these filters. Press Reset to see all.")
        self.empty_hint.setProperty("alignment", qt_values.ALIGN_CENTER)
        self.empty_hint.setAccessibleName("No matching projects")
        self.empty_hint.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty_hint, 1)
        self.side = QWidget()  # the tabs go here once complete
        self.side.setObjectName("projectSide")
        self.side.setMinimumWidth(300)
        QVBoxLayout(self.side).setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        page = QVBoxLayout(central)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.filter_bar)
        page.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.storage_label = plain_label("Opening your data…")
        self.storage_label.setAccessibleName("Storage status")
        self.statusBar().addPermanentWidget(self.storage_label)
        self.menus: dict[str, QMenu] = {key: self.menuBar().addMenu(title) for key, title in MENUS}
        self.toolbar = QToolBar("Profile")
        self.toolbar.setObjectName("profileToolbar")
        self.toolbar.setMovable(False)
        self.switcher = ProfileSwitcher()
        self.toolbar.addWidget(self.switcher)
        self.addToolBar(self.toolbar)
        self.filter_bar.changed.connect(self.apply_filter)
        self.setTabOrder(self.filter_bar.reset_button, self.table)
        self._restore_state()
        if details_now:
            self.complete()

    @property
    def docs(self) -> ProjectDocs:
        """The whole projects of the shown rows (shared with the tabs)."""
        return self._docs

    @property
    def is_complete(self) -> bool:
        """Whether the tabs, per-profile views and menu actions exist yet."""
        return self._completed

    def complete(self) -> None:
        """Build the tabs, the per-profile views and the menus' actions, then show the
        selected project (start-up calls this after the first paint; once)."""
        if self._completed:
            return
        from airdrop_desk.ui.window_actions import add_window_actions
        from airdrop_desk.ui.window_tracking import TrackingUi

        complete_table(self.table, self.model)
        self.filter_bar.complete()
        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tracking = TrackingUi(
            self,
            self._docs,
            lambda: [r.id for r in self._index.rows],
            self.toolbar,
            self.switcher,
            self._clock,
        )
        self._build_tabs()
        session = self.tracking.session
        session.progress_changed.connect(self.set_progress)
        session.progress_changed.connect(lambda _p: self._update_tab_title())
        session.select_project.connect(self.select_project)
        session.ready.connect(self.data_loaded.emit)
        add_window_actions(self, self)
        self._build_tracking_views()
        from airdrop_desk.ui.eligibility_ui import EligibilityUi

        self.eligibility = EligibilityUi(session, lambda: [r.id for r in self._index.rows], self)
        self.eligibility.changed.connect(self.set_eligibility)

        from airdrop_desk.ui import focus_order
        from airdrop_desk.ui.theme import style_toggles

        focus_order.apply(self)
        style_toggles(self.filter_bar)
        self._completed = True
        self._show_details(self._detail_pending)

    # -- construction --------------------------------------------------------
    def _make_table(self) -> ProjectTableView:
        table = make_project_table(self.model)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        return table

    # -- behaviour -----------------------------------------------------------
    def apply_filter(self, spec: FilterSpec) -> None:
        current = self.current_id()
        self.model.set_filter(spec)
        shown = self.model.rowCount()
        self.filter_bar.show_count(shown, self.model.total())
        self.table.setVisible(shown > 0)
        self.empty_hint.setVisible(shown == 0)
        row = self.model.row_of(current) if current else None
        # While typing, the pane follows once the keystrokes pause: the table updates
        # at once, the rich text render waits.
        if row is not None:
            self._select_row(row, FILTER_DETAIL_DELAY_MS)
        elif shown:
            self._select_row(0, FILTER_DETAIL_DELAY_MS)
        else:
            self._show_details(None)

    def start_read(self) -> int:
        """A number for a read of the rows begun now, for ``show_catalog``."""
        self._reads += 1
        return self._reads

    def show_catalog(
        self,
        catalog: LoadedCatalog,
        select: str | None = None,
        index: ProjectIndex | None = None,
        read: int | None = None,
    ) -> bool:
        """Show ``catalog``'s rows in place (a project of yours was added, changed or
        removed, a feed applied or removed): same filters, sort and selection, or
        ``select`` when given. ``index``: one built over ``catalog.rows`` off the GUI
        thread; ``read``: its ``start_read`` number, so that a background read which
        began before the rows shown now is dropped (False). The pickers then offer the
        new rows' values."""
        read = self.start_read() if read is None else read
        if read < self._shown_read:
            return False
        self._shown_read = read
        current = select or self.current_id()
        day = self._index.today  # the app's day, not the computer's
        if index is None:
            index = ProjectIndex(catalog.rows, day)
        else:
            index.set_today(day)
        self._index = index
        self._docs.adopt(catalog.docs())
        if self._completed:
            index.set_my_status(
                {pid: p.status for pid, p in self.tracking.session.progress.items()}
            )
            seen = self.eligibility.current
            if seen:
                index.set_profile_values("eligible", {pid: e.status for pid, e in seen.items()})
        self.model.set_index(index)
        self.filter_bar.follow(len(index), index.facet_counts)
        show_origin_when_needed(self.table, self.model)
        self.apply_filter(self.model.spec)  # the model was reset: row 0 is selected
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self._select_row(row)
        elif select is not None and not self.select_project(select):
            return True
        shown = self.current_id()
        if self._completed and shown is not None:  # its facts may have changed too
            self.detail.show_project(shown)
            for view in self.tracking.views.values():
                view.show_project(shown)  # type: ignore[attr-defined]
        return True

    def current_day(self) -> dt.date:
        """The day the rows' statuses are for (the app's clock)."""
        return self._index.today

    def current_id(self) -> str | None:
        """The id of the selected project, if any."""
        index = self.table.selectionModel().currentIndex()
        return self.model.project_at(index.row()).id if index.isValid() else None

    def _build_tabs(self) -> None:
        """One tab per registry entry: the facts pane, then the per-profile views."""
        from PySide6.QtWidgets import QTabWidget

        from airdrop_desk.ui.views.tabs import TABS

        self.tracking.build_views()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectTabs")
        self.tabs.setDocumentMode(True)
        self.tab_keys: list[str] = []
        for tab in TABS:
            view = (
                self.tracking.views[tab.key]
                if tab.per_profile
                else tab.view_class()(self._docs, self)
            )
            index = self.tabs.addTab(view, tab.title)
            if tab.tip:
                self.tabs.setTabToolTip(index, tab.tip)
            self.tab_keys.append(tab.key)
        self.detail = self.tabs.widget(self.tab_keys.index("facts"))  # type: ignore[assignment]
        self.detail.status_day = lambda: self._index.today  # the table's day
        self.detail.project_link_activated.connect(self.select_project)
        layout = self.side.layout()
        assert layout is not None
        layout.addWidget(self.tabs)
        self.setTabOrder(self.table, self.tabs)
        tab = self._state.value("window/tab")
        if tab in self.tab_keys:
            self.tabs.setCurrentIndex(self.tab_keys.index(str(tab)))

    def _build_tracking_views(self) -> None:
        # The Progress column stays hidden until a profile is chosen, so its painter
        # (and the Qt style classes it needs) can wait for the first paint too.
        from airdrop_desk.ui.widgets.progress_delegate import ProgressDelegate

        self.table.setItemDelegateForColumn(
            ProjectTableModel.PROGRESS, ProgressDelegate(ProjectTableModel.ProgressRole, self.table)
        )

    def _show_details(self, project_id: str | None, delay_ms: int = 0) -> None:
        """Show ``project_id`` in the pane, now or after ``delay_ms`` (the last call wins)."""
        self._detail_pending = project_id
        if not self._completed:
            return
        if delay_ms:
            self._detail_timer.start(delay_ms)
            return
        self._detail_timer.stop()
        shown = self.detail.project
        if project_id is None or shown is None or shown.id != project_id:
            self.detail.show_project(project_id)
            for view in self.tracking.views.values():
                view.show_project(project_id)  # type: ignore[attr-defined]
            self._update_tab_title()

    def _update_tab_title(self) -> None:
        if not self._completed:
            return
        from airdrop_desk.ui.views.tabs import TABS

        shown = self.detail.project
        for index, tab in enumerate(TABS):
            title = getattr(self.tabs.widget(index), "tab_title", None)
            if title is not None:
                self.tabs.setTabText(index, title(tab.title, shown.id if shown else None))

    def show_tab(self, name: str) -> None:
        """Bring the Facts, My checklist or Points tab forward and focus its first control."""
        from airdrop_desk.ui.focus_order import first_control

        self.tabs.setCurrentIndex(self.tab_keys.index(name))
        view = self.tabs.currentWidget()
        (first_control(view) or view).setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def manage_profiles(self) -> None:
        self.tracking.manage_profiles()

    def set_progress(self, progress: dict[str, Progress]) -> None:
        """The current profile's progress: the Progress column and the "my status" filter."""
        self._index.set_my_status({pid: p.status for pid, p in progress.items()})
        self.model.set_progress(progress)
        self.table.horizontalHeader().setSectionHidden(
            ProjectTableModel.PROGRESS, self.tracking.session.profile is None
        )
        if self.model.spec.my_status:
            self.apply_filter(self.model.spec)

    def set_eligibility(self, seen: dict[str, ProjectEligibility]) -> None:
        """The current profile's eligibility: the Eligible column, its filter, the detail
        pane and the checklist header."""
        self._index.set_profile_values("eligible", {pid: e.status for pid, e in seen.items()})
        self.model.set_eligibility(seen)
        self.table.horizontalHeader().setSectionHidden(ProjectTableModel.ELIGIBLE, not seen)
        self.filter_bar.eligible.setVisible(bool(seen) or self.model.spec.eligible is not None)
        texts = {pid: e.summary() for pid, e in seen.items()}
        self.detail.set_eligibility(texts)
        self.tracking.checklist.set_eligibility(texts)  # type: ignore[union-attr]
        if self.model.spec.eligible:
            self.apply_filter(self.model.spec)

    def _render_pending_details(self) -> None:
        self._show_details(self._detail_pending)

    def select_project(self, key: str) -> bool:
        """Select a project by id, name or alias; clears filters hiding it."""
        project_id = self._find_id(key)
        if project_id is None:
            return False
        row = self.model.row_of(project_id)
        if row is None:
            self.filter_bar.reset()
            row = self.model.row_of(project_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def set_storage_ready(
        self, where: str, services: Services | None = None, owned: bool = False
    ) -> None:
        """The database is open on the ``services``' lane: the per-profile views fill in
        and ``data_loaded`` follows once they have. ``owned``: the window ends the
        services when it closes (a window with services of its own: tests, benchmarks)."""
        self.complete()
        self.storage_label.setText(f"Data: {where}")
        self.tracking.services = services
        if services is None:
            self.data_loaded.emit()
            return
        self.services, self.owns_services = services, owned
        self.tracking.start(services.ops)

    def shutdown_storage(self, end_services: bool = True) -> None:
        """Drop this window's later requests; pending writes finish on the lane. With
        ``end_services`` and services of its own, end them (the database closes)."""
        services, self.services = self.services, None
        if self._completed:
            self.tracking.session.detach()  # later requests are dropped, not queued
        if services is not None and self.owns_services and end_services:
            services.shutdown()

    def clear_search(self) -> None:
        """Esc: clear the search text; a second Esc clears every filter."""
        if self.filter_bar.search.text():
            self.filter_bar.search.clear()
        else:
            self.filter_bar.reset()

    def _find_id(self, key: str) -> str | None:
        wanted = key.casefold()
        for row in self._index.rows:
            if wanted in (n.casefold() for n in (row.id, row.name, *row.alias_list)):
                return row.id
        return None

    def _select_row(self, row: int, detail_delay_ms: int = 0) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self._selecting = True
        self.table.selectionModel().setCurrentIndex(index, flags)
        self._selecting = False
        self.table.scrollTo(index)
        self._show_details(self.model.project_at(row).id, detail_delay_ms)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:  # the user moved: follow at once
            self._show_details(self.model.project_at(current.row()).id)

    # -- remembered state ----------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self._state.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            # The table's columns, Progress and Status included, fit down to a 1024 px
            # window; the tabs keep room for a task title of some 35 characters.
            self.splitter.setSizes([780, 420])
        spec = spec_from_json(self._state.value("filters/last"))
        # A new user (or one who never chose filters) lands once on "Farmable now", as
        # soon as any project has something still to do; "All" goes back.
        if (
            spec.is_default()
            and self._state.value(LANDED_KEY) is None
            and any(row.status in FARMABLE_SPEC.statuses for row in self._index.rows)
        ):
            spec = FARMABLE_SPEC
            self._state.setValue(LANDED_KEY, True)
        self.filter_bar.set_spec(spec)
        self.apply_filter(self.filter_bar.spec())
        self._schedule_day_check()

    def _schedule_day_check(self) -> None:
        import datetime as dt

        from airdrop_desk.core.clock import now

        current = (self._clock or now)()
        midnight = dt.datetime.combine(current.date() + dt.timedelta(days=1), dt.time())
        wait = midnight.replace(tzinfo=current.tzinfo) - current
        self._day_timer.start(int(wait.total_seconds() * 1000) + 1000)

    def check_day(self) -> None:
        """The date changed while the window was open: each status as of the new day."""
        from airdrop_desk.core.clock import now

        if self._index.set_today((self._clock or now)().date()):
            self.model.rows_changed()
            self.apply_filter(self.model.spec)
            if self._completed and self.detail.project is not None:
                self.detail.refresh()
        self._schedule_day_check()

    def save_state(self) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/splitter", self.splitter.saveState())
        self._state.setValue("filters/last", spec_to_json(self.filter_bar.spec()))
        if self._completed:
            self._state.setValue("window/tab", self.tab_keys[self.tabs.currentIndex()])
        self._state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.shutdown_storage()
        super().closeEvent(event)

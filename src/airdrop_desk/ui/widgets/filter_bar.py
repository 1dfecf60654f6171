"""The filter bar above the project table, its controls built from ``core.fields``.

Each facet kind has one control: the text search box (SEARCH), a row of toggle
buttons (CHOICES; a button with a menu of check boxes when there are more than a
row holds), a combo box (PICK and PROFILE), a percentage box (MIN), two amount boxes
(RANGE) and a check box (TOGGLE). The top row holds the search, the choices and the
profile's status; the row below the rest, grouped by kind, each kind in the order
the fields are declared. A row above them holds the views: "Farmable now" shows in
one click the projects with something still to do, "All projects" every status
again, and the status menu any mix of statuses.

A picker's choices and counts follow the other filters: they are counted again when
the picker is about to be used (opened, focused or scrolled), not on every keystroke,
and a choice that would show no project is not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from airdrop_desk.core.fields import (
    CHOICES,
    FACETS,
    MIN,
    PICK,
    PROFILE,
    RANGE,
    SEARCH,
    TOGGLE,
    Facet,
    Field,
)
from airdrop_desk.core.filters import FilterSpec, backwards
from airdrop_desk.core.vocab import FARMABLE, STATUS_LABELS
from airdrop_desk.ui import qt_values
from airdrop_desk.ui.plain import plain_label

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent

PickerValues = list[tuple[str, int]]
#: Counts a picker's choices: (the filters shown, the picker's filter key) -> choices.
PickerCounter = Callable[[FilterSpec, str], PickerValues]

# Large catalogs re-filter at most this often while typing; small ones at once.
DEBOUNCE_MS_LARGE = 80
LARGE_CATALOG = 5_000
# The pickers share this much of the window's minimum width, however many there are,
# so a new picker does not make the window wider at its smallest.
PICKERS_MIN_WIDTH = 258
# Choices beyond this many go in a menu instead of a row of buttons.
CHOICE_BUTTONS_MAX = 5
INSTANT_POPUP = 2  # QToolButton::InstantPopup, as a plain int before the first paint
#: The "Farmable now" view: the statuses with something still to do.
FARMABLE_SPEC = FilterSpec(statuses=FARMABLE)


class SearchField(QLineEdit):
    """The search box; Esc clears its text, or passes on to reset filters when empty."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class Picker(QComboBox):
    """A combo box whose choices are brought up to date (``before_use``) just before
    the user can change it: when its list opens, it takes focus or a wheel turns it."""

    def __init__(self) -> None:
        super().__init__()
        self.before_use: Callable[[], None] = lambda: None

    def showPopup(self) -> None:
        self.before_use()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.before_use()
        super().focusInEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.before_use()
        super().wheelEvent(event)


class FilterBar(QWidget):
    """Search box, tier toggles and facet pickers; emits ``changed(FilterSpec)``.

    Signals: ``changed`` whenever the spec differs from the last one emitted.
    Attributes: ``search``, ``tier_buttons`` (by tier), ``pickers`` (combo boxes by
    filter key), ``count``, ``reset_button``, ``choice_menus`` (menu buttons by filter
    key, for choices too many for a row: ``statuses``), ``status_actions`` (the status
    menu's check boxes by status), ``farmable_button`` and ``all_button``,
    ``range_notes`` (by range key: says a range entered backwards was read the other way
    round); every other control is also an attribute named by its filter key
    (``min_score``, ``raised_min``, ...). Pickers count their choices within the other
    filters once ``count_with`` gives them a counter; until then they offer the
    catalog's choices.
    """

    changed = Signal(object)

    def __init__(
        self,
        facets: dict[str, list[tuple[str, int]]],
        catalog_size: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._emitted = FilterSpec()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._emit)
        self.tier_buttons: dict[str, QToolButton] = {}
        self.pickers: dict[str, QComboBox] = {}
        self.range_notes: dict[str, QLabel] = {}
        self._counter: PickerCounter | None = None
        self._counted: dict[str, FilterSpec] = {}  # per picker: the filters it counted in
        self.choice_menus: dict[str, QToolButton] = {}
        # Per control: read its value(s) into a dict of spec values, show a spec.
        self._reads: list[Callable[[dict[str, Any]], None]] = []
        self._shows: list[Callable[[FilterSpec], None]] = []
        self._top: list[QWidget | QHBoxLayout] = []
        self._views: list[QWidget | QHBoxLayout] = []  # a row of its own, above the search
        self._profile_combos: list[QComboBox] = []
        self._below: dict[str, list[QWidget]] = {MIN: [], PICK: [], RANGE: [], TOGGLE: []}
        for field, facet in FACETS:
            _BUILD[facet.kind](self, field, facet, facets.get(facet.key, []))

        self.count = plain_label()
        self.count.setAccessibleName("Projects shown")
        self.count.setObjectName("projectCount")
        self._fit_count(catalog_size)
        self.count.setProperty("alignment", qt_values.ALIGN_RIGHT_VCENTER)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setAccessibleName("Reset all filters")
        self.reset_button.setToolTip("Clear every filter (Ctrl+R)")
        self.reset_button.clicked.connect(self.reset)

        shared = list(self.pickers.values())
        for combo in shared:
            combo.setMinimumWidth(max(56, PICKERS_MIN_WIDTH // len(shared)))
        self._lay_out()

    def _fit_count(self, catalog_size: int) -> None:
        # A fixed size that fits the longest count of this catalog: a changing count then
        # repaints the label alone instead of re-laying out the whole window per keystroke
        # (Qt skips the relayout only for a widget whose size cannot change).
        longest = f"{catalog_size:,} of {catalog_size:,} projects"
        metrics = self.count.fontMetrics()
        self.count.setFixedSize(metrics.horizontalAdvance(longest) + 4, metrics.height() + 4)
        self._timer.setInterval(DEBOUNCE_MS_LARGE if catalog_size >= LARGE_CATALOG else 0)

    def follow(self, catalog_size: int, counter: PickerCounter) -> None:
        """The window shows other rows now (a project of yours, a feed): the count fits
        their number, and each picker offers their values the next time it is used."""
        self._fit_count(catalog_size)
        self.count_with(counter)

    def complete(self) -> None:
        """After the first paint: the search box's clear button (it shows only once
        there is text, and its icon is looked up in the icon theme)."""
        self.search.setClearButtonEnabled(True)

    # -- one control per facet kind ---------------------------------------------
    def _search(self, _field: Field, facet: Facet, _values: object) -> None:
        self.search = SearchField(placeholderText="Search names, aliases, narratives, investors…")
        self.search.setAccessibleName("Search projects")
        self.search.textChanged.connect(self._schedule)
        self._top.append(self.search)
        self._reads.append(lambda spec: spec.update({facet.key: self.search.text().strip()}))
        self._shows.append(lambda spec: self.search.setText(getattr(spec, facet.key)))

    def _choices(self, field: Field, facet: Facet, values: object) -> None:
        if len(facet.choices or {}) > CHOICE_BUTTONS_MAX:
            self._choice_menu(field, facet)
            return
        buttons: dict[str, QToolButton] = {}
        group = QHBoxLayout()
        group.setSpacing(0)
        for value, label in (facet.choices or {}).items():
            button = QToolButton(text=label.replace(" airdrop", ""), checkable=True)
            button.setAccessibleName(f"Show only {label.lower()} projects")
            button.setToolTip(f"Show {label.lower()} projects (toggle several)")
            button.setProperty("focusPolicy", qt_values.STRONG_FOCUS)  # clicks focus it too
            button.toggled.connect(self._schedule)
            buttons[value] = button
            group.addWidget(button)
        if facet.key == "tiers":
            self.tier_buttons = buttons
        self._top.append(group)

        def read(spec: dict[str, Any]) -> None:
            spec[facet.key] = frozenset(v for v, b in buttons.items() if b.isChecked())

        def show(spec: FilterSpec) -> None:
            chosen = getattr(spec, facet.key)
            for value, button in buttons.items():
                button.setChecked(value in chosen)

        self._reads.append(read)
        self._shows.append(show)

    def _choice_menu(self, field: Field, facet: Facet) -> None:
        """Several of many choices: a button whose menu holds a check box per choice."""
        choices = facet.choices or {}
        button = QToolButton()
        button.setProperty("popupMode", INSTANT_POPUP)
        button.setAccessibleName(f"{field.label} filter")
        button.setToolTip(f"Show projects with these {facet.name} values (tick several)")
        button.setProperty("focusPolicy", qt_values.STRONG_FOCUS)
        menu = QMenu(button)
        actions = {}
        for value, label in choices.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(self._schedule)
            actions[value] = action
        button.setMenu(menu)
        self.choice_menus[facet.key] = button
        if facet.key == "statuses":
            self.status_actions = actions
            group = QHBoxLayout()
            group.setSpacing(0)
            self._farmable_buttons(group)
            self._views.append(group)
        self._views.append(button)

        def caption() -> None:
            chosen = [label for v, label in choices.items() if actions[v].isChecked()]
            shown = chosen[0] if len(chosen) == 1 else f"{len(chosen)} chosen" if chosen else "any"
            button.setText(f"{field.label}: {shown}")

        def read(spec: dict[str, Any]) -> None:
            spec[facet.key] = frozenset(v for v, a in actions.items() if a.isChecked())

        def show(spec: FilterSpec) -> None:
            chosen = getattr(spec, facet.key)
            for value, action in actions.items():
                action.setChecked(value in chosen)
            caption()

        for action in actions.values():
            action.toggled.connect(caption)
        caption()
        self._reads.append(read)
        self._shows.append(show)

    def _farmable_buttons(self, group: QHBoxLayout) -> None:
        """ "All" and "Farmable now": every status, or those with something still to do."""
        self.all_button = QToolButton(text="All projects", checkable=True)
        self.all_button.setAccessibleName("Show projects of every status")
        self.all_button.setToolTip("Show every project, whatever its status")
        self.farmable_button = QToolButton(text="Farmable now", checkable=True)
        self.farmable_button.setAccessibleName("Show farmable projects")
        labels = [STATUS_LABELS[s].lower() for s in STATUS_LABELS if s in FARMABLE]
        self.farmable_button.setToolTip(
            f"Projects with something still to do: {', '.join(labels[:-1])} or {labels[-1]}"
        )
        for button in (self.all_button, self.farmable_button):
            button.setProperty("focusPolicy", qt_values.STRONG_FOCUS)
            group.addWidget(button)
        self.all_button.clicked.connect(lambda: self._set_statuses(frozenset()))
        self.farmable_button.clicked.connect(lambda: self._set_statuses(FARMABLE))
        self._shows.append(self._show_view_buttons)

    def _set_statuses(self, statuses: frozenset[str]) -> None:
        self.set_spec(self.spec().with_(statuses=statuses))

    def _show_view_buttons(self, spec: FilterSpec) -> None:
        self.all_button.setChecked(not spec.statuses)
        self.farmable_button.setChecked(spec.statuses == FARMABLE)

    def show_farmable(self) -> None:
        """The "Farmable now" view: only the status filter changes."""
        self._set_statuses(FARMABLE)

    def _combo(self, facet: Facet, any_text: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_text, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setAccessibleName(f"{facet.name.capitalize()} filter")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self._schedule)
        setattr(self, facet.key, combo)
        self._reads.append(lambda spec: spec.update({facet.key: combo.currentData()}))
        self._shows.append(
            lambda spec: combo.setCurrentIndex(max(combo.findData(getattr(spec, facet.key)), 0))
        )
        return combo

    def _profile(self, _field: Field, facet: Facet, _values: object) -> None:
        choices = facet.choices or {}
        combo = self._combo(
            facet, f"{facet.name.capitalize()}: any", [(v, k) for k, v in choices.items()]
        )
        combo.setMinimumContentsLength(8)
        labels = [label.lower() for label in choices.values()]
        combo.setToolTip(
            f"Your {facet.name} with the current profile: {', '.join(labels[:-1])} or {labels[-1]}"
        )
        # Beside the search, all of them: the row of pickers below is the widest one, and
        # what the profile says of a project reads best together.
        combo.setMinimumContentsLength(2)  # its choices show in full once opened
        # Two letters wide on an 800 px screen; where the window has room it grows with
        # the search (a share of the room, see _lay_out) up to its words in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(combo.sizeHint().width())
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._top.append(combo)
        self._profile_combos.append(combo)

    def _pick(self, _field: Field, facet: Facet, values: PickerValues) -> None:
        combo = Picker()
        combo.setAccessibleName(f"{facet.name.capitalize()} filter")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._fill(combo, facet, values)
        combo.currentIndexChanged.connect(self._schedule)
        combo.before_use = lambda: self._recount(facet)
        setattr(self, facet.key, combo)
        self._reads.append(lambda spec: spec.update({facet.key: combo.currentData()}))
        self._shows.append(lambda spec: self._pick_value(combo, facet, getattr(spec, facet.key)))
        combo.setMinimumContentsLength(5)
        combo.setMaximumWidth(280)
        self.pickers[facet.key] = combo
        self._below[PICK].append(combo)

    @staticmethod
    def _fill(combo: QComboBox, facet: Facet, values: PickerValues) -> None:
        combo.addItem(f"Any {facet.name}", None)
        for value, count in values:
            combo.addItem(f"{value} ({count})", value)

    @staticmethod
    def _pick_value(combo: QComboBox, facet: Facet, value: str | None) -> None:
        """Show ``value``, or the entry naming the same thing ("Dragonfly" for "Dragonfly
        Capital"); "Any" when the picker has neither."""
        found = combo.findData(value)
        if found < 0 and value is not None:
            from airdrop_desk.core.filters import same_pick

            found = next(
                (
                    i
                    for i in range(1, combo.count())
                    if same_pick(facet.key, combo.itemData(i), value)
                ),
                0,
            )
        combo.setCurrentIndex(max(found, 0))

    def count_with(self, counter: PickerCounter) -> None:
        """Count each picker's choices with ``counter`` within the other filters."""
        self._counter = counter
        self._counted.clear()

    def _recount(self, facet: Facet) -> None:
        """Offer ``facet``'s choices as counted within the filters shown now (once per
        change of filters): only those that show a project, and the one chosen."""
        spec = self.spec()
        if self._counter is None or self._counted.get(facet.key) == spec:
            return
        if not any(getattr(spec, fc.key) for _, fc in FACETS if fc.kind == PROFILE):
            self._counted[facet.key] = spec  # a profile's statuses change under the same spec
        values = self._counter(spec, facet.key)
        chosen = getattr(spec, facet.key)
        if chosen is not None and chosen not in (v for v, _n in values):
            values = [(chosen, 0), *values]  # what is chosen stays shown, however many
        combo = self.pickers[facet.key]
        combo.blockSignals(True)
        combo.clear()
        self._fill(combo, facet, values)
        self._pick_value(combo, facet, chosen)
        combo.blockSignals(False)

    def _min(self, field: Field, facet: Facet, _values: object) -> None:
        box = QSpinBox(minimum=0, maximum=100, suffix="%")
        box.setSpecialValueText("any")
        box.setAccessibleName(f"Minimum {facet.name}")
        box.valueChanged.connect(self._schedule)
        setattr(self, facet.key, box)
        self._below[MIN] += [self._label(f"{field.label} ≥", box), box]
        self._reads.append(lambda spec: spec.update({facet.key: box.value() or None}))
        self._shows.append(lambda spec: box.setValue(getattr(spec, facet.key) or 0))

    def _range(self, field: Field, facet: Facet, _values: object) -> None:
        low_key, high_key = facet.filter_keys()
        low = self._money_box(facet, low_key, f"{field.label} at least, in million USD", "min")
        high = self._money_box(facet, high_key, f"{field.label} at most, in million USD", "max")
        note = plain_label()
        note.setObjectName("rangeNote")
        note.setAccessibleName(f"{field.label} range note")
        note.hide()
        self.range_notes[facet.key] = note
        self._below[RANGE] += [self._label(field.label, low), low, plain_label("to"), high, note]

    def _money_box(self, facet: Facet, key: str, name: str, which: str) -> QSpinBox:
        box = QSpinBox(minimum=0, maximum=100_000, prefix="$", suffix="M")
        box.setSpecialValueText(which)
        box.setMinimumWidth(70)
        box.setAccessibleName(name)
        box.valueChanged.connect(self._schedule)
        setattr(self, key, box)
        unit = facet.unit
        self._reads.append(lambda spec: spec.update({key: box.value() * unit or None}))
        self._shows.append(lambda spec: box.setValue((getattr(spec, key) or 0) // unit))
        return box

    def _toggle(self, field: Field, facet: Facet, _values: object) -> None:
        box = QCheckBox(field.label)
        box.setAccessibleName(f"Only projects with a {facet.name}")
        box.toggled.connect(self._schedule)
        setattr(self, facet.key, box)
        self._below[TOGGLE].append(box)
        # The box offers "only with"; a spec asking for "only without" (the command
        # line can) shows as unchecked.
        self._reads.append(lambda spec: spec.update({facet.key: box.isChecked() or None}))
        self._shows.append(lambda spec: box.setChecked(getattr(spec, facet.key) is True))

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(6)
        for item in self._top:
            if isinstance(item, QHBoxLayout):
                top.addLayout(item)
            else:
                # The room beyond each one's least: most to the search, some to the
                # profile's filters until their words show in full.
                stretch = 2 if item is self.search else int(item in self._profile_combos)
                top.addWidget(item, stretch)
        top.addSpacing(6)
        top.addWidget(self.count)
        top.addWidget(self.reset_button)

        facets = QHBoxLayout()
        facets.setSpacing(6)
        for kind in (MIN, PICK, RANGE, TOGGLE):
            for widget in self._below[kind]:
                facets.addWidget(widget, 1 if kind == PICK else 0)
        facets.addStretch(0)

        views = QHBoxLayout()
        views.setSpacing(6)
        for item in self._views:
            if isinstance(item, QHBoxLayout):
                views.addLayout(item)
            else:
                views.addWidget(item)
        views.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 4)
        column.setSpacing(6)
        if self._views:
            column.addLayout(views)
        column.addLayout(top)
        column.addLayout(facets)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = plain_label(text)
        label.setBuddy(buddy)
        return label

    # -- state ----------------------------------------------------------------
    def spec(self) -> FilterSpec:
        return FilterSpec(**self._values())

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for read in self._reads:
            read(values)
        return values

    def _note_ranges(self, values: dict[str, Any]) -> None:
        """Say so beside a range entered backwards (it filters the other way round)."""
        turned = {facet.key: facet for facet in backwards(values)}
        for key, note in self.range_notes.items():
            facet = turned.get(key)
            if facet is None:
                note.hide()
                continue
            low, high = sorted(values[k] // facet.unit for k in facet.filter_keys())
            note.setText(f"read as ${low:,}M to ${high:,}M")
            note.setToolTip(
                f"The {facet.name} range was entered with its larger amount first; "
                "it shows the projects between the two amounts"
            )
            note.show()

    def set_spec(self, spec: FilterSpec) -> None:
        """Show ``spec`` in the controls (values no longer offered are dropped)."""
        self.blockSignals(True)
        for show in self._shows:
            show(spec)
        self.blockSignals(False)
        self._emit()

    def reset(self) -> None:
        self.set_spec(FilterSpec())

    def show_count(self, shown: int, total: int) -> None:
        noun = "project" if total == 1 else "projects"
        self.count.setText(f"{shown:,} of {total:,} {noun}")
        self.reset_button.setEnabled(not self.spec().is_default())

    def _schedule(self) -> None:
        self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        values = self._values()
        if self.range_notes:
            self._note_ranges(values)
        spec = FilterSpec(**values)
        if hasattr(self, "farmable_button"):
            self._show_view_buttons(spec)
        if spec != self._emitted:
            self._emitted = spec
            self.changed.emit(spec)


_Build = Callable[[FilterBar, Field, Facet, list[tuple[str, int]]], None]
_BUILD: dict[str, _Build] = {
    SEARCH: FilterBar._search,
    CHOICES: FilterBar._choices,
    PROFILE: FilterBar._profile,
    PICK: FilterBar._pick,
    MIN: FilterBar._min,
    RANGE: FilterBar._range,
    TOGGLE: FilterBar._toggle,
}

"""The filter bar above the project table, its controls built from ``core.fields``.

Each facet kind has one control: the text search box (SEARCH), a row of toggle
buttons (CHOICES), a combo box (PICK and PROFILE), a percentage box (MIN), two
amount boxes (RANGE) and a check box (TOGGLE). The top row holds the search, the
choices and the profile's status; the row below the rest, grouped by kind, each
kind in the order the fields are declared.
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
from airdrop_desk.core.filters import FilterSpec
from airdrop_desk.ui import qt_values

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

# Large catalogs re-filter at most this often while typing; small ones at once.
DEBOUNCE_MS_LARGE = 80
LARGE_CATALOG = 5_000
# The pickers share this much of the window's minimum width, however many there are,
# so a new picker does not make the window wider at its smallest.
PICKERS_MIN_WIDTH = 258


class SearchField(QLineEdit):
    """The search box; Esc clears its text, or passes on to reset filters when empty."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    """Search box, tier toggles and facet pickers; emits ``changed(FilterSpec)``.

    Signals: ``changed`` whenever the spec differs from the last one emitted.
    Attributes: ``search``, ``tier_buttons`` (by tier), ``pickers`` (combo boxes by
    filter key), ``count``, ``reset_button``; every other control is also an attribute
    named by its filter key (``min_score``, ``raised_min``, ``has_points``, ...).
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
        self._timer.setInterval(DEBOUNCE_MS_LARGE if catalog_size >= LARGE_CATALOG else 0)
        self._timer.timeout.connect(self._emit)
        self.tier_buttons: dict[str, QToolButton] = {}
        self.pickers: dict[str, QComboBox] = {}
        # Per control: read its value(s) into a dict of spec values, show a spec.
        self._reads: list[Callable[[dict[str, Any]], None]] = []
        self._shows: list[Callable[[FilterSpec], None]] = []
        self._top: list[QWidget | QHBoxLayout] = []
        self._profile_combos: list[QComboBox] = []
        self._below: dict[str, list[QWidget]] = {MIN: [], PICK: [], RANGE: [], TOGGLE: []}
        for field, facet in FACETS:
            _BUILD[facet.kind](self, field, facet, facets.get(facet.key, []))

        self.count = QLabel()
        self.count.setAccessibleName("Projects shown")
        self.count.setObjectName("projectCount")
        # A fixed size that fits the longest count of this catalog: a changing count then
        # repaints the label alone instead of re-laying out the whole window per keystroke
        # (Qt skips the relayout only for a widget whose size cannot change).
        longest = f"{catalog_size:,} of {catalog_size:,} projects"
        metrics = self.count.fontMetrics()
        self.count.setFixedSize(metrics.horizontalAdvance(longest) + 4, metrics.height() + 4)
        self.count.setProperty("alignment", qt_values.ALIGN_RIGHT_VCENTER)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setAccessibleName("Reset all filters")
        self.reset_button.setToolTip("Clear every filter (Ctrl+R)")
        self.reset_button.clicked.connect(self.reset)

        shared = [*self.pickers.values(), *self._profile_combos[1:]]
        for combo in shared:
            combo.setMinimumWidth(max(56, PICKERS_MIN_WIDTH // len(shared)))
        self._lay_out()

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

    def _choices(self, _field: Field, facet: Facet, _values: object) -> None:
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
        if self._profile_combos:  # the first beside the search, later ones with the pickers
            combo.setMinimumContentsLength(5)
            self._below[PICK].append(combo)
        else:
            self._top.append(combo)
        self._profile_combos.append(combo)

    def _pick(self, _field: Field, facet: Facet, values: list[tuple[str, int]]) -> None:
        combo = self._combo(facet, f"Any {facet.name}", [(f"{v} ({n})", v) for v, n in values])
        combo.setMinimumContentsLength(5)
        combo.setMaximumWidth(280)
        self.pickers[facet.key] = combo
        self._below[PICK].append(combo)

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
        self._below[RANGE] += [self._label(field.label, low), low, QLabel("to"), high]

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
                top.addWidget(item, 1 if item is self.search else 0)
        top.addSpacing(6)
        top.addWidget(self.count)
        top.addWidget(self.reset_button)

        facets = QHBoxLayout()
        facets.setSpacing(6)
        for kind in (MIN, PICK, RANGE, TOGGLE):
            for widget in self._below[kind]:
                facets.addWidget(widget, 1 if kind == PICK else 0)
        facets.addStretch(0)

        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 4)
        column.setSpacing(6)
        column.addLayout(top)
        column.addLayout(facets)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- state ----------------------------------------------------------------
    def spec(self) -> FilterSpec:
        values: dict[str, Any] = {}
        for read in self._reads:
            read(values)
        return FilterSpec(**values)

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
        spec = self.spec()
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

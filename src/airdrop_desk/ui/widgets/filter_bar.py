"""The filter bar above the project table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

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

from airdrop_desk.core.filters import FilterSpec
from airdrop_desk.core.tracking_vocab import MY_STATUSES
from airdrop_desk.core.vocab import TIER_LABELS, TIERS
from airdrop_desk.ui import qt_values

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

MILLION = 1_000_000
# Large catalogs re-filter at most this often while typing; small ones at once.
DEBOUNCE_MS_LARGE = 80
LARGE_CATALOG = 5_000


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

        self.search = SearchField(placeholderText="Search names, aliases, narratives, investors…")
        self.search.setAccessibleName("Search projects")
        self.search.textChanged.connect(self._schedule)

        self.tier_buttons: dict[str, QToolButton] = {}
        for tier in TIERS:
            button = QToolButton(text=TIER_LABELS[tier].replace(" airdrop", ""), checkable=True)
            button.setAccessibleName(f"Show only {TIER_LABELS[tier].lower()} projects")
            button.setToolTip(f"Show {TIER_LABELS[tier].lower()} projects (toggle several)")
            button.setProperty("focusPolicy", qt_values.STRONG_FOCUS)  # clicks focus it too
            button.toggled.connect(self._schedule)
            self.tier_buttons[tier] = button

        self.min_score = QSpinBox(minimum=0, maximum=100, suffix="%")
        self.min_score.setSpecialValueText("any")
        self.min_score.setAccessibleName("Minimum score")
        self.min_score.valueChanged.connect(self._schedule)

        self.pickers: dict[str, QComboBox] = {}
        for key, label in (
            ("narrative", "narrative"),
            ("ecosystem", "ecosystem"),
            ("investor", "investor"),
        ):
            combo = QComboBox()
            combo.addItem(f"Any {label}", None)
            for value, count in facets.get(key, []):
                combo.addItem(f"{value} ({count})", value)
            combo.setAccessibleName(f"{label.capitalize()} filter")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(5)
            combo.setMinimumWidth(86)
            combo.setMaximumWidth(280)
            combo.currentIndexChanged.connect(self._schedule)
            self.pickers[key] = combo

        self.raised_min = self._money_box("Raised at least, in million USD", "min")
        self.raised_max = self._money_box("Raised at most, in million USD", "max")
        self.has_points = QCheckBox("Points program")
        self.has_points.setAccessibleName("Only projects with a points program")
        self.has_points.toggled.connect(self._schedule)
        self.my_status = QComboBox()
        self.my_status.addItem("My status: any", None)
        for key, label in MY_STATUSES.items():
            self.my_status.addItem(label, key)
        self.my_status.setAccessibleName("My status filter")
        self.my_status.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.my_status.setMinimumContentsLength(8)
        self.my_status.setToolTip(
            "Your status with the current profile: not tracked, in progress, done or claimed"
        )
        self.my_status.currentIndexChanged.connect(self._schedule)

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

        self._lay_out()

    def complete(self) -> None:
        """After the first paint: the search box's clear button (it shows only once
        there is text, and its icon is looked up in the icon theme)."""
        self.search.setClearButtonEnabled(True)

    def _money_box(self, name: str, which: str) -> QSpinBox:
        box = QSpinBox(minimum=0, maximum=100_000, prefix="$", suffix="M")
        box.setSpecialValueText(which)
        box.setMinimumWidth(70)
        box.setAccessibleName(name)
        box.valueChanged.connect(self._schedule)
        return box

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        tiers = QHBoxLayout()
        tiers.setSpacing(0)
        for button in self.tier_buttons.values():
            tiers.addWidget(button)
        top.addLayout(tiers)
        top.addWidget(self.my_status)
        top.addSpacing(6)
        top.addWidget(self.count)
        top.addWidget(self.reset_button)

        facets = QHBoxLayout()
        facets.setSpacing(6)
        facets.addWidget(self._label("Score ≥", self.min_score))
        facets.addWidget(self.min_score)
        for combo in self.pickers.values():
            facets.addWidget(combo, 1)
        facets.addWidget(self._label("Raised", self.raised_min))
        facets.addWidget(self.raised_min)
        facets.addWidget(QLabel("to"))
        facets.addWidget(self.raised_max)
        facets.addWidget(self.has_points)
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
        def money(box: QSpinBox) -> int | None:
            return box.value() * MILLION if box.value() else None

        return FilterSpec(
            text=self.search.text().strip(),
            tiers=frozenset(t for t, b in self.tier_buttons.items() if b.isChecked()),
            min_score=self.min_score.value() or None,
            narrative=self.pickers["narrative"].currentData(),
            ecosystem=self.pickers["ecosystem"].currentData(),
            investor=self.pickers["investor"].currentData(),
            raised_min=money(self.raised_min),
            raised_max=money(self.raised_max),
            has_points=self.has_points.isChecked(),
            my_status=self.my_status.currentData(),
        )

    def set_spec(self, spec: FilterSpec) -> None:
        """Show ``spec`` in the controls (values no longer offered are dropped)."""
        self.blockSignals(True)
        self.search.setText(spec.text)
        for tier, button in self.tier_buttons.items():
            button.setChecked(tier in spec.tiers)
        self.min_score.setValue(spec.min_score or 0)
        for key, combo in self.pickers.items():
            found = combo.findData(getattr(spec, key))
            combo.setCurrentIndex(max(found, 0))
        self.raised_min.setValue((spec.raised_min or 0) // MILLION)
        self.raised_max.setValue((spec.raised_max or 0) // MILLION)
        self.has_points.setChecked(spec.has_points)
        self.my_status.setCurrentIndex(max(self.my_status.findData(spec.my_status), 0))
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


def spec_to_json(spec: FilterSpec) -> str:
    """The filters as JSON text, to remember between runs (defaults left out)."""
    data = {k: v for k, v in spec._asdict().items() if v not in (None, "", False, frozenset())}
    if "tiers" in data:
        data["tiers"] = sorted(spec.tiers)
    return json.dumps(data)


def spec_from_json(raw: object) -> FilterSpec:
    """The saved filters, or none when the saved text is missing or not understood."""
    try:
        data = json.loads(str(raw)) if raw else {}
        if "tiers" in data:
            data["tiers"] = frozenset(data["tiers"])
        return FilterSpec(**data)
    except (ValueError, TypeError):
        return FilterSpec()

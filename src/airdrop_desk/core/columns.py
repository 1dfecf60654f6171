"""The project table's columns, defined once for the window and the command line.

Each column (declared with its field in ``core.fields``) knows how to show a project
and how to sort it on the raw value; missing values (no score, undisclosed funding)
always sort last.
"""

from __future__ import annotations

from collections.abc import Sequence

from airdrop_desk.core.fields import TIER_ORDER, Column, columns, format_usd
from airdrop_desk.core.rows import ProjectRow

__all__ = ["COLUMNS", "COLUMN_KEYS", "TIER_ORDER", "Column", "SortRanks", "format_usd"]

COLUMNS: Sequence[Column] = columns()
COLUMN_KEYS = [c.key for c in COLUMNS]


class SortRanks:
    """Per column and direction, every row's place in the full sorted order.

    Computed once per column and direction (one full sort), after which sorting any
    filtered subset is a sort on small integers. Numeric columns sort high-to-low
    in ascending order, as people read a ranking; missing values stay last in both
    directions; ties keep catalog order.
    """

    def __init__(self, rows: Sequence[ProjectRow]) -> None:
        self._rows = rows
        self._orders: dict[tuple[int, bool], list[int]] = {}
        self._ranks: dict[tuple[int, bool], list[int]] = {}

    def order(self, column: int, descending: bool) -> list[int]:
        """Every row index, in the order of ``column``."""
        found = self._orders.get((column, descending))
        if found is None:
            found = self._orders[(column, descending)] = self._compute(column, descending)
        return found

    def ranks(self, column: int, descending: bool) -> list[int]:
        """Each row's place in ``order(column, descending)``."""
        found = self._ranks.get((column, descending))
        if found is None:
            found = [0] * len(self._rows)
            for position, i in enumerate(self.order(column, descending)):
                found[i] = position
            self._ranks[(column, descending)] = found
        return found

    def _compute(self, column: int, descending: bool) -> list[int]:
        value = COLUMNS[column].value
        values = [value(r) for r in self._rows]
        present = [i for i, v in enumerate(values) if v is not None]
        present.sort(key=values.__getitem__, reverse=descending)  # stable both ways
        return present + [i for i, v in enumerate(values) if v is None]

    def sort(self, rows: list[int], column: int, descending: bool = False) -> list[int]:
        """``rows`` (indices into the catalog) in the order of ``column``."""
        if len(rows) == len(self._rows):  # every row: the order itself, no second sort
            return list(self.order(column, descending))
        return sorted(rows, key=self.ranks(column, descending).__getitem__)

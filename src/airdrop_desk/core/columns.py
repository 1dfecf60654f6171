"""The project table's columns, defined once for the window and the command line.

Each column knows how to show a project and how to sort it on the raw value;
missing values (no score, undisclosed funding) always sort last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from airdrop_desk.core.rows import SEP, ProjectRow
from airdrop_desk.core.vocab import TIER_LABELS


def format_usd(amount: int | None) -> str:
    """$6.7M, $8B, $450M; an em dash when unknown."""
    if amount is None:
        return "—"
    units = (("B", 1_000_000_000), ("M", 1_000_000), ("K", 1_000))
    for n, (unit, size) in enumerate(units):
        if amount >= size:
            value = amount / size
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            if text == "1000" and n:  # $999,999 is "$1M", not "$1000K"
                return f"$1{units[n - 1][0]}"
            return f"${text}{unit}"
    return f"${amount}"


TIER_ORDER: dict[str, int] = {tier: i for i, tier in enumerate(TIER_LABELS)}


class Column(NamedTuple):
    """A table column: its title, how a row shows in it, and the value it sorts by.

    ``value`` returns None for a missing value (no score, undisclosed funding).
    """

    key: str
    title: str
    display: Callable[[ProjectRow], str]
    value: Callable[[ProjectRow], Any]
    numeric: bool = False


COLUMNS: Sequence[Column] = (
    Column("name", "Project", lambda r: r.name, lambda r: r.name.casefold()),
    Column("tier", "Tier", lambda r: TIER_LABELS[r.tier], lambda r: TIER_ORDER[r.tier]),
    Column(
        "score",
        "Score",
        lambda r: "—" if r.score is None else f"{r.score}%",
        lambda r: None if r.score is None else -r.score,
        numeric=True,
    ),
    Column(
        "raised",
        "Raised",
        lambda r: format_usd(r.raised),
        lambda r: None if r.raised is None else -r.raised,
        numeric=True,
    ),
    Column(
        "narratives",
        "Narratives",
        lambda r: r.narratives.replace(SEP, ", "),
        lambda r: r.narratives.casefold() or None,
    ),
    Column("token", "Token", lambda r: r.token or "—", lambda r: r.token),
    Column("status", "Status", lambda r: (r.status or "—").capitalize(), lambda r: r.status),
)
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

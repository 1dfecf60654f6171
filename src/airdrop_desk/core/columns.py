"""The project table's columns, defined once for the window and the command line.

Each column knows how to show a project and how to sort it on the raw value;
missing values (no score, undisclosed funding) always sort last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from airdrop_desk.core.domain import TIER_LABELS, Project


def format_usd(amount: int | None) -> str:
    """$6.7M, $8B, $450M; an em dash when unknown."""
    if amount is None:
        return "—"
    for unit, size in (("B", 1_000_000_000), ("M", 1_000_000), ("K", 1_000)):
        if amount >= size:
            value = amount / size
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"${text}{unit}"
    return f"${amount}"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    display: Callable[[Project], str]
    sort_key: Callable[[Project], tuple[int, Any]]
    numeric: bool = False


_LAST = (1, "")


def _missing_last(value: Any) -> tuple[int, Any]:
    return _LAST if value is None else (0, value)


COLUMNS: Sequence[Column] = (
    Column("name", "Project", lambda p: p.name.name, lambda p: (0, p.name.name.casefold())),
    Column("tier", "Tier", lambda p: TIER_LABELS[p.tier], lambda p: (0, TIER_ORDER[p.tier])),
    Column("score", "Score", lambda p: f"{p.score.value}%" if p.score else "—",
           lambda p: _missing_last(-p.score.value if p.score else None), numeric=True),
    Column("raised", "Raised", lambda p: format_usd(p.raised.usd if p.raised else None),
           lambda p: _missing_last(-p.raised.usd if p.raised else None), numeric=True),
    Column("narratives", "Narratives", lambda p: ", ".join(p.narratives),
           lambda p: _missing_last(", ".join(p.narratives).casefold() or None)),
    Column("token", "Token", lambda p: p.token.symbol if p.token else "—",
           lambda p: _missing_last(p.token.symbol if p.token else None)),
    Column("status", "Status", lambda p: (p.status or "—").capitalize(),
           lambda p: _missing_last(p.status)),
)
TIER_ORDER = {tier: i for i, tier in enumerate(TIER_LABELS)}
COLUMN_KEYS = [c.key for c in COLUMNS]


def sort_rows(projects: Sequence[Project], rows: list[int], column: Column,
              descending: bool = False) -> list[int]:
    """``rows`` reordered by ``column``; ties keep catalog order (the sort is stable).

    Numeric columns sort high-to-low in ascending order, as people read a ranking;
    missing values stay last in both directions.
    """
    key = column.sort_key
    keyed = [(key(projects[i]), i) for i in rows]
    present = [(k[1], i) for k, i in keyed if k[0] == 0]
    missing = [i for k, i in keyed if k[0] == 1]
    present.sort(key=_first, reverse=descending)
    return [i for _, i in present] + missing


def _first(pair: tuple[Any, int]) -> Any:
    return pair[0]

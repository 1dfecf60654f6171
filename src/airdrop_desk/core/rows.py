"""The compact per-project row the table, the filters and the sorting work on.

A catalog can hold 100,000 projects; keeping each as a full ``Project`` would cost
gigabytes and seconds at start-up. The window keeps one flat tuple per project,
in the column order the database returns it (so rows are built straight from a
query), and reads the whole project only for the detail pane. List fields stay
joined with ``SEP``; the few distinct combinations are split once, when needed.
Fields added later live in ``extra``, one JSON text per row (see ``core.fields``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    pass

SEP = "\x1f"  # joins list fields stored as one text column


class ProjectRow(NamedTuple):
    """What the table shows and the filters test, for one project."""

    id: str
    name: str
    aliases: str  # SEP-joined printed and alternative names
    tier: str
    score: int | None
    score_kind: str | None
    raised: int | None
    narratives: str  # SEP-joined
    ecosystem: str | None
    investors: str  # SEP-joined meant names
    token: str | None
    status: str | None
    has_points: int
    search: str  # case-folded names, aliases, narratives, investors, competitors, token
    extra: str = "{}"  # JSON object of the fields stored as extra (core.fields.EXTRA)

    @property
    def alias_list(self) -> tuple[str, ...]:
        return split(self.aliases)

    @property
    def narrative_list(self) -> tuple[str, ...]:
        return split(self.narratives)

    @property
    def investor_list(self) -> tuple[str, ...]:
        return split(self.investors)


FIELDS = ProjectRow._fields


@lru_cache(maxsize=65536)
def split(joined: str) -> tuple[str, ...]:
    """A joined list field as a tuple; cached, as the same combinations repeat."""
    return tuple(joined.split(SEP)) if joined else ()


_EMPTY: dict[str, Any] = {}
_decoded: dict[str, dict[str, Any]] = {}


def extra_values(text: str) -> dict[str, Any]:
    """A row's extra JSON as a dict (the same texts repeat: decoded once each)."""
    if text == "{}":
        return _EMPTY
    found = _decoded.get(text)
    if found is None:
        import json

        if len(_decoded) > 4096:  # texts that repeat are few; a catalog's rows are many
            _decoded.clear()
        found = _decoded[text] = json.loads(text)
    return found

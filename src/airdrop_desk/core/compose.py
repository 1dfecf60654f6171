"""One row per project over every layer: the catalog, each feed, your own projects.

``compose`` is pure: layers of rows in, the rows to show out, each saying which layer
supplies its fields. The rules:

- the catalog's rows come first, in its order;
- a feed's project with the id or an official domain of a row already placed (the
  catalog's or an earlier feed's) replaces that row in place, keeping the row id; any
  other feed project is a new row;
- your project with the id or an official domain of a placed row is the same project:
  one row with your id (your ticks, points, claims and notes are kept under it), the
  other layer's fields win and yours fill what it lacks (``merge_project``); without
  a match your project is its own row.

Nothing is lost either way: the layers are stored apart, so removing a feed brings
your project back exactly as you saved it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from airdrop_desk.core.rows import ProjectRow

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project

CATALOG = "catalog"
YOURS = "yours"


class Layer(NamedTuple):
    """One layer's rows; ``domains`` maps a project id to its official domains (only
    the projects whose domains matter need be there)."""

    origin: str  # CATALOG, YOURS or the feed's name
    rows: Sequence[ProjectRow]
    domains: Mapping[str, Sequence[str]]


class Placed(NamedTuple):
    """A row to show and where its fields come from.

    ``row`` is the layer's row (its id may differ from ``row_id``: a row that took your
    project's id); ``fills`` is your project's id when your fields fill this one's gaps.
    """

    row_id: str
    origin: str
    layer_id: str
    row: ProjectRow
    fills: str | None = None


def compose(catalog: Layer, feeds: Sequence[Layer], yours: Layer) -> list[Placed]:
    """The rows to show, in order: see the module docstring."""
    if not feeds and not yours.rows:
        return [Placed(r.id, CATALOG, r.id, r) for r in catalog.rows]
    placed: dict[str, Placed] = {}
    owner: dict[str, str] = {}  # official domain -> the row id it belongs to

    def claim(row_id: str, domains: Sequence[str]) -> None:
        for domain in domains:
            owner.setdefault(domain, row_id)

    for row in catalog.rows:
        placed[row.id] = Placed(row.id, CATALOG, row.id, row)
        claim(row.id, catalog.domains.get(row.id, ()))
    for feed in feeds:
        for row in feed.rows:
            domains = feed.domains.get(row.id, ())
            target = row.id if row.id in placed else _match(domains, owner)
            row_id = target or row.id
            placed[row_id] = Placed(row_id, feed.origin, row.id, row)
            claim(row_id, domains)
    merged: dict[str, Placed] = {}  # a placed row id -> the row that takes it over
    mine: list[Placed] = []
    for row in yours.rows:
        domains = yours.domains.get(row.id, ())
        target = row.id if row.id in placed else _match(domains, owner)
        if target is not None and target not in merged:
            base = placed[target]
            merged[target] = Placed(row.id, base.origin, base.layer_id, base.row, row.id)
        else:
            mine.append(Placed(row.id, YOURS, row.id, row))
            claim(row.id, domains)
    shown = (
        [merged.get(row_id, p) for row_id, p in placed.items()] if merged else list(placed.values())
    )
    return shown + mine


def _match(domains: Sequence[str], owner: Mapping[str, str]) -> str | None:
    for domain in domains:
        found = owner.get(domain)
        if found is not None:
            return found
    return None


def merge_project(base: Project, yours: Project) -> Project:
    """``base`` (a catalog or feed project) under your project's id: its fields win,
    yours fill the ones it lacks (empty lists, no value)."""
    import msgspec

    from airdrop_desk.core.domain import Project

    filled = {}
    for name in Project.__struct_fields__:
        value = getattr(base, name)
        if value in (None, [], ""):
            mine = getattr(yours, name)
            if mine not in (None, [], ""):
                filled[name] = mine
    return msgspec.structs.replace(base, id=yours.id, **filled)

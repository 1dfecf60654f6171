"""The rows the window and the command line show: the active catalog version, each
feed's newest version and your own projects, composed into one row per project
(``core.compose``), and the whole project of any row from the layer it came from.

With no feed and no project of yours this module is not even imported: the start
path reads the catalog's rows as before (``catalog.sync``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, Protocol

from airdrop_desk.core.compose import CATALOG, YOURS, Layer, Placed, compose
from airdrop_desk.core.fields import project_row
from airdrop_desk.core.rows import ProjectRow
from airdrop_desk.storage.projects_repo import UserProject, catalog_domains, read_user_projects

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project
    from airdrop_desk.storage.catalog_repo import CatalogReader


class Composition(NamedTuple):
    """Where each shown row comes from. ``placed`` by row id; ``versions`` maps the
    catalog and each feed to its stored version; ``yours`` your projects by id."""

    placed: dict[str, Placed]
    versions: dict[str, int]
    yours: dict[str, UserProject]


class Docs(Protocol):
    """What composing needs of ``catalog.sync.ProjectDocs``: a merged project by row id."""

    def project(self, project_id: str) -> Project | None: ...


def compose_rows(
    reader: CatalogReader,
    version: int,
    rows: list[ProjectRow],
    make_docs: Callable[[CatalogReader, int, Composition], Docs],
) -> tuple[list[ProjectRow], Composition]:
    """The rows to show over catalog ``version`` (its ``rows`` already read).

    ``make_docs`` builds the documents over a composition (``ProjectDocs``, passed in by
    ``catalog.sync`` so this module does not import it back)."""
    feeds = reader.feed_versions()
    yours = read_user_projects(reader.conn)
    mine = Layer(
        YOURS,
        [project_row(u.project) for u in yours],
        {u.project.id: u.project.official_sites for u in yours},
    )
    feed_layers = [
        Layer(name, reader.rows(v), catalog_domains(reader.conn, v)) for name, v in feeds
    ]
    catalog = Layer(CATALOG, rows, catalog_domains(reader.conn, version))
    placed = compose(catalog, feed_layers, mine)
    composition = Composition(
        {p.row_id: p for p in placed},
        {CATALOG: version, **dict(feeds)},
        {u.project.id: u for u in yours},
    )
    docs = make_docs(reader, version, composition)
    shown = []
    for p in placed:
        if p.fills is not None:
            merged = docs.project(p.row_id)
            assert merged is not None
            row = project_row(merged)._replace(id=p.row_id)
            shown.append(_with_origin(row, YOURS, matched=p.origin))
        elif p.origin == CATALOG and p.row_id == p.row.id:
            shown.append(p.row)
        else:
            shown.append(_with_origin(p.row._replace(id=p.row_id), p.origin))
    return shown, composition


def _with_origin(row: ProjectRow, origin: str, matched: str | None = None) -> ProjectRow:
    extra = json.loads(row.extra)
    extra["origin"] = origin
    if matched is not None:
        extra["matched"] = matched
    text = json.dumps(extra, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return row._replace(extra=text)

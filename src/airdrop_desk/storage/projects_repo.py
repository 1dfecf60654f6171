"""Your own projects in the user database (table ``user_projects``, step 0009).

Each is kept whole: the catalog's ``Project`` as JSON and its sources beside it, so
loading one is the same decode as a catalog document. Writes go through
``ProjectsRepo`` (sqlite-utils, one transaction each); the start-up path reads with
``read_user_projects`` over the catalog reader's plain connection.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database

    from airdrop_desk.core.domain import Project, Source


class UserProject(NamedTuple):
    """One of your projects as stored."""

    project: Project
    sources: list[Source]
    created_at: str
    updated_at: str


def has_user_projects(conn: sqlite3.Connection) -> bool:
    """Whether any project of yours is stored (cheap: the start-up path asks it)."""
    try:
        return conn.execute("SELECT 1 FROM user_projects LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # a database from before step 0009
        return False


def read_user_projects(conn: sqlite3.Connection) -> list[UserProject]:
    """Every project of yours, oldest first. A row that does not decode as a project
    (an edited export) is left out rather than stopping the app."""
    import msgspec

    from airdrop_desk.core.domain import Project, Source

    project_decoder = msgspec.json.Decoder(Project)
    sources_decoder = msgspec.json.Decoder(list[Source])
    try:
        rows = conn.execute(
            "SELECT doc, sources, created_at, updated_at FROM user_projects ORDER BY created_at, id"
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    found = []
    for doc, sources, created, updated in rows:
        try:
            project = project_decoder.decode(doc)
            decoded = sources_decoder.decode(sources)
        except msgspec.DecodeError:
            continue
        if project.id.startswith("yours-"):
            found.append(UserProject(project, decoded, created, updated))
    return found


class ProjectsRepo:
    """Add, change and remove your projects (each call one transaction)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[UserProject]:
        return read_user_projects(self._db.conn)

    def get(self, key: str) -> UserProject | None:
        """Your project by id or name (any case)."""
        wanted = key.strip().casefold()
        for found in self.all():
            if wanted in (found.project.id, found.project.name.name.casefold()):
                return found
        return None

    def save(self, project: Project, sources: list[Source], now: str) -> None:
        """Store ``project`` (new, or replacing the one with its id)."""
        import msgspec

        encode = msgspec.json.encode
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO user_projects (id, name, doc, sources, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "doc = excluded.doc, sources = excluded.sources, updated_at = excluded.updated_at",
                [
                    project.id,
                    project.name.name,
                    encode(project).decode(),
                    encode(sources).decode(),
                    now,
                    now,
                ],
            )

    def restore(self, saved: UserProject) -> None:
        """Put back a project exactly as it was (undo of a removal or an edit)."""
        import msgspec

        encode = msgspec.json.encode
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO user_projects "
                "(id, name, doc, sources, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    saved.project.id,
                    saved.project.name.name,
                    encode(saved.project).decode(),
                    encode(saved.sources).decode(),
                    saved.created_at,
                    saved.updated_at,
                ],
            )

    def remove(self, project_id: str) -> None:
        with self._db.atomic():
            self._db.execute("DELETE FROM user_projects WHERE id = ?", [project_id])


def catalog_domains(conn: sqlite3.Connection, version: int) -> dict[str, list[str]]:
    """Official domains of a stored catalog version's projects, by project id.

    Read with SQLite's JSON functions from the stored documents, without decoding them
    in Python; only asked when feeds or projects of yours are there to match.
    """
    rows = conn.execute(
        "SELECT d.id, j.value FROM catalog_docs d, "
        "json_each(CAST(d.doc AS TEXT), '$.official_sites') j "
        "WHERE d.version_id = ? AND instr(d.doc, '\"official_sites\":[]') = 0",
        [version],
    )
    found: dict[str, list[str]] = {}
    for project_id, domain in rows:
        found.setdefault(project_id, []).append(domain)
    return found

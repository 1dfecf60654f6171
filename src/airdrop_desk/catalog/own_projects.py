"""Add, change, remove and export your own projects: the Qt-free operations the
command line runs directly and the window runs on its database lane.

Names and official domains are unique over everything shown (the active catalog
version, every feed's newest version, your projects); a project you edit keeps the
name and domains it had, even when a feed has since listed the same domain (the two
are then shown as one row, ``core.compose``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.projects import (
    ID_PREFIX,
    ProjectDraft,
    ProjectFieldError,
    Taken,
    build_project,
    check_unique,
    project_id_for,
)
from airdrop_desk.storage.catalog_repo import CatalogReader
from airdrop_desk.storage.projects_repo import ProjectsRepo, UserProject, read_user_projects

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

    from airdrop_desk.core.domain import Project


def _shown_versions(reader: CatalogReader) -> list[tuple[str, int]]:
    """(origin, version) of the active catalog and each feed's newest version."""
    active = reader.active_version()
    shown = [("catalog", active)] if active is not None else []
    return shown + [(f"feed '{name}'", v) for name, v in reader.feed_versions()]


def taken_by_others(
    conn: sqlite3.Connection, project: Project, keep: UserProject | None = None
) -> Taken:
    """Who else uses ``project``'s name or official domains (``keep``: the project as
    it was before this edit, whose own name and domains stay allowed)."""
    reader = CatalogReader(conn)
    kept_name = keep.project.name.name.casefold() if keep else None
    kept_domains = set(keep.project.official_sites) if keep else set()
    name = project.name.name
    names: dict[str, tuple[str, str, str]] = {}
    domains: dict[str, tuple[str, str, str]] = {}
    wanted = [d for d in project.official_sites if d not in kept_domains]
    for origin, version in _shown_versions(reader):
        if name.casefold() != kept_name:
            for pid, shown in conn.execute(
                "SELECT id, name FROM catalog_projects WHERE version_id = ? "
                "AND (name = ? COLLATE NOCASE OR lower(name) = lower(?))",
                [version, name, name],
            ):
                if shown.casefold() == name.casefold():
                    names[shown.casefold()] = (pid, origin, shown)
        for domain in wanted:
            for pid, doc in conn.execute(
                "SELECT id, doc FROM catalog_docs WHERE version_id = ? AND instr(doc, ?) > 0",
                [version, json.dumps(domain).encode()],
            ):
                found = json.loads(doc)
                if domain in found.get("official_sites", ()):
                    domains[domain] = (pid, origin, found["name"]["name"])
    for mine in read_user_projects(conn):
        p = mine.project
        if p.id == project.id:
            continue
        names.setdefault(p.name.name.casefold(), (p.id, "yours", p.name.name))
        for domain in p.official_sites:
            domains.setdefault(domain, (p.id, "yours", p.name.name))
    return Taken(names, domains)


def add_project(db: Database, draft: ProjectDraft, now: str) -> Project:
    """Check and store a new project of yours; ProjectFieldError names a bad field."""
    repo = ProjectsRepo(db)
    ids = {u.project.id for u in repo.all()}
    project, sources = build_project(draft, project_id_for(draft.name.strip(), ids), now[:10])
    check_unique(project, taken_by_others(db.conn, project))
    repo.save(project, sources, now)
    return project


def edit_project(db: Database, key: str, draft: ProjectDraft, now: str) -> Project:
    """Replace the fields of your project ``key`` (id or name); its id stays, so its
    checklists, points and claims stay with it."""
    repo = ProjectsRepo(db)
    before = repo.get(key)
    if before is None:
        raise ProjectFieldError("name", f"you have no project named '{key}'")
    project, sources = build_project(draft, before.project.id, now[:10])
    check_unique(project, taken_by_others(db.conn, project, keep=before))
    repo.save(project, sources, now)
    return project


def remove_project(db: Database, key: str) -> UserProject:
    """Remove your project ``key``; returns it as it was (to put it back)."""
    repo = ProjectsRepo(db)
    before = repo.get(key)
    if before is None:
        raise ProjectFieldError("name", f"you have no project named '{key}'")
    repo.remove(before.project.id)
    return before


def export_catalog(db: Database, out: Path, names: list[str], now: str) -> int:
    """Write your projects (all, or those named) as a catalog file in the bundled
    format, which ``catalog import`` accepts; returns how many were written.

    Ids lose the "yours-" prefix (in someone else's app they are not theirs), and
    "Entered by you" becomes the publisher's entry, dated as it was.
    """
    import msgspec

    from airdrop_desk.core.domain import SCHEMA_VERSION, Catalog, Source

    repo = ProjectsRepo(db)
    mine = repo.all()
    if names:
        picked = []
        for key in names:
            found = repo.get(key)
            if found is None:
                raise ProjectFieldError("name", f"you have no project named '{key}'")
            picked.append(found)
        mine = list({u.project.id: u for u in picked}.values())
    if not mine:
        raise ProjectFieldError("name", "you have no projects to export")

    projects, sources = [], []
    for u in mine:
        renamed = {s.id: _entry_id(s.id, u.project.id) for s in u.sources}
        sources += [
            msgspec.structs.replace(
                s,
                id=renamed[s.id],
                title="Entered by the publisher of this file" if s.url is None else s.title,
            )
            for s in u.sources
        ]
        projects.append(_renamed(u.project, renamed))
    article = "catalog-file"
    sources.insert(
        0,
        Source(id=article, title="Projects shared from Airdrop Desk", date=now[:10]),
    )
    catalog = Catalog(
        schema_version=SCHEMA_VERSION,
        catalog_version=now[:10].replace("-", "."),
        article_source=article,
        sources=sources,
        projects=projects,
    )
    data = msgspec.json.format(msgspec.json.encode(catalog), indent=2)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data + b"\n")
    tmp.replace(out)
    return len(projects)


def _entry_id(source_id: str, project_id: str) -> str:
    plain = project_id.removeprefix(ID_PREFIX)
    if source_id == project_id:
        return f"{plain}-entry"
    return plain + source_id[len(project_id) :]


def _renamed(project: Project, renamed: dict[str, str]) -> Project:
    """``project`` under its plain id, citing the renamed sources."""
    import msgspec

    def ids(found: list[str]) -> list[str]:
        return [renamed.get(i, i) for i in found]

    def each(items: list[Any]) -> list[Any]:
        return [msgspec.structs.replace(x, sources=ids(x.sources)) for x in items]

    return msgspec.structs.replace(
        project,
        id=project.id.removeprefix(ID_PREFIX),
        status_sources=ids(project.status_sources),
        ecosystem_sources=ids(project.ecosystem_sources),
        official_sites_sources=ids(project.official_sites_sources),
        token=msgspec.structs.replace(project.token, sources=ids(project.token.sources))
        if project.token
        else None,
        events=each(project.events),
        points_programs=each(project.points_programs),
        task_templates=each(project.task_templates),
        facts=each(project.facts),
        corrections=each(project.corrections),
    )

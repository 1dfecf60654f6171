"""Plain-data views of projects for JSON and CSV output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from airdrop_desk.core.domain import NameRef, Project, Source


def from_article(project: Project) -> bool:
    """Whether the project's description, notes and ratings come from the seed article."""
    from airdrop_desk.core.vocab import ARTICLE_SECTION

    return project.section in (None, ARTICLE_SECTION)


def project_source_ids(project: Project, article_source: str) -> list[str]:
    """Every source the project's facts cite, the article first (for the article's
    projects), each once."""
    ids = [
        *([article_source] if from_article(project) else []),
        *project.status_sources,
        *project.ecosystem_sources,
        *project.official_sites_sources,
    ]
    if project.token:
        ids += project.token.sources
    for group in (
        project.events,
        project.points_programs,
        project.task_templates,
        project.facts,
        project.corrections,
    ):
        for item in group:
            ids += item.sources
    return list(dict.fromkeys(ids))


def _alias_names(project: Project) -> list[str]:
    names: list[str] = []
    if project.name.printed:
        names.append(project.name.printed)
    for alias in project.aliases:
        names += [alias.name] + ([alias.printed] if alias.printed else [])
    return list(dict.fromkeys(n for n in names if n != project.name.name))


def _ref(ref: NameRef) -> str:
    return ref.name


def project_record(
    project: Project, article_source: str, sources: dict[str, Source]
) -> dict[str, Any]:
    """The fields ``airdrop-desk projects --format json`` promises, and a few more."""
    return {
        "id": project.id,
        "name": project.name.name,
        "aliases": _alias_names(project),
        "tier": project.tier,
        "score": project.score.value if project.score else None,
        "score_kind": project.score.kind if project.score else None,
        "description": project.description,
        "narratives": list(project.narratives),
        "ecosystem": project.ecosystem,
        "competitors": [_ref(c) for c in project.competitors],
        "raised_usd": project.raised.usd if project.raised else None,
        "valuation_usd": project.valuation.usd if project.valuation else None,
        "investors": [_ref(i) for i in project.investors],
        "token": project.token.symbol if project.token else None,
        "status": project.status,
        "official_sites": list(project.official_sites),
        "points_programs": [p.name for p in project.points_programs],
        "sources": [
            {"id": s.id, "title": s.title, "url": s.url, "date": s.date}
            for s in (sources[i] for i in project_source_ids(project, article_source))
        ],
    }

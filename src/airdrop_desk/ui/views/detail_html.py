"""The detail pane's HTML for one project: every fact, each with its source."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from airdrop_desk.core.fields import FIELDS, Field, format_usd
from airdrop_desk.core.records import from_article, project_source_ids
from airdrop_desk.core.vocab import FINISHED, TIER_LABELS

if TYPE_CHECKING:
    import datetime as dt

    from airdrop_desk.core.domain import NameRef, Project, Source

EVENT_ORDER = (
    "snapshot",
    "registration",
    "checker",
    "claim_open",
    "tge",
    "mainnet",
    "unlock",
    "claim_close",
    "deadline",
    "other",
)


@dataclass(frozen=True)
class Colors:
    """Palette colours the HTML uses, so the pane follows light and dark schemes."""

    text: str
    muted: str
    link: str
    accent: str
    warn_bg: str
    warn_text: str
    rule: str


class _Refs:
    """Numbers sources in order of first citation and renders [n] markers."""

    def __init__(self, order: list[str]) -> None:
        self.number = {sid: n for n, sid in enumerate(order, start=1)}

    def __call__(self, ids: list[str]) -> str:
        marks = "".join(
            f'<a href="#src-{self.number[i]}">[{self.number[i]}]</a>' for i in dict.fromkeys(ids)
        )
        return f"<sup>{marks}</sup>" if marks else ""


def name_html(ref: NameRef, c: Colors, link: bool = False) -> str:
    shown = escape(ref.name)
    if link and ref.project_id:
        shown = f'<a href="project:{escape(ref.project_id)}">{shown}</a>'
    if ref.printed and ref.printed != ref.name:
        if ref.confidence in ("possible", "unknown"):
            return (
                f'{shown}<span style="color:{c.warn_text}"> (uncertain; the article '
                f"prints “{escape(ref.printed)}”)</span>"
            )
        return f'{shown}<span style="color:{c.muted}"> (printed “{escape(ref.printed)}”)</span>'
    if ref.confidence in ("possible", "unknown"):
        return f'{shown}<span style="color:{c.muted}"> (as printed; not identified)</span>'
    return shown


def _row(label: str, value: str, c: Colors) -> str:
    return (
        f'<tr><td style="color:{c.muted}; padding-right:12px" valign="top">{label}</td>'
        f"<td>{value}</td></tr>"
    )


def _money(label: str, amount: object, c: Colors) -> str:
    if amount is None:
        return ""
    usd, wording = amount.usd, amount.wording  # type: ignore[attr-defined]
    return _row(
        label, f"{format_usd(usd)} <span style='color:{c.muted}'>(“{escape(wording)}”)</span>", c
    )


def _detail(field: Field, project: Project, ref: _Refs, c: Colors) -> str:
    """The field's row of the "From the article" table ("" when the project has none)."""
    assert field.detail is not None
    kind, value = field.detail.kind, field.detail.value(project)
    if not value:
        return ""
    if kind == "money":
        return _money(field.label, value, c)
    if kind == "text":
        shown = escape(value if isinstance(value, str) else ", ".join(value))
    elif kind == "name":
        shown = name_html(value, c)
    else:  # "names", "linked_names"
        shown = ", ".join(name_html(r, c, link=kind == "linked_names") for r in value)
    sources = field.detail.sources
    return _row(field.label, shown + (ref(list(sources(project))) if sources else ""), c)


def _status_today(project: Project, today: dt.date | None) -> str | None:
    from airdrop_desk.core.status import status_on

    if today is None:
        from airdrop_desk.core.clock import today as local_today

        today = local_today()
    events = [(e.kind, e.date) for e in project.events]
    return status_on(project.status, events, today, project.as_of)


def _tier_badge(project: Project, status: str | None, c: Colors) -> str:
    """The tier as a prediction while the airdrop is ahead; as history once it is over."""
    label = TIER_LABELS[project.tier]
    if project.tier == "past":
        return label
    if status in FINISHED:
        return (
            f'<span style="color:{c.muted}">rated {label} before it happened'
            " (a past prediction, not a current rating)</span>"
        )
    return f"{label} airdrop"


def project_html(
    project: Project,
    article_source: str,
    sources: dict[str, Source],
    c: Colors,
    origin: str = "catalog",
    matched: str | None = None,
    today: dt.date | None = None,
) -> str:
    """The pane's HTML. ``origin``: "catalog", "yours" or a feed's name; ``matched``: the
    layer whose fields your project is shown with (its official domain is one of yours).
    The status is the status on ``today`` (the computer's date unless given), moved on
    from the catalog's by its dated events."""
    order = project_source_ids(project, article_source)
    ref = _Refs(order)
    # The article's projects: description, notes and table come from it. Others (the
    # live watchlist) summarise their web sources: the description cites those.
    article = ref([article_source]) if from_article(project) else ""
    summary = article or ref([*project.status_sources, *project.official_sites_sources])
    out: list[str] = []
    add = out.append
    add(f'<h2 style="margin-bottom:2px">{escape(project.name.name)}</h2>')
    badges = []
    if origin == "yours":
        mark = f"<b>Yours</b> (with the {escape(matched)}'s facts)" if matched else "<b>Yours</b>"
        badges.append(f'<span style="color:{c.accent}">{mark}</span>')
    elif origin != "catalog":
        badges.append(f"from the feed <b>{escape(origin)}</b>")
    status = _status_today(project, today)
    badges.append(_tier_badge(project, status, c))
    if status:
        said = (
            f' <span style="color:{c.muted}">(the catalog said “{escape(project.status)}”)</span>'
            if project.status and project.status != status
            else ""
        )
        badges.append(f"status: <b>{escape(status)}</b>{said}{ref(project.status_sources)}")
    if project.score:
        badges.append(f"{escape(project.score.kind)} <b>{project.score.value}%</b>{article}")
    if project.token:
        badges.append(f"token <b>{escape(project.token.symbol)}</b>{ref(project.token.sources)}")
    add(f'<p style="color:{c.muted}; margin-top:0">{" · ".join(badges)}</p>')
    # The article's own section goes without saying: its heading below names it.
    where = [escape(x) for x in (project.section,) if x and x != "From the article"]
    if project.as_of:
        where.append(f"as of {escape(project.as_of)} (its newest source)")
    if where:
        add(f'<p style="color:{c.muted}; margin-top:0">{" · ".join(where)}</p>')
    aliases = ([project.name.printed] if project.name.printed else []) + [
        a.name for a in project.aliases
    ]
    if aliases:
        add(f'<p style="color:{c.muted}">Also written: {escape(", ".join(aliases))}</p>')
    if project.official_sites:
        links = ", ".join(
            f'<a href="https://{escape(d)}">{escape(d)}</a>' for d in project.official_sites
        )
        add(f"<p>Official site: {links}{ref(project.official_sites_sources)}</p>")
    add(f"<p>{escape(project.description)}{summary}</p>")
    for conflict in project.conflicts:
        add(
            f'<table width="100%" cellpadding="6" style="background-color:{c.warn_bg}; '
            f'color:{c.warn_text}"><tr><td><b>Disclosed conflict of interest:</b> '
            f"{escape(conflict)}{article}</td></tr></table>"
        )

    rows = [row for f in FIELDS if f.detail and (row := _detail(f, project, ref, c))]
    if any(rows):
        if origin == "yours" and not matched:
            heading = "As you entered it"
        else:
            heading = "From the article" if article else "At a glance"
        add(f"<h3>{heading}{article}</h3><table>{''.join(rows)}</table>")
    if project.notes:
        add("<ul>" + "".join(f"<li>{escape(n)}{article}</li>" for n in project.notes) + "</ul>")

    if project.corrections:
        add("<h3>The article and the sources disagree</h3>")
        add(
            f'<table width="100%" cellpadding="4" cellspacing="0" border="1" '
            f'style="border-color:{c.rule}; border-style:solid">'
            f"<tr><th align=left>Topic</th><th align=left>The article says</th>"
            f"<th align=left>Sources say</th></tr>"
        )
        for fix in project.corrections:
            add(
                f"<tr><td valign=top>{escape(fix.topic)}</td>"
                f"<td valign=top>{escape(fix.article_claim)}{article}</td>"
                f"<td valign=top>{escape(fix.sourced_figure)}{ref(fix.sources)}</td></tr>"
            )
        add("</table>")

    if project.events:
        events = sorted(project.events, key=lambda e: (e.date, EVENT_ORDER.index(e.kind)))
        add("<h3>Dates</h3><table>")
        for event in events:
            add(
                _row(
                    escape(event.date.replace("T", " ").removesuffix("Z")),
                    escape(event.label) + ref(event.sources),
                    c,
                )
            )
        add("</table>")
    if project.points_programs:
        add("<h3>Points programs</h3><ul>")
        for program in project.points_programs:
            add(
                f"<li><b>{escape(program.name)}</b>: {escape(program.description)}"
                f"{ref(program.sources)}</li>"
            )
        add("</ul>")
    if project.task_templates:
        add("<h3>Eligibility tasks people did</h3><ul>")
        for task in project.task_templates:
            detail = (
                f' <span style="color:{c.muted}">— {escape(task.detail)}</span>'
                if task.detail
                else ""
            )
            add(f"<li>{escape(task.title)}{detail}{ref(task.sources)}</li>")
        add("</ul>")
    if project.facts:
        add("<h3>More facts</h3><ul>")
        add("".join(f"<li>{escape(f.text)}{ref(f.sources)}</li>" for f in project.facts))
        add("</ul>")
    if project.unconfirmed:
        add(f'<h3>Not confirmed by any source</h3><ul style="color:{c.muted}">')
        add("".join(f"<li>{escape(u)}</li>" for u in project.unconfirmed))
        add("</ul>")

    add("<h3>Sources</h3><ol>")
    for sid in order:
        add(f'<li><a name="src-{ref.number[sid]}"></a>{_source_html(sources[sid], c)}</li>')
    add("</ol>")
    return "".join(out)


def _source_html(source: Source, c: Colors) -> str:
    meta = ", ".join(x for x in (source.publisher, source.date or "undated") if x)
    meta_html = f' <span style="color:{c.muted}">({escape(meta)})</span>' if meta else ""
    if source.url:
        return (
            f'{escape(source.title)}{meta_html}<br><a href="{escape(source.url)}">'
            f"{escape(source.url)}</a>"
        )
    return f"{escape(source.title)}{meta_html}"

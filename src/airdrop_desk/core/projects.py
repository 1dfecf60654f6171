"""Your own projects: what you type, checked, becomes a catalog ``Project``.

A project you add is the same struct the catalog uses, so the table, filters, detail
pane, checklists, points, Upcoming and .ics treat it like any other. ``ProjectDraft``
holds what the window's dialog or the command line collected; ``build_project`` checks
every field and returns the project with its sources, or raises ``ProjectFieldError``
naming the field. Nothing is saved by this module.

``check_text`` is the one checker for names and text here (no control, bidi or
zero-width characters; the catalog schema's lengths). It is written to be swapped for
a shared name checker without changing its callers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, get_args

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project, Source

ID_PREFIX = "yours-"
SHORT = 200  # the catalog schema's ShortText
LONG = 4000  # the catalog schema's Text
URL_MAX = 2000
DEFAULT_TIER = "possible"
DEFAULT_DESCRIPTION = "Added by you."
OWN_SOURCE_TITLE = "Entered by you"
RECURRENCES = ("none", "daily", "weekly", "monthly", "every_n_days")

# What the user is told each field is called (the dialog's labels, the CLI's flags).
FIELD_LABELS = {
    "name": "Name",
    "sites": "Official domains",
    "status": "Status",
    "tier": "Tier",
    "narratives": "Narratives",
    "ecosystem": "Ecosystem",
    "token": "Token",
    "description": "Description",
    "notes": "Notes",
    "sources": "Sources",
    "tasks": "Tasks",
    "points": "Points program",
    "events": "Events",
}

# C0 and C1 controls, direction overrides and isolates, zero-width characters and
# the byte-order mark: invisible, or they make text read other than it is.
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_FORBIDDEN_MULTILINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_TLD = re.compile(r"^[a-z]{2,63}$")  # the catalog schema's Domain pattern
_TOKEN = re.compile(r"^[A-Z0-9]{2,10}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ProjectFieldError(ValueError):
    """A field that cannot be saved; ``field`` is its key in ``FIELD_LABELS``."""

    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message
        super().__init__(f"{FIELD_LABELS.get(field, field)}: {message}")


@dataclass(frozen=True)
class TaskInput:
    """An eligibility task: its title, how often it repeats, an optional detail."""

    title: str
    recurrence: str = "none"
    every_days: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class EventInput:
    """A dated milestone: kind (snapshot, claim_open, tge, ...), date, label."""

    kind: str
    date: str
    label: str = ""


@dataclass(frozen=True)
class PointsInput:
    name: str
    description: str = ""


@dataclass(frozen=True)
class ProjectDraft:
    """Every field of a project as the user gave it (not checked yet)."""

    name: str
    sites: tuple[str, ...] = ()
    status: str | None = None
    tier: str = DEFAULT_TIER
    narratives: tuple[str, ...] = ()
    ecosystem: str | None = None
    token: str | None = None
    description: str = ""
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # URLs
    tasks: tuple[TaskInput, ...] = ()
    points: tuple[PointsInput, ...] = ()
    events: tuple[EventInput, ...] = field(default=())


def statuses() -> tuple[str, ...]:
    """The statuses a project may have (the catalog schema's)."""
    from airdrop_desk.core.domain import Status

    return tuple(get_args(Status))


def event_kinds() -> tuple[str, ...]:
    from airdrop_desk.core.domain import EventKind

    return tuple(get_args(EventKind))


def tiers() -> tuple[str, ...]:
    from airdrop_desk.core.vocab import TIERS

    return TIERS


# -- checking ---------------------------------------------------------------------------
def check_text(
    value: str | None,
    field: str,
    limit: int = SHORT,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """``value`` trimmed, or ProjectFieldError: empty when required, longer than
    ``limit`` characters, or holding a control, bidi or zero-width character."""
    text = (value or "").strip()
    if not text:
        if required:
            raise ProjectFieldError(field, "is required")
        return ""
    if len(text) > limit:
        raise ProjectFieldError(field, f"is {len(text):,} characters long; at most {limit:,} fit")
    bad = (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).search(text)
    if bad is not None:
        char = bad.group()
        name = unicodedata.name(char, "a control character")
        raise ProjectFieldError(
            field,
            f"contains an invisible or direction-changing character "
            f"(U+{ord(char):04X}, {name.lower()}) at position {bad.start() + 1}",
        )
    return text


def check_domain(value: str, field: str = "sites") -> str:
    """A domain as the catalog keeps it (lower case ASCII, IDNA for other scripts)."""
    text = check_text(value, field, 253, required=True)
    shown = text
    text = text.casefold()
    for scheme in ("https://", "http://"):
        text = text.removeprefix(scheme)
    text = text.removesuffix("/").removesuffix(".")
    if not text.isascii():
        try:
            text = text.encode("idna").decode("ascii")
        except UnicodeError:
            raise ProjectFieldError(field, f"'{shown}' is not a valid domain name") from None
    labels = text.split(".")
    if (
        len(text) > 253
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or not _TLD.match(labels[-1])
    ):
        raise ProjectFieldError(
            field, f"'{shown}' is not a domain like example.org (no paths, ports or spaces)"
        )
    if any(label.startswith("xn--") for label in labels):
        try:
            text.encode("ascii").decode("idna")
        except UnicodeError:
            raise ProjectFieldError(field, f"'{shown}' is not a valid domain name") from None
    return text


def check_url(value: str, field: str = "sources") -> str:
    from urllib.parse import urlsplit

    text = check_text(value, field, URL_MAX, required=True)
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname or " " in text:
        raise ProjectFieldError(
            field, f"'{text}' is not an https address like https://example.org/"
        )
    check_domain(parts.hostname, field)
    return text


def check_date(value: str, field: str = "events") -> str:
    text = check_text(value, field, 10, required=True)
    if not _DATE.match(text):
        raise ProjectFieldError(field, f"'{text}' is not a date like 2026-12-31")
    padded = text + "-01-01"[len(text) - 4 :] if len(text) < 10 else text
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise ProjectFieldError(field, f"'{text}' is not a real date") from None
    return text


def _choice(value: str | None, allowed: Iterable[str], field: str) -> str:
    allowed = tuple(allowed)
    text = " ".join((value or "").replace("_", " ").replace("-", " ").casefold().split())
    for choice in allowed:
        if text == choice.replace("_", " ").replace("-", " "):
            return choice
    raise ProjectFieldError(field, f"'{value}' is not one of: {', '.join(allowed)}")


# -- the one-line forms the command line and the dialog share ---------------------------
def parse_task(text: str) -> TaskInput:
    """ "TITLE[;every=weekly|daily|monthly|N days][;detail=TEXT]" """
    title, *options = text.split(";")
    recurrence, every, detail = "none", None, ""
    for option in options:
        key, _, value = option.partition("=")
        key, value = key.strip().casefold(), value.strip()
        if key == "every":
            recurrence, every = parse_every(value)
        elif key == "detail":
            detail = value
        else:
            raise ProjectFieldError("tasks", f"'{option.strip()}' is not every=... or detail=...")
    return TaskInput(title, recurrence, every, detail)


def parse_every(value: str) -> tuple[str, int | None]:
    """ "weekly" -> ("weekly", None); "3 days" / "3" -> ("every_n_days", 3)."""
    text = value.casefold().removesuffix("days").removesuffix("day").strip()
    if text in ("daily", "weekly", "monthly", "none"):
        return text, None
    if text.isdigit():
        return "every_n_days", int(text)
    raise ProjectFieldError("tasks", f"every={value} is not daily, weekly, monthly or N days")


def parse_points(text: str) -> PointsInput:
    name, _, description = text.partition(";")
    return PointsInput(name, description)


def parse_event(text: str) -> EventInput:
    kind, equals, rest = text.partition("=")
    if not equals:
        raise ProjectFieldError("events", f"'{text}' is not KIND=DATE[:LABEL]")
    date, _, label = rest.partition(":")
    return EventInput(kind.strip(), date.strip(), label.strip())


# -- building ---------------------------------------------------------------------------
def project_id_for(name: str, taken: Iterable[str] = ()) -> str:
    """``yours-<slug>``: never a catalog id of the app's own, unique among ``taken``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")[:48].strip("-")
    if not slug:
        import hashlib

        slug = hashlib.sha256(name.encode()).hexdigest()[:12]
    base = ID_PREFIX + slug
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def is_yours(project_id: str) -> bool:
    return project_id.startswith(ID_PREFIX)


def build_project(draft: ProjectDraft, project_id: str, today: str) -> tuple[Project, list[Source]]:
    """The checked project and its sources, or ProjectFieldError for the first bad field.

    Every fact you enter cites "Entered by you" (dated ``today``) and the pages you gave.
    """
    import msgspec

    from airdrop_desk.core import domain as d

    name = check_text(draft.name, "name", required=True)
    sites = [check_domain(s) for s in draft.sites if s.strip()]
    if len(set(sites)) != len(sites):
        raise ProjectFieldError("sites", "the same domain is listed twice")
    status = _choice(draft.status, statuses(), "status") if draft.status else None
    tier = _choice(draft.tier or DEFAULT_TIER, tiers(), "tier")
    narratives = [t for n in draft.narratives if (t := check_text(n, "narratives"))]
    ecosystem = check_text(draft.ecosystem, "ecosystem") or None
    symbol = check_text(draft.token, "token").upper().removeprefix("$")
    if symbol and not _TOKEN.match(symbol):
        raise ProjectFieldError("token", f"'{draft.token}' is not a symbol of 2-10 letters/digits")
    description = check_text(draft.description, "description", LONG, multiline=True)
    notes = [t for n in draft.notes if (t := check_text(n, "notes", LONG, multiline=True))]
    urls = [check_url(u) for u in draft.sources if u.strip()]

    own = d.Source(id=project_id, title=OWN_SOURCE_TITLE, date=today)
    sources = [own] + [
        d.Source(id=f"{project_id}-s{n}", title=_url_title(url), url=url)
        for n, url in enumerate(dict.fromkeys(urls), start=1)
    ]
    cite = [s.id for s in sources]

    tasks = []
    for n, task in enumerate(draft.tasks, start=1):
        title = check_text(task.title, "tasks", required=True)
        recurrence = _choice(task.recurrence or "none", RECURRENCES, "tasks")
        every = task.every_days if recurrence == "every_n_days" else None
        if recurrence == "every_n_days" and (every is None or not 1 <= every <= 365):
            raise ProjectFieldError("tasks", f"'{title}': every N days needs N from 1 to 365")
        tasks.append(
            d.TaskTemplate(
                id=f"t{n}",
                title=title,
                sources=cite,
                detail=check_text(task.detail, "tasks", LONG, multiline=True) or None,
                recurrence=None if recurrence == "none" else recurrence,  # type: ignore[arg-type]
                every_days=every,
            )
        )
    points = [
        d.PointsProgram(
            name=check_text(p.name, "points", required=True),
            description=check_text(p.description, "points", LONG, multiline=True)
            or "Points program (entered by you).",
            sources=cite,
        )
        for p in draft.points
    ]
    events = []
    for event in draft.events:
        kind = _choice(event.kind, event_kinds(), "events")
        events.append(
            d.Event(
                kind=kind,  # type: ignore[arg-type]
                date=check_date(event.date),
                label=check_text(event.label, "events") or kind.replace("_", " ").capitalize(),
                sources=cite,
            )
        )
    project = d.Project(
        id=project_id,
        name=d.NameRef(name=name),
        tier=tier,  # type: ignore[arg-type]
        description=description or DEFAULT_DESCRIPTION,
        status=status,  # type: ignore[arg-type]
        status_sources=cite if status else [],
        narratives=narratives,
        ecosystem=ecosystem,
        ecosystem_sources=cite if ecosystem else [],
        notes=notes,
        token=d.Token(symbol=symbol, sources=cite) if symbol else None,
        official_sites=sites,
        official_sites_sources=cite if sites else [],
        events=events,
        points_programs=points,
        task_templates=tasks,
    )
    # The struct's constructor does not check constraints; a round trip does, so a
    # project saved here always loads like a catalog one.
    try:
        msgspec.json.decode(msgspec.json.encode(project), type=d.Project)
        msgspec.json.decode(msgspec.json.encode(sources), type=list[d.Source])
    except msgspec.ValidationError as exc:
        raise ProjectFieldError("name", f"cannot be saved ({exc})") from None
    return project, sources


def _url_title(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.hostname or url)[:SHORT]


def draft_of(project: Project, sources: Iterable[Source]) -> ProjectDraft:
    """What the dialog and ``project edit`` start from: the project's fields."""
    return ProjectDraft(
        name=project.name.name,
        sites=tuple(project.official_sites),
        status=project.status,
        tier=project.tier,
        narratives=tuple(project.narratives),
        ecosystem=project.ecosystem,
        token=project.token.symbol if project.token else None,
        description="" if project.description == DEFAULT_DESCRIPTION else project.description,
        notes=tuple(project.notes),
        sources=tuple(s.url for s in sources if s.url),
        tasks=tuple(
            TaskInput(t.title, t.recurrence or "none", t.every_days, t.detail or "")
            for t in project.task_templates
        ),
        points=tuple(PointsInput(p.name, p.description) for p in project.points_programs),
        events=tuple(EventInput(e.kind, e.date, e.label) for e in project.events),
    )


@dataclass(frozen=True)
class Taken:
    """Names (case-folded) and official domains already used, each with who uses it:
    (project id, where it comes from: "catalog", "yours" or a feed's name, its name)."""

    names: Mapping[str, tuple[str, str, str]]
    domains: Mapping[str, tuple[str, str, str]]


def check_unique(project: Project, taken: Taken) -> None:
    """ProjectFieldError when another project has this name or one of these domains."""
    found = taken.names.get(project.name.name.casefold())
    if found is not None and found[0] != project.id:
        raise ProjectFieldError("name", f"a project named '{project.name.name}' exists already")
    for domain in project.official_sites:
        owner = taken.domains.get(domain)
        if owner is not None and owner[0] != project.id:
            where = "your projects" if owner[1] == "yours" else f"the {owner[1]}"
            raise ProjectFieldError(
                "sites", f"{domain} is already the official domain of {owner[2]} in {where}"
            )

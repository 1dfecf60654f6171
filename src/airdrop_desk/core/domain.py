"""Domain types of the airdrop catalog.

These structs are the catalog schema: ``catalog/load.py`` decodes the bundled
JSON file straight into them (msgspec checks every type and constraint while
decoding), and ``resources/catalog/catalog.schema.json`` is generated from them
(``packaging/catalog_schema.py``; a test keeps the file current).
Every fact that did not come from the seed article names the sources it came from
by id; the ids resolve in ``Catalog.sources``.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from airdrop_desk.core.vocab import STATUSES, TIER_LABELS, TIERS

__all__ = ["STATUSES", "TIERS", "TIER_LABELS"]  # re-exported for existing callers

SCHEMA_VERSION = 1

# "2024", "2024-02", "2024-02-20" or "2024-02-20T12:00Z": sources give dates at
# different precision and the catalog keeps exactly what the source said.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?)?)?$"
PartialDate = Annotated[str, msgspec.Meta(pattern=DATE_PATTERN)]
Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=4000)]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
# Every number has a bound: a catalog cannot carry a value the database cannot store
# (SQLite integers stop at 2**63) or that no project could have. Ten trillion dollars is
# far above any raise or valuation ever made.
MAX_USD = 10**13
Usd = Annotated[int, msgspec.Meta(ge=0, le=MAX_USD)]
Percent = Annotated[int, msgspec.Meta(ge=0, le=100)]
Domain = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")]
SourceIds = Annotated[list[Id], msgspec.Meta(min_length=1)]

Tier = Literal["confirmed", "likely", "possible", "announced", "past"]
Confidence = Literal["certain", "likely", "possible", "unknown"]
# The lifecycle (core.vocab.STATUSES): a catalog states where a project stood on its
# ``as_of`` date; dated events move it on from there (core.status).
Status = Literal[
    "rumoured",
    "farming",
    "snapshot taken",
    "claim open",
    "airdropped",
    "token sale",
    "no token",
    "no airdrop confirmed",
]
EventKind = Literal[
    "snapshot",
    "registration",
    "checker",
    "claim_open",
    "claim_close",
    "tge",
    "mainnet",
    "unlock",
    "deadline",
    "other",
]


class Source(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Where a fact comes from: a web page (url) or the seed article (no url)."""

    id: Id
    title: ShortText
    url: str | None = None
    date: PartialDate | None = None
    publisher: ShortText | None = None


class NameRef(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A name as meant, with the form the article printed when it differs.

    ``confidence`` says how sure the correction of a garbled transcript name is;
    ``project_id`` links a competitor to its own catalog entry.
    """

    name: ShortText
    printed: ShortText | None = None
    confidence: Confidence | None = None
    project_id: Id | None = None

    @property
    def uncertain(self) -> bool:
        return self.confidence in ("possible", "unknown")


class Score(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A rating from the article, with its kind in the article's own words."""

    value: Percent
    kind: Literal["tech score", "credibility score", "legitimacy rating"]


class Amount(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """An amount in USD and how the article worded it ("over $100 million")."""

    usd: Usd
    wording: ShortText


class Fact(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One sourced statement shown in the detail pane."""

    text: Text
    sources: SourceIds


class Event(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A dated milestone: snapshot, claim window edge, TGE, ..."""

    kind: EventKind
    date: PartialDate
    label: ShortText
    sources: SourceIds


class Token(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    symbol: Annotated[str, msgspec.Meta(pattern=r"^[A-Z0-9]{2,10}$")]
    sources: SourceIds


class PointsProgram(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: ShortText
    description: Text
    sources: SourceIds


class TaskTemplate(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """An eligibility task people did for this airdrop; profiles tick these off."""

    id: Id
    title: ShortText
    sources: SourceIds
    detail: Text | None = None
    # How often a tracked copy repeats (tracking's recurrences); None: once.
    recurrence: Literal["daily", "weekly", "monthly", "every_n_days"] | None = None
    every_days: Annotated[int, msgspec.Meta(ge=1, le=365)] | None = None


class Correction(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Where a source contradicts the article: both are shown side by side."""

    topic: ShortText
    article_claim: Text
    sourced_figure: Text
    sources: SourceIds


class Project(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One catalog entry: an airdrop project (or a past airdrop the article cites)."""

    id: Id
    name: NameRef
    tier: Tier
    description: Text
    status: Status | None = None
    status_sources: list[Id] = []
    # Where the catalog groups the project ("Live watchlist"): a filter and a heading.
    section: ShortText | None = None
    # The day the project's status and facts were last checked against its sources.
    as_of: PartialDate | None = None
    aliases: list[NameRef] = []
    score: Score | None = None
    narratives: list[ShortText] = []
    ecosystem: ShortText | None = None
    ecosystem_sources: list[Id] = []
    competitors: list[NameRef] = []
    raised: Amount | None = None
    valuation: Amount | None = None
    investors: list[NameRef] = []
    testnet: NameRef | None = None
    notes: list[Text] = []
    conflicts: list[Text] = []
    token: Token | None = None
    official_sites: list[Domain] = []
    official_sites_sources: list[Id] = []
    events: list[Event] = []
    points_programs: list[PointsProgram] = []
    task_templates: list[TaskTemplate] = []
    facts: list[Fact] = []
    unconfirmed: list[Text] = []
    corrections: list[Correction] = []


class Catalog(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """The whole catalog file."""

    schema_version: Annotated[int, msgspec.Meta(ge=-(2**31), le=2**31)]
    catalog_version: ShortText
    article_source: Id
    sources: list[Source]
    projects: list[Project]
    # A signed feed's file is refused after this day (a stale file replayed is not news).
    expires: Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None

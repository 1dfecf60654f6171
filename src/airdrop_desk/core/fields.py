"""Catalog fields, declared once.

One ``Field`` per catalog field says everything the app does with it:

- ``value``: its value on the compact project row, derived from a ``Project``. A field
  ``stored`` as ``ROW`` is a fixed column the start-up path reads; one stored as
  ``EXTRA`` lives in the row's JSON text, so a new field needs no schema change
  (stored catalog versions are derived again once, when the set of fields changes);
- ``facet``: how it filters. The filter engine (``core.filters``), the window's filter
  bar and the ``airdrop-desk projects`` flags are all built from it;
- ``column``: the project table's column, if it has one;
- ``detail``: its row in the detail pane's "From the article" table;
- ``words``: what it adds to the text search.

Imported on the way to the window's first paint, so it imports nothing heavy (the
domain types only for type checking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from airdrop_desk.core.eligibility_vocab import ELIGIBILITY
from airdrop_desk.core.rows import SEP, ProjectRow
from airdrop_desk.core.rows import extra_values as extra_values
from airdrop_desk.core.tracking_vocab import MY_STATUSES
from airdrop_desk.core.vocab import FINISHED, STATUS_LABELS, STATUSES, TIER_LABELS, TIERS

if TYPE_CHECKING:
    from airdrop_desk.core.domain import NameRef, Project

# Where a field's row value is kept.
ROW = "row"  # a fixed column of the stored row, read at start-up
EXTRA = "extra"  # in the row's JSON text: adding such a field needs no migration

# Facet kinds: how a field filters.
SEARCH = "search"  # the text query
CHOICES = "choices"  # fixed choices, several at once (a set of values)
MIN = "min"  # at least this much
RANGE = "range"  # between two amounts; the spec keys are KEY_min and KEY_max
PICK = "pick"  # one of the values the catalog has, offered with their counts
TOGGLE = "toggle"  # yes (True) or no (False)
PROFILE = "profile"  # the current profile's status with the project (from the user data)

MILLION = 1_000_000


def format_usd(amount: int | None) -> str:
    """$6.7M, $8B, $450M; an em dash when unknown."""
    if amount is None:
        return "—"
    units = (("B", 1_000_000_000), ("M", 1_000_000), ("K", 1_000))
    for n, (unit, size) in enumerate(units):
        if amount >= size:
            value = amount / size
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            if text == "1000" and n:  # $999,999 is "$1M", not "$1000K"
                return f"$1{units[n - 1][0]}"
            return f"${text}{unit}"
    return f"${amount}"


TIER_ORDER: dict[str, int] = {tier: i for i, tier in enumerate(TIER_LABELS)}
STATUS_ORDER: dict[str, int] = {status: i for i, status in enumerate(STATUSES)}


def tier_text(row: ProjectRow) -> str:
    """The tier as the table shows it: a finished airdrop's tier was a prediction, and
    reads as one ("was Confirmed"), not as a live rating."""
    label = TIER_LABELS[row.tier]
    return f"was {label}" if row.status in FINISHED and row.tier != "past" else label


def _timeline(p: Project) -> list[str] | None:
    from airdrop_desk.core.status import timeline

    return timeline(p)


# -- parsing what people type (command line flags) --------------------------------------
def parse_score(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{value} is outside 0..100")
    return value


_SUFFIXES = {"k": 1_000, "m": MILLION, "b": 1_000_000_000}


def parse_usd(text: str) -> int:
    """An amount in USD: 250000, 200k, 1.5M, $3B (commas and a leading $ allowed)."""
    cleaned = text.strip().removeprefix("$").replace(",", "").replace("_", "")
    factor = _SUFFIXES.get(cleaned[-1:].casefold(), 1)
    number = cleaned[:-1] if factor != 1 else cleaned
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"'{text}' is not an amount like 250000, 200k, 1.5M or 3B") from None
    if not 0 <= value < 10**16:  # also refuses nan and inf
        raise ValueError(f"'{text}' is not an amount of 0 or more")
    return round(value * factor)


def parse_yes_no(text: str) -> bool:
    answer = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
    found = answer.get(text.strip().casefold())
    if found is None:
        raise ValueError(f"'{text}' is not yes or no")
    return found


def choice_parser(choices: Mapping[str, str]) -> Callable[[str], str]:
    """A parser accepting a choice's key or label, any case, with - _ or space between words."""

    def norm(text: str) -> str:
        return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())

    known = {norm(k): k for k in choices} | {norm(label): k for k, label in choices.items()}

    def parse(text: str) -> str:
        found = known.get(norm(text))
        if found is None:
            raise ValueError(f"'{text}' is not one of: {', '.join(choices)}")
        return found

    return parse


# -- the declarations -------------------------------------------------------------------
class Flag(NamedTuple):
    """One ``airdrop-desk projects`` option and the filter key it sets."""

    option: str  # "--raised-min"
    key: str  # the FilterSpec key it sets
    help: str
    metavar: str | None = None
    parse: Callable[[str], Any] | None = None  # raises ValueError with a message
    const: Any = None  # not None: a switch that sets ``key`` to this
    repeat: bool = False  # may be given several times; the values form a set
    choices: Sequence[str] | None = None


class Facet(NamedTuple):
    """How a field filters; ``name`` is how controls and messages call it."""

    kind: str
    key: str  # the FilterSpec key (a RANGE: its two keys are key_min and key_max)
    name: str
    flags: tuple[Flag, ...] = ()
    choices: Mapping[str, str] | None = None  # CHOICES and PROFILE: value -> label
    unit: int = 1  # RANGE: what one step of the window's boxes is worth
    absent: str = ""  # PROFILE: the value of a project the profile has no data for

    def filter_keys(self) -> tuple[str, ...]:
        if self.kind == RANGE:
            return (f"{self.key}_min", f"{self.key}_max")
        return (self.key,)

    def default(self) -> Any:
        """The value that does not filter."""
        return "" if self.kind == SEARCH else frozenset() if self.kind == CHOICES else None


class Column(NamedTuple):
    """A table column: its title, how a row shows in it, and the value it sorts by.

    ``value`` returns None for a missing value (no score, undisclosed funding).
    """

    key: str
    title: str
    display: Callable[[ProjectRow], str]
    value: Callable[[ProjectRow], Any]
    numeric: bool = False
    position: int = 1000  # columns are shown in this order; new ones go last by default


class Detail(NamedTuple):
    """A row of the detail pane's "From the article" table.

    ``kind`` says how the pane renders ``value(project)``: "text" (a string or a list
    of strings), "names" (name references), "linked_names" (name references linking
    to their own catalog entry), "name" (one name reference) or "money" (an amount
    with the article's wording). ``sources`` gives the source ids shown after it.
    """

    kind: str
    value: Callable[[Project], Any]
    sources: Callable[[Project], Sequence[str]] | None = None


class Field(NamedTuple):
    """One catalog field; see the module docstring."""

    key: str  # its name on the row (and in the row's extra JSON)
    label: str  # what the window calls it ("Raised", "Narratives")
    value: Callable[[Project], Any] | None = None  # None: not on the compact row
    stored: str = ROW
    facet: Facet | None = None
    column: Column | None = None
    detail: Detail | None = None
    words: Callable[[Project], Iterable[str]] | None = None  # text search words
    many: bool = False  # several values: SEP-joined on a ROW column, a list in EXTRA

    def get(self, row: ProjectRow) -> Any:
        """This field's value on ``row``."""
        if self.stored == ROW:
            return getattr(row, self.key)
        return extra_values(row.extra).get(self.key)


def _names(ref: NameRef) -> list[str]:
    return [ref.name, ref.printed] if ref.printed else [ref.name]


def _all_names(refs: Iterable[NameRef]) -> list[str]:
    return [n for ref in refs for n in _names(ref)]


def _joined(row_text: str) -> str:
    return row_text.replace(SEP, ", ")


FIELDS: tuple[Field, ...] = (
    Field(
        "name",
        "Project",
        value=lambda p: p.name.name,
        facet=Facet(
            SEARCH, "text", "search", flags=(Flag("--search", "text", "text search", "Q"),)
        ),
        column=Column(
            "name", "Project", lambda r: r.name, lambda r: r.name.casefold(), position=10
        ),
        words=lambda p: [
            p.name.name,
            *([p.name.printed] if p.name.printed else []),
            *_all_names(p.aliases),
        ],
    ),
    Field(
        "tier",
        "Tier",
        value=lambda p: p.tier,
        facet=Facet(
            CHOICES,
            "tiers",
            "tier",
            flags=(
                Flag(
                    "--tier",
                    "tiers",
                    "keep this tier (repeat for several)",
                    repeat=True,
                    choices=TIERS,
                ),
            ),
            choices=TIER_LABELS,
        ),
        column=Column("tier", "Tier", tier_text, lambda r: TIER_ORDER[r.tier], position=20),
    ),
    Field(
        "my_status",
        "My status",
        facet=Facet(
            PROFILE,
            "my_status",
            "my status",
            flags=(
                Flag(
                    "--my-status",
                    "my_status",
                    "your status with the project, for --profile: "
                    + ", ".join(k.replace("_", "-") for k in MY_STATUSES),
                    "STATUS",
                    parse=choice_parser(MY_STATUSES),
                ),
            ),
            choices=MY_STATUSES,
            absent="not_tracked",
        ),
    ),
    Field(
        "eligible",
        "Eligible",
        facet=Facet(
            PROFILE,
            "eligible",
            "eligible",
            flags=(
                Flag(
                    "--eligible",
                    "eligible",
                    "the profile's eligibility from imported allocation lists, for --profile: "
                    + ", ".join(k.replace("_", "-") for k in ELIGIBILITY),
                    "STATUS",
                    parse=choice_parser(ELIGIBILITY),
                ),
            ),
            choices=ELIGIBILITY,
            absent="no_list",
        ),
    ),
    Field(
        "score",
        "Score",
        value=lambda p: p.score.value if p.score else None,
        facet=Facet(
            MIN,
            "min_score",
            "score",
            flags=(Flag("--min-score", "min_score", "minimum score, 0..100", "N", parse_score),),
        ),
        column=Column(
            "score",
            "Score",
            lambda r: "—" if r.score is None else f"{r.score}%",
            lambda r: None if r.score is None else -r.score,
            numeric=True,
            position=30,
        ),
    ),
    Field(
        "narratives",
        "Narratives",
        value=lambda p: SEP.join(p.narratives),
        facet=Facet(
            PICK,
            "narrative",
            "narrative",
            flags=(Flag("--narrative", "narrative", "keep projects with this narrative", "X"),),
        ),
        column=Column(
            "narratives",
            "Narratives",
            lambda r: _joined(r.narratives),
            lambda r: r.narratives.casefold() or None,
            position=50,
        ),
        detail=Detail("text", lambda p: p.narratives),
        words=lambda p: p.narratives,
        many=True,
    ),
    Field(
        "ecosystem",
        "Ecosystem",
        value=lambda p: p.ecosystem,
        facet=Facet(
            PICK,
            "ecosystem",
            "ecosystem",
            flags=(Flag("--ecosystem", "ecosystem", "keep projects of this ecosystem", "X"),),
        ),
        detail=Detail("text", lambda p: p.ecosystem, lambda p: p.ecosystem_sources),
    ),
    Field(
        "competitors",
        "Competitors",
        value=lambda p: [ref.name for ref in p.competitors],
        stored=EXTRA,
        facet=Facet(
            PICK,
            "competitor",
            "competitor",
            flags=(Flag("--competitor", "competitor", "keep projects competing with X", "X"),),
        ),
        detail=Detail("linked_names", lambda p: p.competitors),
        words=lambda p: _all_names(p.competitors),
        many=True,
    ),
    Field(
        "raised",
        "Raised",
        value=lambda p: p.raised.usd if p.raised else None,
        facet=Facet(
            RANGE,
            "raised",
            "raised",
            flags=(
                Flag(
                    "--raised-min",
                    "raised_min",
                    "raised at least, in USD (e.g. 1.5M)",
                    "USD",
                    parse_usd,
                ),
                Flag(
                    "--raised-max",
                    "raised_max",
                    "raised at most, in USD (e.g. 200M)",
                    "USD",
                    parse_usd,
                ),
            ),
            unit=MILLION,
        ),
        column=Column(
            "raised",
            "Raised",
            lambda r: format_usd(r.raised),
            lambda r: None if r.raised is None else -r.raised,
            numeric=True,
            position=40,
        ),
        detail=Detail("money", lambda p: p.raised),
    ),
    Field("valuation", "Valuation", detail=Detail("money", lambda p: p.valuation)),
    Field(
        "investors",
        "Investors",
        value=lambda p: SEP.join(ref.name for ref in p.investors),
        facet=Facet(
            PICK,
            "investor",
            "investor",
            flags=(Flag("--investor", "investor", "keep projects backed by this investor", "X"),),
        ),
        detail=Detail("names", lambda p: p.investors),
        words=lambda p: _all_names(p.investors),
        many=True,
    ),
    Field("testnet", "Testnet", detail=Detail("name", lambda p: p.testnet)),
    Field(
        "token",
        "Token",
        value=lambda p: p.token.symbol if p.token else None,
        column=Column("token", "Token", lambda r: r.token or "—", lambda r: r.token, position=60),
        words=lambda p: [p.token.symbol] if p.token else [],
    ),
    Field(
        "status",
        "Status",
        # The catalog's status; the row then carries the status of the day it is shown
        # (core.status moves it on by the dates in ``timeline``).
        value=lambda p: p.status,
        facet=Facet(
            CHOICES,
            "statuses",
            "status",
            flags=(
                Flag(
                    "--status",
                    "statuses",
                    "keep projects with this status today (repeat for several): "
                    + ", ".join(s.replace(" ", "-") for s in STATUSES),
                    "S",
                    parse=choice_parser(STATUS_LABELS),
                    repeat=True,
                ),
            ),
            choices=STATUS_LABELS,
        ),
        column=Column(
            "status",
            "Status",
            lambda r: STATUS_LABELS.get(r.status, "—") if r.status else "—",
            lambda r: None if r.status is None else STATUS_ORDER.get(r.status, len(STATUS_ORDER)),
            position=70,
        ),
    ),
    Field("timeline", "Dates that move the status", value=_timeline, stored=EXTRA),
    Field(
        "section",
        "Section",
        value=lambda p: p.section,
        stored=EXTRA,
        facet=Facet(
            PICK,
            "section",
            "section",
            flags=(Flag("--section", "section", "keep projects of this catalog section", "X"),),
        ),
    ),
    Field(
        "has_points",
        "Points program",
        value=lambda p: int(bool(p.points_programs)),
        facet=Facet(
            TOGGLE,
            "has_points",
            "points program",
            flags=(
                Flag(
                    "--has-points", "has_points", "only projects with points programs", const=True
                ),
                Flag(
                    "--points-program",
                    "has_points",
                    "yes: only projects with a points program; no: only those without",
                    "yes|no",
                    parse_yes_no,
                ),
            ),
        ),
    ),
)


def origin_of(row: ProjectRow) -> str:
    """Where a row comes from: "catalog", "yours" or a subscribed feed's name."""
    return str(extra_values(row.extra).get("origin") or "catalog")


def _origin_shown(row: ProjectRow) -> str:
    origin = origin_of(row)
    return "" if origin == "catalog" else "Yours" if origin == "yours" else origin


FIELDS += (
    # Set on the row when the layers are composed (``catalog.layers``), not derived from
    # the project: absent on the catalog's own rows, so it changes no stored row.
    Field(
        "origin",
        "From",
        stored=EXTRA,
        column=Column(
            "origin",
            "From",
            _origin_shown,
            lambda r: _origin_shown(r).casefold() or None,
            position=65,
        ),
    ),
)

FIELD_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
FACETS: tuple[tuple[Field, Facet], ...] = tuple((f, f.facet) for f in FIELDS if f.facet)
#: Every FilterSpec key with its "does not filter" value, in declaration order.
FILTER_DEFAULTS: dict[str, Any] = {k: fc.default() for _, fc in FACETS for k in fc.filter_keys()}
EXTRA_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.stored == EXTRA and f.value)
#: Names the stored rows' derivation: stored catalog versions with another one are
#: derived again from their projects (``catalog.sync``).
ROW_FORMAT = "1:" + ",".join(f.key for f in EXTRA_FIELDS)


def columns() -> tuple[Column, ...]:
    """The table's columns, in their order."""
    found = [f.column for f in FIELDS if f.column]
    return tuple(sorted(found, key=lambda c: c.position))


_ROW_VALUES = [(f.key, f.value) for f in FIELDS if f.value and f.stored == ROW]
_EXTRA_VALUES = [(f.key, f.value) for f in EXTRA_FIELDS if f.value]
_WORDS = [f.words for f in FIELDS if f.words]


def project_row(p: Project) -> ProjectRow:
    """The compact row of ``p``: its fixed columns, its extra fields as JSON, search text."""
    import json

    aliases = ([p.name.printed] if p.name.printed else []) + _all_names(p.aliases)
    values = {key: value(p) for key, value in _ROW_VALUES}
    extra = {key: v for key, value in _EXTRA_VALUES if (v := value(p)) not in (None, [], "")}
    words = [w for of in _WORDS for w in of(p)]
    return ProjectRow(
        id=p.id,
        aliases=SEP.join(dict.fromkeys(aliases)),
        score_kind=p.score.kind if p.score else None,
        search=SEP.join(words).casefold(),
        extra=json.dumps(extra, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        **values,
    )

"""The one filter engine: the window's filter bar and ``airdrop-desk projects`` both use it.

What can be filtered, and how, comes from the field declarations (``core.fields``).
``ProjectIndex`` precomputes, once per catalog, flat per-project columns from the
project rows (case-folded search text, tier, score, facet sets, ...) so that one
filter pass over 100,000 projects is a handful of list comprehensions. A text query
that extends the previous one only re-checks the previous matches, which keeps
typing instant.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING, Any, NamedTuple

from airdrop_desk.core.fields import (
    CHOICES,
    EXTRA,
    FACETS,
    FIELDS,
    FILTER_DEFAULTS,
    MIN,
    PICK,
    PROFILE,
    RANGE,
    SEARCH,
    TOGGLE,
    Facet,
    Field,
    extra_values,
)
from airdrop_desk.core.rows import SEP, ProjectRow, split
from airdrop_desk.core.status import DayStatuses

if TYPE_CHECKING:
    import datetime as dt

    from airdrop_desk.core.domain import Project


PICKER_LIMIT = 500


class FilterSpec:
    """What the user asked to see: a value per filter key of ``core.fields``.

    Keys left out (or at their default) do not filter. A range given backwards (its
    minimum above its maximum) is kept the right way round (``backwards`` tells which
    were). Immutable and hashable; read a key as an attribute (``spec.min_score``).
    """

    __slots__ = ("_values", "text")

    text: str
    _values: dict[str, Any]

    def __init__(self, text: str = "", **values: Any) -> None:
        object.__setattr__(self, "text", text)
        kept: dict[str, Any] = {}
        for key, value in values.items():
            if key not in FILTER_DEFAULTS or key == "text":
                raise TypeError(f"FilterSpec has no filter named {key!r}")
            default = FILTER_DEFAULTS[key]
            if isinstance(default, frozenset):
                value = frozenset(value or ())
            if value is not None and value != "" and value != default:
                kept[key] = value
        for low, high in _RANGE_KEYS:  # entered backwards: meant the other way round
            if low in kept and high in kept and kept[low] > kept[high]:
                kept[low], kept[high] = kept[high], kept[low]
        object.__setattr__(self, "_values", kept)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values.get(name, FILTER_DEFAULTS[name])
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("FilterSpec is immutable; use with_()")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FilterSpec):
            return NotImplemented
        return self.text == other.text and self._values == other._values

    def __hash__(self) -> int:
        return hash((self.text, frozenset(self._values.items())))

    def __repr__(self) -> str:
        shown = ({"text": self.text} if self.text else {}) | self._values
        return f"FilterSpec({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    def facets(self) -> dict[str, Any]:
        """The filters set besides the text, by key."""
        return dict(self._values)

    def is_default(self) -> bool:
        return not self.text and not self._values

    def with_(self, **changes: Any) -> FilterSpec:
        merged = {"text": self.text, **self._values, **changes}
        return FilterSpec(**merged)

    def _asdict(self) -> dict[str, Any]:
        return {**FILTER_DEFAULTS, **self._values, "text": self.text}


# How each facet kind tests a value; ``want`` is the spec's value, prepared by _prepare.
_Match = Callable[[list[Any], Any, Iterable[int]], list[int]]
_MATCH: dict[str, _Match] = {
    CHOICES: lambda col, want, rows: [i for i in rows if col[i] in want],
    "min": lambda col, low, rows: [i for i in rows if col[i] >= low],
    "max": lambda col, high, rows: [i for i in rows if 0 <= col[i] <= high],
    "contains": lambda col, want, rows: [i for i in rows if want in col[i]],
    "equals": lambda col, want, rows: [i for i in rows if col[i] == want],
    "yes": lambda col, _want, rows: [i for i in rows if col[i]],
    "no": lambda col, _want, rows: [i for i in rows if not col[i]],
}


def _test(field: Field, facet: Facet, key: str, want: Any) -> tuple[str, Any]:
    """The matcher to use for ``key`` = ``want`` and the value it compares with."""
    kind = facet.kind
    if kind == CHOICES:
        return CHOICES, want
    if kind in (MIN, RANGE):
        return ("max", want) if key.endswith("_max") else ("min", want)
    if kind == PICK:
        name = pick_key(field, str(want))
        return ("contains", f"{SEP}{name}{SEP}") if field.many else ("equals", name)
    if kind == TOGGLE:
        return ("yes" if want else "no"), want
    return "equals", want  # PROFILE


#: Fields whose values are organisations: one picker entry and one filter value per
#: organisation however the catalog spells it ("Dragonfly", "Dragonfly Capital").
ORGANISATIONS = frozenset({"investors"})


def _same(field: Field) -> Callable[[str], str] | None:
    """How ``field``'s values are told apart when they may be spelt several ways."""
    if field.key in ORGANISATIONS:
        from airdrop_desk.core.synonyms import organisation

        return organisation
    return None


def pick_key(field: Field, name: str) -> str:
    """The form a picked ``name`` is compared in: case-folded, an organisation's name
    reduced to the organisation."""
    same = _same(field)
    return same(name) if same else name.casefold()


def same_pick(facet_key: str, a: str, b: str) -> bool:
    """Whether picker values ``a`` and ``b`` of the facet ``facet_key`` pick the same."""
    field = _BY_KEY[facet_key][0]
    return pick_key(field, a) == pick_key(field, b)


_BY_KEY: dict[str, tuple[Field, Facet]] = {
    key: (field, facet)
    for field, facet in FACETS
    for key in facet.filter_keys()
    if facet.kind != SEARCH
}
_RANGE_KEYS = [facet.filter_keys() for _, facet in FACETS if facet.kind == RANGE]


def backwards(values: Mapping[str, Any]) -> list[Facet]:
    """The ranges in ``values`` (filter key -> value) whose minimum is above their
    maximum: ``FilterSpec`` turns them round; the window and command line say so."""
    found = []
    for _field, facet in FACETS:
        if facet.kind == RANGE:
            low, high = (values.get(k) for k in facet.filter_keys())
            if low is not None and high is not None and low > high:
                found.append(facet)
    return found


class ProjectIndex:
    """Filterable, sortable columns over a fixed list of project rows.

    ``rows`` holds the rows given, each with its status on ``today`` (``core.status``;
    the computer's date unless given), and again on the day given to ``set_today``. The
    rows given are left as they are.
    """

    def __init__(self, rows: Sequence[ProjectRow], today: dt.date | None = None) -> None:
        self.rows: list[ProjectRow] = list(rows)
        self._text = [r.search for r in rows]
        self._columns: dict[str, list[Any]] = {}  # facet columns, built on first use
        self._last: tuple[FilterSpec, list[int]] | None = None
        self._profile: dict[str, dict[str, str]] = {}  # PROFILE facet key -> id -> value
        self._named: dict[str, list[int]] | None = None  # rows by name and alias
        self._days = DayStatuses(self.rows)
        if today is None:
            from airdrop_desk.core.clock import today as local_today

            today = local_today()
        self._days.set_day(today)

    @property
    def today(self) -> dt.date:
        """The day the rows' statuses are for."""
        assert self._days.day is not None
        return self._days.day

    def set_today(self, day: dt.date) -> bool:
        """Statuses as of ``day`` (the date changed while the window was open); True when
        a project's status changed, so that views showing them refresh."""
        if not self._days.set_day(day):
            return False
        self._columns.pop("status", None)
        self._last = None
        return True

    def set_profile_values(self, key: str, values: Mapping[str, str]) -> None:
        """The current profile's value of a PROFILE facet per project id; absent ids have
        the facet's ``absent`` value."""
        self._profile[key] = dict(values)
        self._columns.pop(key, None)
        self._last = None  # the same spec can now match other projects

    def set_my_status(self, statuses: Mapping[str, str]) -> None:
        """The current profile's status per project id; absent ids are "not tracked"."""
        self.set_profile_values("my_status", statuses)

    def _column(self, field: Field, facet: Facet) -> list[Any]:
        """The values ``facet`` compares, one per row, computed the first time it is used."""
        found = self._columns.get(field.key)
        if found is None:
            rows = self.rows
            kind = facet.kind
            if kind == PROFILE:
                value, absent = self._profile.get(field.key, {}).get, facet.absent
                found = [value(r.id, absent) for r in rows]
            elif kind == PICK and _same(field):
                found = _keyed_column(rows, field)
            elif field.stored == EXTRA:
                found = [field.get(r) for r in rows]
                if kind in (MIN, RANGE):
                    found = [-1 if v is None else v for v in found]
                elif kind == PICK and field.many:  # SEP-joined: one C-speed `in` tests a name
                    found = [f"{SEP}{SEP.join(v or ())}{SEP}".casefold() for v in found]
                elif kind == PICK:
                    found = [str(v or "").casefold() for v in found]
            elif kind in (MIN, RANGE):
                found = [-1 if v is None else v for v in (getattr(r, field.key) for r in rows)]
            elif kind == PICK and field.many:  # SEP-delimited: one `in` tests a name
                found = [f"{SEP}{getattr(r, field.key)}{SEP}".casefold() for r in rows]
            elif kind == PICK:
                found = [(getattr(r, field.key) or "").casefold() for r in rows]
            else:
                found = [getattr(r, field.key) for r in rows]
            self._columns[field.key] = found
        return found

    @classmethod
    def from_projects(cls, projects: Iterable[Project]) -> ProjectIndex:
        from airdrop_desk.core.fields import project_row

        return cls([project_row(p) for p in projects])

    def __len__(self) -> int:
        return len(self.rows)

    def filter(self, spec: FilterSpec) -> list[int]:
        """Indices of the projects that match ``spec``, in catalog order."""
        last = self._last
        if last and last[0].facets() == spec.facets() and _narrows(last[0].text, spec.text):
            rows: Iterable[int] = last[1]  # the new query only narrows the previous one
        else:
            rows = self._apply_facets(spec, range(len(self.rows)))
        result = self._search(rows, terms(spec.text))
        self._last = (spec, result)
        return result

    def _search(self, rows: Iterable[int], wanted: Sequence[tuple[str, ...]]) -> list[int]:
        """``rows`` whose search text holds one spelling of every term."""
        text = self._text
        for spellings in wanted:
            if len(spellings) == 1:
                term = spellings[0]
                rows = [i for i in rows if term in text[i]]
            else:
                rows = [i for i in rows if any(s in text[i] for s in spellings)]
        return list(rows)

    def facet_counts(self, spec: FilterSpec, key: str, limit: int = PICKER_LIMIT) -> PickerValues:
        """The picker ``key``'s choices as ``facet_values`` gives them, counted among the
        projects the other filters of ``spec`` show: each choice, added to those
        filters, shows that many projects (a choice that would show none is left out)."""
        field, _facet = _BY_KEY[key]
        others = spec.with_(**{key: None})
        rows = self._search(self._apply_facets(others, range(len(self.rows))), terms(spec.text))
        projects = self.rows
        return _pick_values([projects[i] for i in rows], field, limit)

    def rank(self, spec: FilterSpec, rows: list[int]) -> list[int]:
        """``rows`` (matches of ``spec``) by how well they match its search: first the
        projects named exactly as typed (name or alias), then those whose name or an
        alias holds every term, then the rest; ``rows``' own order within each."""
        wanted = terms(spec.text)
        if not wanted or len(rows) < 2:
            return rows
        names = self._names()
        if len(wanted) == 1 and len(wanted[0]) == 1:
            term = wanted[0][0]
            named = [term in names[i] for i in rows]
        else:
            named = [all(any(s in names[i] for s in ss) for ss in wanted) for i in rows]
        typed = " ".join(spec.text.casefold().split())
        by_name = self._by_name()
        exact = set(by_name.get(typed, ()))
        for spelling in wanted[0] if len(wanted) == 1 else ():
            exact.update(by_name.get(spelling, ()))
        if exact:
            first = [i for i in rows if i in exact]
            named = [n and i not in exact for i, n in zip(rows, named, strict=True)]
            others = [not n and i not in exact for i, n in zip(rows, named, strict=True)]
        else:
            first, others = [], list(map(not_, named))
        second = list(compress(rows, named))
        if not first and len(second) in (0, len(rows)):
            return rows
        return first + second + list(compress(rows, others))

    def _by_name(self) -> dict[str, list[int]]:
        """The projects by each of their names and aliases, case-folded."""
        found = self._named
        if found is None:
            found = self._named = {}
            for i, row in enumerate(self.rows):
                for name in (row.name, *split(row.aliases)):
                    found.setdefault(name.casefold(), []).append(i)
        return found

    def _names(self) -> list[str]:
        """Each project's name and aliases, case-folded, each between SEPs."""
        found = self._columns.get(" names")
        if found is None:
            found = self._columns[" names"] = [
                f"{SEP}{r.name}{SEP}{r.aliases}{SEP}".casefold() for r in self.rows
            ]
        return found

    def _apply_facets(self, spec: FilterSpec, rows: Iterable[int]) -> list[int]:
        for key, want in spec.facets().items():
            field, facet = _BY_KEY[key]
            how, value = _test(field, facet, key, want)
            rows = _MATCH[how](self._column(field, facet), value, rows)
        return list(rows)

    def facet_values(self, limit: int = PICKER_LIMIT) -> dict[str, PickerValues]:
        """Picker choices (display form, number of projects), most common first; at most
        ``limit`` each (a field with a value per project, such as competitors in a large
        catalog, would otherwise fill a picker with as many entries). An organisation
        spelt several ways is one choice, counting each project once."""
        return {
            facet.key: _pick_values(self.rows, field, limit)
            for field, facet in FACETS
            if facet.kind == PICK
        }


PickerValues = list[tuple[str, int]]


def _value_lists(rows: Sequence[ProjectRow], field: Field) -> Iterable[tuple[Sequence[str], int]]:
    """``field``'s values on ``rows``: each distinct list of values, with how many rows
    have it (the same combinations repeat: each is split or decoded once)."""
    if field.stored == EXTRA:
        for text, n in Counter(r.extra for r in rows).items():
            value = extra_values(text).get(field.key)
            yield (value or () if field.many else [value] if value else []), n
    elif field.many:
        for joined, n in Counter(getattr(r, field.key) for r in rows).items():
            yield split(joined), n
    else:
        for value, n in Counter(getattr(r, field.key) for r in rows).items():
            yield ([value] if value else []), n


def _pick_values(rows: Sequence[ProjectRow], field: Field, limit: int) -> PickerValues:
    same = _same(field)
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for names, n in _value_lists(rows, field):
        if same is None:
            for name in set(names):
                counts[name] += n
            continue
        for key in {same(name) for name in names}:
            counts[key] += n
        for name in names:
            spellings.setdefault(same(name), Counter())[name] += n
    if same is not None:
        from airdrop_desk.core.synonyms import organisation_name

        shown = {}
        for key, spelt in spellings.items():
            if len(spelt) == 1:
                shown[key] = next(iter(spelt))
            else:  # "Dragonfly" and "Dragonfly Capital": the organisation's own name
                shown[key] = organisation_name(spelt.most_common(1)[0][0])
        counts = Counter({shown[key]: n for key, n in counts.items()})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:limit]


def _keyed_column(rows: Sequence[ProjectRow], field: Field) -> list[str]:
    """Per row, ``field``'s values in the form ``pick_key`` compares (SEP-joined and
    between SEPs when it has several)."""
    found: list[str] = []
    seen: dict[str, str] = {}
    same = _same(field) or str.casefold
    for row in rows:
        value = field.get(row)
        raw = value if isinstance(value, str) else SEP.join(value or ())
        keyed = seen.get(raw)
        if keyed is None:
            names = split(raw) if field.many else ([raw] if raw else [])
            joined = SEP.join(same(n) for n in names)
            keyed = seen[raw] = f"{SEP}{joined}{SEP}" if field.many else joined
        found.append(keyed)
    return found


_TERMS: dict[str, list[tuple[str, ...]]] = {}


def terms(text: str) -> list[tuple[str, ...]]:
    """The search ``text`` as terms, each the spellings of which one must occur in a
    project's search text (a synonym has several: "l2" is also "layer 2")."""
    found = _TERMS.get(text)
    if found is None:
        words = text.casefold().split()
        if words:
            from airdrop_desk.core.synonyms import expand

            found = expand(words)
        else:
            found = []
        if len(_TERMS) > 1024:
            _TERMS.clear()
        _TERMS[text] = found
    return found


class Reason(NamedTuple):
    """Why a project matched a search: which of its fields held a term, and the word."""

    field: str  # "name", "alias", "narrative", "investor", "competitor", "token", ...
    value: str  # as the catalog writes it: "Tyco", "Tiger Global"

    def __str__(self) -> str:
        return self.field if self.field == "name" else f"{self.field} {self.value}"


def explain(project: Project, text: str) -> list[Reason]:
    """Why ``project`` matches the search ``text``: for each term, the first word of the
    project's search words (its fields' ``words``, in declaration order) holding it."""
    wanted = terms(text)
    if not wanted:
        return []
    words = list(_reasons(project))
    typed = " ".join(text.casefold().split())
    if len(wanted) > 1:  # words read as one phrase where they are one ("taka global")
        whole = next((r for r in words if typed in r.value.casefold()), None)
        if whole is not None:
            return [whole]
    found: list[Reason] = []
    for spellings in wanted:
        for reason in words:
            folded = reason.value.casefold()
            if any(s in folded for s in spellings):
                if reason not in found:
                    found.append(reason)
                break
    return found


def _reasons(project: Project) -> Iterable[Reason]:
    for field in FIELDS:
        if field.words is None:
            continue
        if field.key == "name":  # its first word is the name, the others aliases
            for n, word in enumerate(field.words(project)):
                yield Reason("name" if n == 0 else "alias", word)
            continue
        noun = field.facet.name if field.facet else field.label.casefold()
        for word in field.words(project):
            yield Reason(noun, word)


def _narrows(old: str, new: str) -> bool:
    """True when every match of ``new`` is certainly a match of ``old``: each of its
    terms' spellings holds a spelling of the old term in its place."""
    old_terms, new_terms = terms(old), terms(new)
    if len(new_terms) < len(old_terms):
        return False
    return all(
        all(any(o in n for o in olds) for n in news)
        for olds, news in zip(old_terms, new_terms, strict=False)
    )


# -- remembered filters -----------------------------------------------------------------
_CHECKS: dict[str, Callable[[Any], bool]] = {
    SEARCH: lambda v: isinstance(v, str),
    CHOICES: lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    MIN: lambda v: isinstance(v, int) and not isinstance(v, bool),
    RANGE: lambda v: isinstance(v, int) and not isinstance(v, bool),
    PICK: lambda v: isinstance(v, str),
    TOGGLE: lambda v: isinstance(v, bool),
    PROFILE: lambda v: isinstance(v, str),
}
_KIND_OF_KEY = {key: facet.kind for _, facet in FACETS for key in facet.filter_keys()}


def spec_to_json(spec: FilterSpec) -> str:
    """The filters as JSON text, to remember between runs (defaults left out)."""
    data: dict[str, Any] = {"text": spec.text} if spec.text else {}
    for key, value in spec.facets().items():
        data[key] = sorted(value) if isinstance(value, frozenset) else value
    return json.dumps(data)


def spec_from_json(raw: object) -> FilterSpec:
    """The saved filters, or none when the saved text is missing or not understood.

    A filter this version does not have is left out; a value of the wrong type drops
    the whole saved spec (it was not written by this app).
    """
    try:
        data = json.loads(str(raw)) if raw else {}
    except ValueError:
        return FilterSpec()
    if not isinstance(data, dict):
        return FilterSpec()
    kept: dict[str, Any] = {}
    for key, value in data.items():
        kind = _KIND_OF_KEY.get(key)
        if kind is None or value is None:
            continue
        if not _CHECKS[kind](value):
            return FilterSpec()
        kept[key] = frozenset(value) if kind == CHOICES else value
    return FilterSpec(**kept)

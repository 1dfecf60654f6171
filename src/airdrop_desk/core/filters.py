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
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.fields import (
    CHOICES,
    EXTRA,
    FACETS,
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

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project


PICKER_LIMIT = 500


class FilterSpec:
    """What the user asked to see: a value per filter key of ``core.fields``.

    Keys left out (or at their default) do not filter. Immutable and hashable;
    read a key as an attribute (``spec.min_score``).
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
        if field.many:
            return "contains", f"{SEP}{want}{SEP}".casefold()
        return "equals", str(want).casefold()
    if kind == TOGGLE:
        return ("yes" if want else "no"), want
    return "equals", want  # PROFILE


_BY_KEY: dict[str, tuple[Field, Facet]] = {
    key: (field, facet)
    for field, facet in FACETS
    for key in facet.filter_keys()
    if facet.kind != SEARCH
}


class ProjectIndex:
    """Filterable, sortable columns over a fixed list of project rows."""

    def __init__(self, rows: Sequence[ProjectRow]) -> None:
        self.rows = rows
        self._text = [r.search for r in rows]
        self._columns: dict[str, list[Any]] = {}  # facet columns, built on first use
        self._last: tuple[FilterSpec, list[int]] | None = None
        self._profile: dict[str, dict[str, str]] = {}  # PROFILE facet key -> id -> value

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
        terms = spec.text.casefold().split()
        last = self._last
        if last and last[0].facets() == spec.facets() and _narrows(last[0].text, spec.text):
            rows: Iterable[int] = last[1]  # the new query only narrows the previous one
        else:
            rows = self._apply_facets(spec, range(len(self.rows)))
        if terms:
            text = self._text
            for term in terms:
                rows = [i for i in rows if term in text[i]]
        result = list(rows)
        self._last = (spec, result)
        return result

    def _apply_facets(self, spec: FilterSpec, rows: Iterable[int]) -> list[int]:
        for key, want in spec.facets().items():
            field, facet = _BY_KEY[key]
            how, value = _test(field, facet, key, want)
            rows = _MATCH[how](self._column(field, facet), value, rows)
        return list(rows)

    def facet_values(self, limit: int = PICKER_LIMIT) -> dict[str, list[tuple[str, int]]]:
        """Picker choices (display form, number of projects), most common first; at most
        ``limit`` each (a field with a value per project, such as competitors in a large
        catalog, would otherwise fill a picker with as many entries)."""
        return {
            facet.key: sorted(
                _counts(self.rows, field).items(), key=lambda kv: (-kv[1], kv[0].casefold())
            )[:limit]
            for field, facet in FACETS
            if facet.kind == PICK
        }


def _counts(rows: Sequence[ProjectRow], field: Field) -> Counter[str]:
    counts: Counter[str] = Counter()
    if field.stored == EXTRA:
        # Count the distinct texts first (C speed), then decode each once.
        for text, n in Counter(r.extra for r in rows).items():
            value = extra_values(text).get(field.key)
            for name in set(value or ()) if field.many else [value] if value else []:
                counts[name] += n
    elif field.many:
        for joined, n in Counter(getattr(r, field.key) for r in rows).items():
            for name in set(split(joined)):
                counts[name] += n
    else:
        counts.update(v for r in rows if (v := getattr(r, field.key)))
    return counts


def _narrows(old: str, new: str) -> bool:
    """True when every match of ``new`` is certainly a match of ``old``."""
    old_terms, new_terms = old.casefold().split(), new.casefold().split()
    if len(new_terms) < len(old_terms):
        return False
    return all(o in n for o, n in zip(old_terms, new_terms, strict=False))


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

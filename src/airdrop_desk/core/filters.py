"""The one filter engine: the window's filter bar and ``airdrop-desk projects`` both use it.

``ProjectIndex`` precomputes, once per catalog, flat per-project columns from the
project rows (case-folded search text, tier, score, facet sets, ...) so that one filter pass
over 100,000 projects is a handful of list comprehensions. A text query that
extends the previous one only re-checks the previous matches, which keeps
typing instant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from airdrop_desk.core.rows import SEP, ProjectRow, row_from_project, split

if TYPE_CHECKING:
    from airdrop_desk.core.domain import Project


class FilterSpec(NamedTuple):
    """What the user asked to see. Empty/None fields do not filter."""

    text: str = ""
    tiers: frozenset[str] = frozenset()
    min_score: int | None = None
    narrative: str | None = None
    ecosystem: str | None = None
    investor: str | None = None
    raised_min: int | None = None
    raised_max: int | None = None
    has_points: bool = False
    my_status: str | None = None  # core.tracking.MY_STATUSES key, for the current profile

    def is_default(self) -> bool:
        return self == FilterSpec()

    def with_(self, **changes: Any) -> FilterSpec:
        return self._replace(**changes)


class ProjectIndex:
    """Filterable, sortable columns over a fixed list of project rows."""

    def __init__(self, rows: Sequence[ProjectRow]) -> None:
        self.rows = rows
        self._text = [r.search for r in rows]
        self._columns: dict[str, list[Any]] = {}  # facet columns, built on first use
        self._last: tuple[FilterSpec, list[int]] | None = None
        self._statuses: dict[str, str] = {}

    def set_my_status(self, statuses: Mapping[str, str]) -> None:
        """The current profile's status per project id; absent ids are "not tracked"."""
        self._statuses = dict(statuses)
        self._columns.pop("my_status", None)
        self._last = None  # the same spec can now match other projects

    def _column(self, name: str) -> list[Any]:
        """A facet column, computed the first time a filter needs it."""
        found = self._columns.get(name)
        if found is None:
            rows = self.rows
            if name == "tier":
                found = [r.tier for r in rows]
            elif name == "score":
                found = [-1 if r.score is None else r.score for r in rows]
            elif name == "raised":
                found = [-1 if r.raised is None else r.raised for r in rows]
            elif name == "points":
                found = [r.has_points for r in rows]
            elif name == "my_status":
                status = self._statuses.get
                found = [status(r.id, "not_tracked") for r in rows]
            elif name == "ecosystem":
                found = [(r.ecosystem or "").casefold() for r in rows]
            else:  # narratives / investors: SEP-delimited, so one C-speed `in` tests a name
                found = [f"{SEP}{getattr(r, name)}{SEP}".casefold() for r in rows]
            self._columns[name] = found
        return found

    @classmethod
    def from_projects(cls, projects: Iterable[Project]) -> ProjectIndex:
        return cls([row_from_project(p) for p in projects])

    def __len__(self) -> int:
        return len(self.rows)

    def filter(self, spec: FilterSpec) -> list[int]:
        """Indices of the projects that match ``spec``, in catalog order."""
        terms = spec.text.casefold().split()
        last = self._last
        if (
            last
            and last[0].with_(text="") == spec.with_(text="")
            and _narrows(last[0].text, spec.text)
        ):
            rows = last[1]  # the new query only narrows the previous one
            facets_done = True
        else:
            rows = range(len(self.rows))  # type: ignore[assignment]
            facets_done = False
        if not facets_done:
            rows = self._apply_facets(spec, rows)
        if terms:
            text = self._text
            for term in terms:
                rows = [i for i in rows if term in text[i]]
        result = list(rows)
        self._last = (spec, result)
        return result

    def _apply_facets(self, spec: FilterSpec, rows: Iterable[int]) -> list[int]:
        col = self._column
        if spec.tiers:
            tier, tiers = col("tier"), spec.tiers
            rows = [i for i in rows if tier[i] in tiers]
        if spec.min_score is not None:
            score, low = col("score"), spec.min_score
            rows = [i for i in rows if score[i] >= low]
        if spec.narrative:
            narr, want = col("narratives"), f"{SEP}{spec.narrative}{SEP}".casefold()
            rows = [i for i in rows if want in narr[i]]
        if spec.ecosystem:
            eco, want = col("ecosystem"), spec.ecosystem.casefold()
            rows = [i for i in rows if eco[i] == want]
        if spec.investor:
            inv, want = col("investors"), f"{SEP}{spec.investor}{SEP}".casefold()
            rows = [i for i in rows if want in inv[i]]
        if spec.raised_min is not None:
            raised, low = col("raised"), spec.raised_min
            rows = [i for i in rows if raised[i] >= low]
        if spec.raised_max is not None:
            raised, high = col("raised"), spec.raised_max
            rows = [i for i in rows if 0 <= raised[i] <= high]
        if spec.has_points:
            points = col("points")
            rows = [i for i in rows if points[i]]
        if spec.my_status:
            mine, want = col("my_status"), spec.my_status
            rows = [i for i in rows if mine[i] == want]
        return list(rows)

    def facet_values(self) -> dict[str, list[tuple[str, int]]]:
        """Picker choices (display form, number of projects), most common first."""
        narratives: Counter[str] = Counter()
        ecosystems: Counter[str] = Counter()
        investors: Counter[str] = Counter()
        # Count the distinct joined combinations first (C speed), then split each once.
        for joined, n in Counter(r.narratives for r in self.rows).items():
            for name in set(split(joined)):
                narratives[name] += n
        for joined, n in Counter(r.investors for r in self.rows).items():
            for name in set(split(joined)):
                investors[name] += n
        ecosystems.update(r.ecosystem for r in self.rows if r.ecosystem)

        def ordered(counter: Counter[str]) -> list[tuple[str, int]]:
            return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))

        return {
            "narrative": ordered(narratives),
            "ecosystem": ordered(ecosystems),
            "investor": ordered(investors),
        }


def _narrows(old: str, new: str) -> bool:
    """True when every match of ``new`` is certainly a match of ``old``."""
    old_terms, new_terms = old.casefold().split(), new.casefold().split()
    if len(new_terms) < len(old_terms):
        return False
    return all(o in n for o, n in zip(old_terms, new_terms, strict=False))

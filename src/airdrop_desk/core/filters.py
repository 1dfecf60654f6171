"""The one filter engine: the window's filter bar and ``airdrop-desk projects`` both use it.

``ProjectIndex`` precomputes, once per catalog, flat per-project columns (a
case-folded search text, tier, score, facet sets, ...) so that one filter pass
over 100,000 projects is a handful of list comprehensions. A text query that
extends the previous one only re-checks the previous matches, which keeps
typing instant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from airdrop_desk.core.domain import TIERS, NameRef, Project


@dataclass(frozen=True)
class FilterSpec:
    """What the user asked to see. Empty/None fields do not filter."""

    text: str = ""
    tiers: frozenset[str] = field(default_factory=frozenset)
    min_score: int | None = None
    narrative: str | None = None
    ecosystem: str | None = None
    investor: str | None = None
    raised_min: int | None = None
    raised_max: int | None = None
    has_points: bool = False

    def is_default(self) -> bool:
        return self == FilterSpec()

    def with_(self, **changes: object) -> FilterSpec:
        return replace(self, **changes)  # type: ignore[arg-type]


def _names(ref: NameRef) -> list[str]:
    return [ref.name, ref.printed] if ref.printed else [ref.name]


def _fold(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


class ProjectIndex:
    """Filterable, sortable columns over a fixed list of projects."""

    def __init__(self, projects: Sequence[Project]) -> None:
        self.projects = projects
        tier_rank = {t: i for i, t in enumerate(TIERS)}
        self._text: list[str] = []
        self._tier: list[str] = []
        self._score: list[int] = []
        self._narratives: list[frozenset[str]] = []
        self._ecosystem: list[str] = []
        self._investors: list[frozenset[str]] = []
        self._raised: list[int] = []
        self._points: list[bool] = []
        self.tier_rank: list[int] = []
        for p in projects:
            names = _names(p.name)
            for alias in p.aliases:
                names += _names(alias)
            investors = [n for ref in p.investors for n in _names(ref)]
            competitors = [n for ref in p.competitors for n in _names(ref)]
            words = [*names, *p.narratives, *investors, *competitors]
            if p.token:
                words.append(p.token.symbol)
            self._text.append("\x1f".join(words).casefold())
            self._tier.append(p.tier)
            self.tier_rank.append(tier_rank[p.tier])
            self._score.append(p.score.value if p.score else -1)
            self._narratives.append(_fold(p.narratives))
            self._ecosystem.append((p.ecosystem or "").casefold())
            self._investors.append(_fold(investors))
            self._raised.append(p.raised.usd if p.raised else -1)
            self._points.append(bool(p.points_programs))
        self._last: tuple[FilterSpec, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.projects)

    def filter(self, spec: FilterSpec) -> list[int]:
        """Indices of the projects that match ``spec``, in catalog order."""
        terms = spec.text.casefold().split()
        last = self._last
        if last and last[0].with_(text="") == spec.with_(text="") and _narrows(last[0].text,
                                                                                spec.text):
            rows = last[1]  # the new query only narrows the previous one
            facets_done = True
        else:
            rows = range(len(self.projects))  # type: ignore[assignment]
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
        if spec.tiers:
            tier, tiers = self._tier, spec.tiers
            rows = [i for i in rows if tier[i] in tiers]
        if spec.min_score is not None:
            score, low = self._score, spec.min_score
            rows = [i for i in rows if score[i] >= low]
        if spec.narrative:
            narr, want = self._narratives, spec.narrative.casefold()
            rows = [i for i in rows if want in narr[i]]
        if spec.ecosystem:
            eco, want = self._ecosystem, spec.ecosystem.casefold()
            rows = [i for i in rows if eco[i] == want]
        if spec.investor:
            inv, want = self._investors, spec.investor.casefold()
            rows = [i for i in rows if want in inv[i]]
        if spec.raised_min is not None:
            raised, low = self._raised, spec.raised_min
            rows = [i for i in rows if raised[i] >= low]
        if spec.raised_max is not None:
            raised, high = self._raised, spec.raised_max
            rows = [i for i in rows if 0 <= raised[i] <= high]
        if spec.has_points:
            points = self._points
            rows = [i for i in rows if points[i]]
        return list(rows)

    def facet_values(self) -> dict[str, list[tuple[str, int]]]:
        """Picker choices (display form, number of projects), most common first."""
        narratives: Counter[str] = Counter()
        ecosystems: Counter[str] = Counter()
        investors: Counter[str] = Counter()
        for p in self.projects:
            narratives.update(set(p.narratives))
            if p.ecosystem:
                ecosystems[p.ecosystem] += 1
            investors.update({ref.name for ref in p.investors})

        def ordered(counter: Counter[str]) -> list[tuple[str, int]]:
            return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))

        return {"narrative": ordered(narratives), "ecosystem": ordered(ecosystems),
                "investor": ordered(investors)}


def _narrows(old: str, new: str) -> bool:
    """True when every match of ``new`` is certainly a match of ``old``."""
    old_terms, new_terms = old.casefold().split(), new.casefold().split()
    if len(new_terms) < len(old_terms):
        return False
    return all(o in n for o, n in zip(old_terms, new_terms, strict=False))

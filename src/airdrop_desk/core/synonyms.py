"""What people type when they search, and the organisation behind an investor's name.

``GROUPS`` is a small table of words that mean the same thing to an airdrop farmer
("L2" and "Layer 2", "zk rollup" and "ZK rollups"). A search term, or a run of up to
three search words, that spells one of them (ignoring case, spaces and hyphens) is
looked for in all of its spellings. Keep it small and honest: only words that mean
the same thing, never merely related ones (interoperability is not cross-chain).

``organisation`` reduces an investor's name to the organisation behind it, so that
"Dragonfly" and "Dragonfly Capital" are one investor.

Imported only once a search is typed or investors are counted: nothing here is on
the way to the window's first paint.
"""

from __future__ import annotations

import re
from functools import lru_cache

GROUPS: tuple[tuple[str, ...], ...] = (
    ("layer 2", "layer2", "l2", "layer two"),
    ("layer 1", "layer1", "l1", "layer one"),
    ("zk", "zero knowledge", "zero-knowledge"),
    ("zk rollups", "zk rollup", "zk-rollup", "zkrollup", "validity rollup"),
    ("optimistic rollups", "optimistic rollup"),
    ("rollups", "rollup"),
    ("appchains", "appchain", "app chain", "app-chain", "app-specific chain"),
    ("depin", "decentralized physical infrastructure", "physical infrastructure"),
    ("restaking", "re-staking", "restake", "liquid restaking"),
    ("modular", "modularity", "modular blockchain"),
    ("data availability", "da layer"),
    ("real-world assets", "real world assets", "rwa", "rwas"),
    ("cross-chain", "cross chain", "crosschain"),
    ("shared sequencers", "shared sequencer"),
    ("a16z crypto", "a16z", "andreessen horowitz"),
)

MAX_WORDS = 3  # the longest spelling above, in words


def _compact(text: str) -> str:
    """``text`` without case, spaces or punctuation: "Layer-2" and "layer 2" agree."""
    return "".join(c for c in text.casefold() if c.isalnum())


_LOOKUP: dict[str, tuple[str, ...]] = {
    _compact(spelling): group for group in GROUPS for spelling in group
}


def expand(words: list[str]) -> list[tuple[str, ...]]:
    """The case-folded search ``words`` as terms, each a tuple of spellings of which
    one must occur. Runs of words spelling a synonym become one term (longest first);
    other words stay themselves."""
    terms: list[tuple[str, ...]] = []
    at = 0
    while at < len(words):
        for length in range(min(MAX_WORDS, len(words) - at), 0, -1):
            phrase = words[at : at + length]
            group = _LOOKUP.get(_compact("".join(phrase)))
            if group is not None:
                typed = " ".join(phrase)
                terms.append(tuple(dict.fromkeys((typed, *group))))
                at += length
                break
        else:
            terms.append((words[at],))
            at += 1
    return terms


# -- organisations ----------------------------------------------------------------------
SUFFIXES = frozenset(
    {
        "capital",
        "ventures",
        "venture",
        "labs",
        "lab",
        "vc",
        "fund",
        "funds",
        "partners",
        "digital",
        "investments",
        "investment",
        "holdings",
    }
)
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def organisation(name: str) -> str:
    """The organisation behind an investor's ``name``, case-folded, without punctuation
    and without trailing words such as Capital, Ventures, Labs or Fund (never all of
    them): "Dragonfly Capital" and "dragonfly" are both "dragonfly"."""
    words = _WORD.findall(name.casefold())
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def organisation_name(name: str) -> str:
    """``name`` as printed, without the trailing words ``organisation`` drops:
    "Dragonfly Capital" -> "Dragonfly"."""
    words = name.split()
    while len(words) > 1 and _compact(words[-1]) in SUFFIXES:
        words.pop()
    return " ".join(words)

"""Names shared by the catalog schema, the filters and the window; no dependencies."""

from __future__ import annotations

TIERS: tuple[str, ...] = ("confirmed", "likely", "possible", "announced", "past")
TIER_LABELS: dict[str, str] = {
    "confirmed": "Confirmed",
    "likely": "Likely",
    "possible": "Possible",
    "announced": "Announced",
    "past": "Past airdrop",
}

#: The catalog section of the seed article's projects: their description, notes and
#: ratings come from the article (other sections cite web pages only).
ARTICLE_SECTION = "From the article"

# A project's airdrop lifecycle, in the order a project moves through it; the last
# four are outcomes. The catalog states one, dated events move it on (core.status).
STATUSES: tuple[str, ...] = (
    "rumoured",
    "farming",
    "snapshot taken",
    "claim open",
    "airdropped",
    "token sale",
    "no token",
    "no airdrop confirmed",
)
STATUS_LABELS: dict[str, str] = {s: s[:1].upper() + s[1:] for s in STATUSES}
#: Still something to do: the "Farmable now" view shows these.
FARMABLE: frozenset[str] = frozenset(STATUSES[:4])
#: Over (or never coming): a tier then reads as history, not as a prediction.
FINISHED: frozenset[str] = frozenset(STATUSES[4:])

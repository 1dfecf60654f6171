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

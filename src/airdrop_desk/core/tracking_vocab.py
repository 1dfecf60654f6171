"""Names of a profile's statuses; no dependencies, so the window can show them at start-up."""

from __future__ import annotations

# A profile's status with a catalog project (the table's "my status" filter).
MY_STATUSES: dict[str, str] = {
    "not_tracked": "Not tracked",
    "in_progress": "In progress",
    "done": "Done",
    "claimed": "Claimed",
}
# What came of an airdrop for a profile.
CLAIM_STATUSES: dict[str, str] = {
    "eligible": "Eligible",
    "not_eligible": "Not eligible",
    "claimed": "Claimed",
    "missed": "Missed",
}

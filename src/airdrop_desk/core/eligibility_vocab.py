"""Names of a profile's eligibility with a project; no dependencies, so the window's filter
bar can offer them at start-up (``core.allocations`` says what each means)."""

from __future__ import annotations

ELIGIBILITY: dict[str, str] = {
    "eligible": "Eligible",
    "claimed": "Claimed",
    "missed": "Missed",
    "not_on_list": "Not on the list",
    "no_list": "No list known",
}

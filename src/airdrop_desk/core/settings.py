"""Every setting kept in the user's database, declared once: key, default, doc, check.

The database's ``settings`` table holds JSON values by key (``storage.settings.SettingsRepo``
reads and writes them). A value that is missing, or that an older or hand-edited database
holds in a form the check refuses, reads as the default. Window geometry and splitters
stay in QSettings; they are not data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key in the table, its default, what it is for, and its check.

    ``validate`` turns a stored JSON value into the setting's value, raising ValueError or
    TypeError when it cannot.
    """

    key: str
    default: T
    doc: str
    validate: Callable[[object], T]

    def read(self, stored: object) -> T:
        """The setting's value from what the table holds (``None``: nothing stored)."""
        if stored is None:
            return self.validate(self.default)  # a fresh copy of a list default
        try:
            return self.validate(stored)
        except (ValueError, TypeError):
            return self.default


def whole_number(low: int, high: int) -> Callable[[object], int]:
    """A check for an int in ``low..high``; one outside is clamped, not refused."""

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"not a whole number: {value!r}")
        return max(low, min(high, value))

    return check


def positive_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"not a positive whole number: {value!r}")
    return value


def optional_id(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"not an id: {value!r}")
    return int(value)


def text_list(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"not a list of text: {value!r}")
    return list(value)


def optional_days(value: object) -> int | None:
    if value is None:
        return None
    return whole_number(0, 60)(value)


ACTIVE_CATALOG: Setting[int | None] = Setting(
    "catalog.active_version",
    None,
    "Which stored catalog version the window shows (catalog_versions.id).",
    optional_id,
)
MAX_BACKUPS_KEEP = 1000
BACKUPS_KEEP: Setting[int] = Setting(
    "backups.keep",
    14,
    f"How many automatic backups to keep (1 to {MAX_BACKUPS_KEEP}).",
    whole_number(1, MAX_BACKUPS_KEEP),
)
KEY_ROTATION_DAYS: Setting[int] = Setting(
    "keys.rotation_days",
    90,
    "After how many days a linked exchange key is flagged for rotation.",
    positive_number,
)
LAST_PROFILE: Setting[int | None] = Setting(
    "tracking.last_profile", None, "The profile picked last, opened again at start.", optional_id
)
REMIND_DAYS: Setting[int | None] = Setting(
    "tracking.remind_days",
    None,
    "Remind in the tray this many days before a deadline (None: no reminders; at most 60).",
    optional_days,
)
NOTIFIED: Setting[list[str]] = Setting(
    "tracking.notified", [], "The deadlines already reminded of (the newest 500).", text_list
)

ALL: tuple[Setting[object], ...] = (  # type: ignore[assignment]
    ACTIVE_CATALOG,
    BACKUPS_KEEP,
    KEY_ROTATION_DAYS,
    LAST_PROFILE,
    REMIND_DAYS,
    NOTIFIED,
)

"""Typed key/value settings kept in the database, each write in one transaction."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from sqlite_utils import Database

from airdrop_desk.core.settings import Setting

T = TypeVar("T")


class SettingsRepo:
    """Read and write settings rows; values are stored as JSON text.

    ``read``/``write`` take a ``Setting`` declared in ``core.settings`` (typed, checked,
    with its default); ``get``/``set`` take a bare key.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def read(self, setting: Setting[T]) -> T:
        """The setting's value, or its default when none (or none usable) is stored."""
        return setting.read(self.get(setting.key))

    def write(self, setting: Setting[T], value: T) -> T:
        """Store ``value`` as the setting checks it (e.g. clamped); returns what was stored."""
        checked = setting.validate(value)
        self.set(setting.key, checked)
        return checked

    def set(self, key: str, value: Any) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

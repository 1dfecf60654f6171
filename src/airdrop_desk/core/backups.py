"""What a backup of the user's database is, and what restoring one did: plain data.

``storage.backup`` makes, lists and restores the files; the window shows these records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was made (UTC), why, and how big it is."""

    path: Path
    created: dt.datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup brought in and where the replaced data went."""

    restored: BackupInfo
    previous: Path | None  # a copy of the replaced database, or the damaged file set aside
    damaged: bool  # True when the replaced file was damaged and was set aside as it was

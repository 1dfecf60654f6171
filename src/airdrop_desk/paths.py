"""Where Airdrop Desk keeps its files: one place decides, everything else asks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "airdrop-desk"
DATA_DIR_ENV = "AIRDROP_DESK_DATA_DIR"


class Paths(NamedTuple):
    """The data folder and the files in it."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "airdrop-desk.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def window_state(self) -> Path:
        return self.data_dir / "window-state.ini"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """``--data-dir`` wins, then ``$AIRDROP_DESK_DATA_DIR``, then the platform's user data dir."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Paths(Path(chosen).expanduser().resolve())
    import platformdirs  # imported here: only needed when no folder was given

    return Paths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

"""Where Airdrop Desk keeps its files: one place decides, everything else asks.

The data folder and everything in it are the user's alone: on POSIX the folders are
created 0700 and the files 0600 whatever the umask, and ones made wider before (by an
older version, a copy or a restore) are narrowed when the app opens them.
"""

from __future__ import annotations

import os
import stat
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


def private_folder(folder: Path) -> Path:
    """``folder`` created (with its parents) for this user only, or narrowed to that."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    narrow(folder)
    return folder


def private_file(path: Path) -> Path:
    """``path`` created empty for this user only if missing, else narrowed to that.

    SQLite and Qt keep the mode of a file they find (SQLite gives a database's -wal and
    -shm files its mode too), so creating it first is what keeps their files private.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        narrow(path)
    return path


def narrow(path: Path) -> None:
    """Take away group and other rights from ``path``, if it exists (POSIX only)."""
    if os.name != "posix":
        return  # Windows: files under the user's profile are private by its ACLs
    try:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and mode & 0o077:
            os.chmod(path, stat.S_IMODE(mode) & ~0o077)
    except FileNotFoundError:
        pass
    except PermissionError:
        pass  # not the user's own file: nothing this app may change


def prepare_data_dir(paths: Paths) -> None:
    """The data folder and the window's state file, private before anything is written."""
    private_folder(paths.data_dir)
    private_file(paths.window_state)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """``--data-dir`` wins, then ``$AIRDROP_DESK_DATA_DIR``, then the platform's user data dir."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Paths(Path(chosen).expanduser().resolve())
    import platformdirs  # imported here: only needed when no folder was given

    return Paths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

"""Read a file the user named: a regular file only, and never more than a limit.

The file is opened first and the open descriptor examined (not the path, which could
be swapped between a look and the read), without blocking, so a named pipe or a
device such as ``/dev/zero`` is refused at once instead of hanging or filling memory.
The read itself stops one byte past the limit, whatever size the file claimed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NONBLOCK", 0)  # POSIX: opening a pipe does not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
)


class FileRefused(ValueError):
    """A file that is not read; ``str()`` says why, for a message after the file's name."""


class TooLarge(FileRefused):
    """A regular file longer than the limit."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``; FileRefused when it is anything else
    or longer than ``limit`` bytes, OSError when it cannot be opened."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            raise FileRefused(f"it is {kind}, not a file; choose a file")
        if info.st_size > limit:
            raise TooLarge(f"the file is {info.st_size:,} bytes; the limit is {limit:,}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as fh:
            expected = info.st_size + 1  # one more: did it grow since fstat?
            data = fh.read(expected)
            if len(data) == expected:
                data += fh.read(limit + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(f"the file is over the limit of {limit:,} bytes")
    return data

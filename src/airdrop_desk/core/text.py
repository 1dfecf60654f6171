"""Whether bytes are UTF-8 text, said in the app's own words.

JSON decoders word (and, from one version to the next, reword) a bad byte their own way;
the app checks the bytes itself so the message always names the byte and its line.
"""

from __future__ import annotations

import re

SAVE_AS_UTF8 = "save the file as UTF-8"


def utf8_problem(data: bytes) -> str | None:
    """``None`` for UTF-8 text, else e.g. "not UTF-8 text (byte 0xe9 on line 3); ..."."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); {SAVE_AS_UTF8}"
    return None


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def looks_binary(data: bytes, window: int = 65536) -> bool:
    """Whether the start of ``data`` holds control bytes no text file has (an image, a zip)."""
    return _CONTROL.search(data, 0, window) is not None

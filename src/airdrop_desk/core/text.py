"""Rules for text: bytes that must be UTF-8, and names and messages people see.

``utf8_problem`` and ``looks_binary`` say in the app's own words whether bytes are UTF-8
text: JSON decoders word (and, from one version to the next, reword) a bad byte their own
way, so the app checks the bytes itself and the message names the byte and its line.

``check_name`` is the one check for every name a user enters (key labels, profile names,
...) and for names that arrive in files: it refuses characters that hide or reorder text
(bidi overrides, zero-width characters, control characters), naming the character and
where it is. ``one_line`` makes outside text (an exchange's error) safe to keep and show.
"""

from __future__ import annotations

import re
import unicodedata

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


# Characters that reorder or hide text, by name, so a refusal can say which one it was.
INVISIBLE: dict[str, str] = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "invisible left-to-right mark",
    "\u200f": "invisible right-to-left mark",
    "\u202a": "invisible left-to-right embedding",
    "\u202b": "invisible right-to-left embedding",
    "\u202c": "invisible pop directional formatting",
    "\u202d": "invisible left-to-right override",
    "\u202e": "invisible right-to-left override",
    "\u2060": "invisible word joiner",
    "\u2066": "invisible left-to-right isolate",
    "\u2067": "invisible right-to-left isolate",
    "\u2068": "invisible first strong isolate",
    "\u2069": "invisible pop directional isolate",
    "\ufeff": "invisible byte order mark",
}


def describe(char: str) -> str | None:
    """What is wrong with ``char`` in a name, or None when it is fine."""
    if char in INVISIBLE:
        return INVISIBLE[char]
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return "a control character"
    if 0x80 <= code <= 0x9F:
        return "a C1 control character"
    category = unicodedata.category(char)
    if category == "Cf":
        return "an invisible formatting character"
    if category in ("Zl", "Zp"):
        return "a line break"
    return None


def check_name(text: str, field: str, *, max_length: int | None = None) -> str:
    """``text`` without surrounding spaces; ValueError naming ``field`` and the character.

    E.g. ``Label: contains an invisible right-to-left override (U+202E) at position 5``
    (positions count from 1 in the trimmed text).
    """
    name = text.strip()
    for index, char in enumerate(name, start=1):
        what = describe(char)
        if what is not None:
            raise ValueError(
                f"{field}: contains {_article(what)} (U+{ord(char):04X}) at position {index}"
            )
    if not name:
        raise ValueError(f"{field}: is empty")
    if max_length is not None and len(name) > max_length:
        raise ValueError(f"{field}: is longer than {max_length} characters")
    return name


def check_token(text: str, field: str) -> str:
    """A pasted key or secret: surrounding whitespace removed; any space, control or
    invisible character inside is refused by name (never echoing the value)."""
    token = text.strip()
    for index, char in enumerate(token, start=1):
        what = describe(char) or ("a space" if char.isspace() else None)
        if what is not None:
            raise ValueError(
                f"{field}: contains {_article(what)} (U+{ord(char):04X}) at position {index}"
            )
    return token


def one_line(text: str, limit: int = 200) -> str:
    """Outside text made safe to keep and show: controls and invisible characters
    removed, whitespace runs as one space, at most ``limit`` characters."""
    kept = "".join(
        " " if char.isspace() else char for char in text if describe(char) is None or char.isspace()
    )
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _article(what: str) -> str:
    if what.startswith(("a ", "an ")):
        return what
    return ("an " if what[0] in "aeiou" else "a ") + what

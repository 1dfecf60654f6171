"""CSV that keeps NULL apart from empty text.

Every value is written in double quotes and NULL as a bare empty field, so ``""`` is
empty text and nothing at all is NULL. Python's csv module (before 3.12) reads both
as ``''``, hence this small RFC 4180 reader; it also reports the line of a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_BARE = re.compile(r'[^,"\r\n]*')


class CsvSyntaxError(ValueError):
    """Text that is not CSV as written here; ``line`` counts from 1."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.reason = line, message


def format_row(values: Sequence[str | None]) -> str:
    """One CSV line (with its line break): quoted values, NULL as nothing."""
    return ",".join("" if v is None else '"' + v.replace('"', '""') + '"' for v in values) + "\r\n"


def format_rows(rows: Iterable[Sequence[str | None]]) -> Iterable[str]:
    return (format_row(row) for row in rows)


def parse_rows(text: str) -> list[list[str | None]]:
    """Rows of ``text``; a bare empty field is None, a quoted one is text.

    Bare (unquoted) text is accepted as text too, so files edited by hand or by a
    spreadsheet still read; only quotes in the wrong place are an error.
    """
    rows: list[list[str | None]] = []
    pos, end, line = 0, len(text), 1
    while pos < end:
        row: list[str | None] = []
        while True:
            if text.startswith('"', pos):
                match = _QUOTED.match(text, pos)
                if match is None:
                    raise CsvSyntaxError(line, "a quoted value is not closed")
                value: str | None = match[1].replace('""', '"')
                line += match[1].count("\n")
            else:
                match = _BARE.match(text, pos)
                assert match is not None  # the pattern also matches nothing
                value = match[0] or None
            pos = match.end()
            row.append(value)
            if pos >= end:
                break
            char = text[pos]
            if char == ",":
                pos += 1
                if pos >= end:  # a trailing comma: one more, empty field
                    row.append(None)
                    break
                continue
            if char in "\r\n":
                pos += 2 if text.startswith("\r\n", pos) else 1
                break
            raise CsvSyntaxError(
                line,
                "a double quote inside a value that is not quoted, "
                "or text right after a closing quote",
            )
        rows.append(row)
        line += 1
    return rows

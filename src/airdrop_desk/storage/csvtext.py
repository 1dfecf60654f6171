"""Every CSV file the app writes, and the reader for its data exports.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) are written with a single quote in front,
as OWASP recommends against CSV injection; plain numbers such as ``-12.5`` stay as
they are. Catalog names, labels and exchange replies all end up in these files.

Data exports keep NULL apart from empty text: every value is written in double
quotes and NULL as a bare empty field, so ``""`` is empty text and nothing at all is
NULL. Python's csv module (before 3.12) reads both as ``''``, hence this small
RFC 4180 reader; it also reports the line of a problem, and takes the quote added
against formulas off again, so an export reads back exactly.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import IO

_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_BARE = re.compile(r'[^,"\r\n]*')


class CsvSyntaxError(ValueError):
    """Text that is not CSV as written here; ``line`` counts from 1."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.reason = line, message


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _looks_like_formula(text: str) -> bool:
    """Text a spreadsheet could run: starts like a formula and is not a plain number.

    Leading single quotes are looked through, so that the quote this module adds can
    be told apart from one the text had (``'=x`` is written ``''=x``).
    """
    bare = text.lstrip("'")
    return bare.startswith(_FORMULA_START) and not _NUMBER.fullmatch(bare)


def neutralise(value: object) -> object:
    """``value`` safe for a spreadsheet cell: a formula-like text gets a ``'`` in front."""
    if isinstance(value, str) and _looks_like_formula(value):
        return "'" + value
    return value


def restore(value: str | None) -> str | None:
    """The text ``neutralise`` was given back from what it wrote."""
    if value is not None and value.startswith("'") and _looks_like_formula(value):
        return value[1:]
    return value


def write_csv(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV table for people and spreadsheets: ``None`` is empty, formulas are defused."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([("" if v is None else neutralise(v)) for v in row] for row in rows)


def format_row(values: Sequence[str | None]) -> str:
    """One data-export CSV line (with its line break): quoted values, NULL as nothing."""
    return (
        ",".join(
            "" if v is None else '"' + str(neutralise(v)).replace('"', '""') + '"' for v in values
        )
        + "\r\n"
    )


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
            row.append(restore(value))
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

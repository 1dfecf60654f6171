"""The CSV used by exports: NULL stays apart from empty text, any text survives."""

from __future__ import annotations

import csv
import io

import pytest

from airdrop_desk.storage.csvtext import CsvSyntaxError, format_row, parse_rows, write_csv

ROWS: list[list[str | None]] = [
    ["id", "note", "extra"],
    ["1", "", None],
    ["2", 'comma, "quotes"', "line\nbreak\r\nand CRLF"],
    [None, "ünïcödé 😀", "tab\there"],
]


def test_rows_round_trip_with_null_and_empty_apart() -> None:
    text = "".join(format_row(r) for r in ROWS)
    assert parse_rows(text) == ROWS


def test_spreadsheets_read_the_same_values() -> None:
    """A NULL is an empty cell, like empty text: what a spreadsheet user expects."""
    text = "".join(format_row(r) for r in ROWS)
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read == [["" if v is None else v for v in row] for row in ROWS]


def test_bare_values_written_by_hand_are_text() -> None:
    assert parse_rows("a,b\n1,two\n,x,\n") == [["a", "b"], ["1", "two"], [None, "x", None]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"a","b\n', "line 1: a quoted value is not closed"),
        ('a,b\n"x"y,1\n', "line 2: a double quote inside a value"),
        ('a,b\nx"y,1\n', "line 2: a double quote inside a value"),
        ('"multi\nline",1\n"ok"x\n', "line 3:"),
    ],
)
def test_misplaced_quotes_name_the_line(text: str, message: str) -> None:
    with pytest.raises(CsvSyntaxError) as caught:
        parse_rows(text)
    assert str(caught.value).startswith(message)


# Cells a spreadsheet would run as a formula (OWASP's list: = + - @ tab CR).
FORMULAS = [
    '=HYPERLINK("https://drainer.example","Claim")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
# Text that only looks like the escape: it must come back exactly as it was.
LOOKALIKES = ["'=1+1", "''=1+1", "'plain", "'", "-", "+", "-12.5", "+3", "1e5", "-.5e-3"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_reach_a_spreadsheet_as_text(cell: str) -> None:
    read = list(csv.reader(io.StringIO(format_row(["x", cell]), newline="")))
    assert read == [["x", "'" + cell]]


@pytest.mark.parametrize("cell", ["-12.5", "+3", "1e5", "-.5e-3", "plain", "'", "a=b", ""])
def test_numbers_and_plain_text_are_written_as_they_are(cell: str) -> None:
    assert list(csv.reader(io.StringIO(format_row([cell]), newline=""))) == [[cell]]


def test_defused_cells_read_back_exactly() -> None:
    rows: list[list[str | None]] = [[c, None] for c in FORMULAS + LOOKALIKES]
    assert parse_rows("".join(format_row(r) for r in rows)) == rows


def test_every_table_the_app_writes_defuses_formulas() -> None:
    out = io.StringIO()
    write_csv(out, ["name", "amount", "note"], [[FORMULAS[0], -12.5, None], ["@x", "-3", "ok"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["name", "amount", "note"],
        ["'" + FORMULAS[0], "-12.5", ""],
        ["'@x", "-3", "ok"],
    ]

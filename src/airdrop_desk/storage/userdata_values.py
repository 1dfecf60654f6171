"""Values of an imported row, checked and converted to what the column holds.

JSON values arrive typed (BLOBs as ``{"base64": ...}``); CSV values arrive as text and
take the column's declared type. Limits keep one value from swamping the database.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

from airdrop_desk.storage.userdata import DataFileError, TableData

MAX_TEXT_CHARS = 1024 * 1024
MAX_BLOB_BYTES = 16 * 1024 * 1024
_INT_RE = re.compile(r"^[-+]?\d{1,19}$")
_TYPE_WORDS = {
    "integer": "a whole number",
    "real": "a number",
    "numeric": "a number",
    "text": "text",
    "blob": 'binary data ({"base64": ...})',
    "any": "a value",
}


def column_kind(declared: str) -> str:
    """SQLite's type affinity of a declared column type (ANY and untyped accept all)."""
    if declared in ("ANY", ""):
        return "any"
    if "INT" in declared:
        return "integer"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if "BLOB" in declared:
        return "blob"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "numeric"


def convert(value: Any, kind: str, table: TableData, row: int, column: str) -> Any:
    def fail(message: str) -> DataFileError:
        return DataFileError(table.file, message, table=table.name, row=row, column=column)

    if value is None:
        return None
    if table.text:
        value = _from_text(value, kind, fail)
    elif isinstance(value, dict):
        value = _tagged(value, fail)
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        raise fail(f"text of {len(value):,} characters is over the limit of {MAX_TEXT_CHARS:,}")
    if isinstance(value, bytes) and len(value) > MAX_BLOB_BYTES:
        raise fail(f"{len(value):,} bytes of binary data is over the limit of {MAX_BLOB_BYTES:,}")
    if isinstance(value, bool) or not _fits(value, kind):
        shown = repr(value)[:40] if not isinstance(value, bytes) else "binary data"
        raise fail(f"expected {_TYPE_WORDS[kind]}, got {shown}")
    if isinstance(value, float) and math.isnan(value):
        raise fail("NaN is not a number SQLite can keep")
    return value


def _fits(value: object, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and -(2**63) <= value < 2**63
    if kind in ("real", "numeric"):
        return isinstance(value, int | float)
    if kind == "text":
        return isinstance(value, str)
    if kind == "blob":
        return isinstance(value, bytes)
    return True


def _tagged(value: dict[str, str], fail: Any) -> Any:
    if list(value) == ["base64"]:
        try:
            return base64.b64decode(value["base64"], validate=True)
        except (binascii.Error, ValueError):
            raise fail("not valid base64") from None
    if list(value) == ["real"] and value["real"] in ("inf", "-inf"):
        return float(value["real"])
    raise fail('an object value must be {"base64": "..."}')


def _from_text(text: str, kind: str, fail: Any) -> Any:
    """A CSV field as the column's type."""
    if kind == "integer":
        if not _INT_RE.match(text.strip()):
            raise fail(f"expected a whole number, got {text[:40]!r}")
        return int(text)
    if kind in ("real", "numeric"):
        if kind == "numeric" and _INT_RE.match(text.strip()):
            return int(text)
        try:
            return float(text)
        except ValueError:
            raise fail(f"expected a number, got {text[:40]!r}") from None
    if kind == "blob":
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise fail("binary data must be written as base64") from None
    return text

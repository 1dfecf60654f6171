"""What a schema check found, in the app's own words.

The JSON decoder reports a wrong value in its own terms (``Expected `int`, got `str```,
``Object contains unknown field `moon```). Those words are the library's and may change
from one release to the next; people reading a message about their file should get the
same plain sentence whatever the version: ``expected a whole number, got text``,
``unknown field 'moon'``. A report in a form not known here is passed on as it is,
starting lower case.
"""

from __future__ import annotations

import re

TYPE_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "nothing (null)",
    "bytes": "bytes",
}

_T = r"`([^`]+)`"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^Expected {_T}, got {_T}$"), "expected {0}, got {1}"),
    (re.compile(r"^Object contains unknown field `([^`]*)`$"), "unknown field '{raw0}'"),
    (re.compile(r"^Object missing required field `([^`]*)`$"), "missing field '{raw0}'"),
    (re.compile(rf"^Expected {_T} of length >= (\d+)$"), "expected {0} of at least {raw1} {unit}"),
    (re.compile(rf"^Expected {_T} of length <= (\d+)$"), "expected {0} of at most {raw1} {unit}"),
    (re.compile(rf"^Expected {_T} matching regex '(.*)'$"), "{0} not in the expected form"),
    (re.compile(r"^Invalid enum value (.*)$"), "{raw0} is not one of the allowed values"),
    (re.compile(rf"^Expected {_T} >= (-?[\d.]+)$"), "expected {0} of at least {raw1}"),
    (re.compile(rf"^Expected {_T} <= (-?[\d.]+)$"), "expected {0} of at most {raw1}"),
    (re.compile(rf"^Expected {_T} > (-?[\d.]+)$"), "expected {0} over {raw1}"),
    (re.compile(rf"^Expected {_T} < (-?[\d.]+)$"), "expected {0} under {raw1}"),
)


def type_words(spec: str) -> str:
    """``int | null`` as ``a whole number or nothing (null)``."""
    parts = [TYPE_WORDS.get(part.strip(), part.strip()) for part in spec.split("|")]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def describe(report: str) -> str:
    """The decoder's ``report`` (without its `` - at `$.path` `` part) in plain words."""
    text = report.strip()
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groups()
        words = [type_words(g) for g in groups]
        unit = "character" if groups[0] == "str" else "item"
        if len(groups) > 1 and groups[1] != "1":
            unit += "s"
        return template.format(
            *words, raw0=groups[0], raw1=groups[1] if len(groups) > 1 else "", unit=unit
        )
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def split_report(text: str) -> tuple[str, str]:
    """``(what, where)`` of a decoder report ``what - at `$.a.b```; where is ``a.b``."""
    what, sep, path = text.rpartition(" - at ")
    if not sep:
        return text, ""
    return what, path.strip("`").removeprefix("$").lstrip(".")

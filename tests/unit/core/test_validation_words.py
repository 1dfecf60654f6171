"""A schema check's report in the app's own words, whatever the decoder's version says."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pytest

from airdrop_desk.core.validation import describe, split_report


class Sample(msgspec.Struct, forbid_unknown_fields=True):
    count: int
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=3, pattern="^[a-z]+$")] = "x"
    kind: Literal["a", "b"] = "a"
    score: Annotated[int, msgspec.Meta(ge=0, le=100)] = 0
    items: list[int] = []
    maybe: int | None = None


@pytest.mark.parametrize(
    ("raw", "words", "where"),
    [
        (b'{"count": "7"}', "expected a whole number, got text", "count"),
        (b"[]", "expected an object, got a list", ""),
        (b'{"count": 1, "moon": 2}', "unknown field 'moon'", ""),
        (b"{}", "missing field 'count'", ""),
        (b'{"count": 1, "title": ""}', "expected text of at least 1 character", "title"),
        (b'{"count": 1, "title": "abcd"}', "expected text of at most 3 characters", "title"),
        (b'{"count": 1, "title": "AB"}', "text not in the expected form", "title"),
        (b'{"count": 1, "kind": "z"}', "'z' is not one of the allowed values", "kind"),
        (b'{"count": 1, "score": -1}', "expected a whole number of at least 0", "score"),
        (b'{"count": 1, "score": 101}', "expected a whole number of at most 100", "score"),
        (b'{"count": 1, "items": {}}', "expected a list, got an object", "items"),
        (
            b'{"count": 1, "maybe": "x"}',
            "expected a whole number or nothing (null), got text",
            "maybe",
        ),
        (b'{"count": true}', "expected a whole number, got true or false", "count"),
    ],
)
def test_each_kind_of_problem_reads_plainly(raw: bytes, words: str, where: str) -> None:
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.json.decode(raw, type=Sample)
    what, at = split_report(str(caught.value))
    assert (describe(what), at) == (words, where)


def test_an_unknown_form_is_passed_on_lower_case() -> None:
    assert describe("Something new happened") == "something new happened"
    assert describe("JSON is odd") == "JSON is odd"

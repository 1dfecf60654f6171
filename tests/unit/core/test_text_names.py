"""The one check for names people enter, and the cleaning of text from outside."""

from __future__ import annotations

import pytest

from airdrop_desk.core.text import check_name, check_token, one_line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Stark\u202enet",
         "Name: contains an invisible right-to-left override (U+202E) at position 6"),
        ("\u2066x", "Name: contains an invisible left-to-right isolate (U+2066) at position 1"),
        ("a\ufeff", "Name: contains an invisible byte order mark (U+FEFF) at position 2"),
        ("a\u200fb", "Name: contains an invisible right-to-left mark (U+200F) at position 2"),
        ("tab\there", "Name: contains a control character (U+0009) at position 4"),
        ("nl\u0085x", "Name: contains a C1 control character (U+0085) at position 3"),
        ("line\u2028two", "Name: contains a line break (U+2028) at position 5"),
        ("soft\u00adhyphen",
         "Name: contains an invisible formatting character (U+00AD) at position 5"),
        ("   ", "Name: is empty"),
    ],
)  # fmt: skip
def test_hidden_characters_are_named_with_their_position(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_name(text, "Name")
    assert str(caught.value) == message


def test_ordinary_names_pass_trimmed() -> None:
    assert check_name("  Binance — main 🚀 ", "Label") == "Binance — main 🚀"
    assert check_name("عربي שלום", "Label") == "عربي שלום"  # right-to-left letters are fine
    assert check_token("  AbC123\n", "API key") == "AbC123"
    with pytest.raises(ValueError, match="API key: contains a space"):
        check_token("Ab C", "API key")


def test_outside_text_becomes_one_short_clean_line() -> None:
    assert one_line("Invalid\x1b[2J key\u202e\r\n  now") == "Invalid[2J key now"
    assert one_line("x" * 300, 10) == "x" * 9 + "…"

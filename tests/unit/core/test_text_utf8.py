"""The app's own words for bytes that are not UTF-8."""

from airdrop_desk.core.text import looks_binary, utf8_problem


def test_utf8_text_has_no_problem() -> None:
    assert utf8_problem("Tigér Global ✓\n".encode()) is None


def test_the_first_bad_byte_and_its_line_are_named() -> None:
    data = b'{\n  "a": "ok",\n  "b": "caf\xe9",\n  "c": "\x93"\n}'
    assert utf8_problem(data) == ("not UTF-8 text (byte 0xe9 on line 3); save the file as UTF-8")


def test_a_cut_multibyte_character_at_the_end_is_named() -> None:
    assert utf8_problem("x\né".encode()[:-1]) == (
        "not UTF-8 text (byte 0xc3 on line 2); save the file as UTF-8"
    )


def test_an_image_or_archive_is_binary_and_text_is_not() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(b"PK\x03\x04\x14\x00")
    assert not looks_binary('{"a": "Tigér"}\r\n\t'.encode("latin-1"))

"""A binary file chosen for import is called what it is, not a text encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from airdrop_desk.storage.userdata_files import DataFileError, read_export

SQLITE = b"SQLite format 3\x00\x10\x00\x01\x01\x00@  \x00\x00\x00\x02"
GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256))
NULLS = b"\x00\x00\x00\x00\x01\x02\x03" + bytes(range(200))


@pytest.mark.parametrize("data", [SQLITE, GZIP, NULLS], ids=["sqlite", "gzip", "nulls"])
def test_a_binary_file_is_not_a_text_file(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "backup.json"
    source.write_bytes(data)
    with pytest.raises(DataFileError) as refused:
        read_export(source)
    assert "not a text file" in str(refused.value)
    assert "UTF-16" not in str(refused.value)


def test_utf16_without_a_mark_is_still_named(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_bytes('{"format": "airdrop-desk"}'.encode("utf-16-le"))
    with pytest.raises(DataFileError, match="UTF-16 or UTF-32"):
        read_export(source)

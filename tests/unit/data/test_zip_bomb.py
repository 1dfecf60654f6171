"""A small .zip that unpacks to far more than the import limit is refused while it is
being unpacked, with a clear message and without the memory the unpacked data would need.

The bombs are real archives: 300 MB of zeros packed into a few hundred kilobytes, some
declaring a size of 1,000 bytes in their directory (a lie the reader must not trust).
"""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from airdrop_desk.storage.userdata import DataFileError
from airdrop_desk.storage.userdata_files import MAX_IMPORT_BYTES, read_export

MB = 1024 * 1024
UNPACKED = 300 * MB  # over the 256 MiB limit
PEAK_LIMIT = 64 * MB  # generous: the archive itself plus a few buffers


def make_bomb(path: Path, method: int, declared: int | None) -> Path:
    """A .zip with a manifest and one CSV of zeros; ``declared`` replaces its stated size."""
    zeros = bytes(MB)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", "{}")
        info = zipfile.ZipInfo("settings.csv")
        info.compress_type = method
        with archive.open(info, "w") as entry:
            for _ in range(UNPACKED // MB):
                entry.write(zeros)
    if declared is not None:
        with zipfile.ZipFile(path) as archive:
            local = archive.getinfo("settings.csv").header_offset
        blob = bytearray(path.read_bytes())
        assert blob[local : local + 4] == b"PK\x03\x04"
        struct.pack_into("<I", blob, local + 22, declared)
        central = blob.rindex(b"PK\x01\x02")  # the directory record of the last entry
        assert blob[central + 46 : central + 58] == b"settings.csv"
        struct.pack_into("<I", blob, central + 24, declared)
        path.write_bytes(bytes(blob))
    return path


def refused_within_memory(path: Path) -> str:
    assert path.stat().st_size < 2 * MB  # small on disk
    tracemalloc.start()
    try:
        with pytest.raises(DataFileError) as caught:
            read_export(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"{peak:,} bytes at the peak"
    message = str(caught.value)
    assert message.startswith(path.name) and "\n" not in message
    return message


@pytest.mark.parametrize(
    ("method", "name"), [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")]
)
def test_a_bomb_in_a_method_inflated_in_one_piece_is_refused(
    tmp_path: Path, method: int, name: str
) -> None:
    bomb = make_bomb(tmp_path / "export.zip", method, declared=1000)
    message = refused_within_memory(bomb)
    assert f"settings.csv is packed with {name} compression" in message


def test_a_deflated_bomb_that_understates_its_size_is_refused(tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "export.zip", zipfile.ZIP_DEFLATED, declared=1000)
    assert "not a readable .zip file" in refused_within_memory(bomb)


def test_a_deflated_bomb_that_states_its_size_is_refused(tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "export.zip", zipfile.ZIP_DEFLATED, declared=None)
    assert f"unpacks to over {MAX_IMPORT_BYTES:,} bytes" in refused_within_memory(bomb)

"""Read a catalog file from disk with a size limit."""

from __future__ import annotations

from pathlib import Path

from airdrop_desk.catalog.errors import MAX_CATALOG_BYTES, CatalogError
from airdrop_desk.storage.files import FileRefused, read_limited


def read_catalog_file(path: Path) -> bytes:
    try:
        return read_limited(path, MAX_CATALOG_BYTES)
    except FileRefused as exc:
        raise CatalogError(str(path), str(exc)) from None
    except OSError as exc:
        raise CatalogError(str(path), f"cannot read the file ({exc.strerror})") from None

"""Read a catalog file from disk with a size limit."""

from __future__ import annotations

from pathlib import Path

from airdrop_desk.catalog.errors import MAX_CATALOG_BYTES, CatalogError


def read_catalog_file(path: Path) -> bytes:
    """The file's bytes; CatalogError for a device, a pipe, a folder or too many bytes."""
    # imported here: the usual start-up reads no catalog file, and imports nothing for it
    from airdrop_desk.storage.files import FileRefused, read_limited

    try:
        return read_limited(path, MAX_CATALOG_BYTES)
    except FileRefused as exc:
        raise CatalogError(str(path), str(exc)) from None
    except OSError as exc:
        raise CatalogError(str(path), f"cannot read the file ({exc.strerror})") from None

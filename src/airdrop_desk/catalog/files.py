"""Read a catalog file from disk with a size limit."""

from __future__ import annotations

from pathlib import Path

from airdrop_desk.catalog.errors import MAX_CATALOG_BYTES, CatalogError


def read_catalog_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_CATALOG_BYTES:
            raise CatalogError(
                path.name, f"file is {size:,} bytes; the limit is {MAX_CATALOG_BYTES:,}"
            )
        return path.read_bytes()
    except OSError as exc:
        raise CatalogError(str(path), f"cannot read the file ({exc.strerror})") from None

"""Load and validate the airdrop catalog file, and keep it in the database."""

from __future__ import annotations

from typing import Any

from airdrop_desk.catalog.errors import CatalogError

__all__ = ["CatalogError", "load_catalog", "parse_catalog"]


def __getattr__(name: str) -> Any:
    # The validator pulls in msgspec; start-up from the database never needs it.
    if name in ("load_catalog", "parse_catalog"):
        from airdrop_desk.catalog import load

        return getattr(load, name)
    raise AttributeError(name)

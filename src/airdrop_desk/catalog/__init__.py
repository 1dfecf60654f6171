"""Load and validate the airdrop catalog file."""

from airdrop_desk.catalog.load import CatalogError, load_catalog, parse_catalog

__all__ = ["CatalogError", "load_catalog", "parse_catalog"]

"""Errors about catalog files, importable without loading the validator."""

from __future__ import annotations

MAX_CATALOG_BYTES = 256 * 1024 * 1024


class CatalogError(Exception):
    """A catalog file that cannot be used; ``str()`` is the message for the user."""

    def __init__(
        self, file: str, message: str, project: str | None = None, field: str | None = None
    ) -> None:
        self.file, self.project, self.field, self.reason = file, project, field, message
        where = [file]
        if project:
            where.append(f"project '{project}'")
        if field:
            where.append(f"field '{field}'")
        super().__init__(": ".join(where) + ": " + message)

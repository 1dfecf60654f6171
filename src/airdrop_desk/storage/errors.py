"""Errors the storage layer reports to the user (declared in ``core.errors``)."""

from airdrop_desk.core.errors import StorageError

__all__ = ["StorageError"]

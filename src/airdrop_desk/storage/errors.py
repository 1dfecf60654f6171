"""Errors the storage layer reports to the user."""


class StorageError(Exception):
    """A database that cannot be opened safely; ``str()`` is the message for the user."""

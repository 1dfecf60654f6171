"""Errors whose message is written for the user, raised below the window and caught in it.

They live here, at the bottom, so that catching one (a dialog showing what went wrong)
needs no import of the layer that raises it.
"""


class StorageError(Exception):
    """A database that cannot be opened safely; ``str()`` is the message for the user."""

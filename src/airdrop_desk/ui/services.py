"""What the window and its dialogs are given: built once by the composition root.

Nothing here is imported or built before the window's first paint except this small
class: the op lanes, the secret store and the price source are made on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from airdrop_desk.core.clock import Clock
    from airdrop_desk.keys.store import SecretStore
    from airdrop_desk.paths import Paths
    from airdrop_desk.portfolio.service import PriceSource
    from airdrop_desk.storage.backup import Backups
    from airdrop_desk.ui.ops import Ops


def local_now() -> dt.datetime:
    """``core.clock.now``, imported when first asked (not before the window's first paint)."""
    from airdrop_desk.core.clock import now

    return now()


class Services:
    """The app's services, handed down instead of built by each widget.

    Attributes: ``paths`` (the data folder), ``open_database()`` (opens and migrates the
    user database; called on the database lane or a worker, never the GUI thread),
    ``clock`` (the wall clock, local time), ``prices`` (makes the price source for a
    sync, or None for the default provider), ``client_options`` (for exchange clients:
    timeouts in tests). Built on first use: ``ops`` (the op lanes, ``ui.ops.Ops``),
    ``secrets`` (the OS keyring unless one was given) and ``backups`` (the data folder's
    backups, ``storage.backup.Backups``). ``shutdown()`` ends the lanes.
    """

    def __init__(
        self,
        paths: Paths,
        open_database: Callable[[], Any],
        *,
        clock: Clock | None = None,
        secrets: SecretStore | None = None,
        prices: Callable[[], PriceSource] | None = None,
        **client_options: Any,
    ) -> None:
        self.paths = paths
        self.open_database = open_database
        self.clock: Clock = clock or local_now
        self.prices = prices
        self.client_options = client_options
        self._secrets = secrets
        self._ops: Ops | None = None

    @property
    def ops(self) -> Ops:
        if self._ops is None:
            from airdrop_desk.ui.ops import Ops

            self._ops = Ops()
        return self._ops

    @property
    def secrets(self) -> SecretStore:
        if self._secrets is None:
            from airdrop_desk.keys.store import KeyringStore

            self._secrets = KeyringStore()
        return self._secrets

    @property
    def backups(self) -> Backups:
        from airdrop_desk.storage.backup import Backups

        return Backups(self.paths)

    def shutdown(self) -> None:
        """Let running jobs finish and close the database (the app is quitting)."""
        if self._ops is not None:
            self._ops.shutdown()

"""Background work with results delivered on the GUI thread.

``StorageLane`` runs every database call on one dedicated thread (an SQLite
connection belongs to the thread that opened it) and hands results back through
a queued Qt signal, so callbacks always run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

Callback = Callable[[Any], None]


class _Relay(QObject):
    done = Signal(object, object, object)  # callback, value, error


class StorageLane(QObject):
    """One serial worker thread that owns the database connection.

    ``submit(fn, on_success, on_failure)`` runs ``fn(db)`` on the lane; ``open``
    must be called first and runs the opener on the lane too.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage")
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self.db: Any = None

    def open(self, opener: Callable[[], Any], on_success: Callback, on_failure: Callback) -> None:
        def work(_: Any) -> Any:
            self.db = opener()
            return self.db

        self.submit(work, on_success, on_failure)

    def submit(
        self,
        fn: Callable[[Any], Any],
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
    ) -> Future[Any]:
        def job() -> Any:
            try:
                value = fn(self.db)
            except Exception as exc:  # delivered to the GUI thread, never swallowed
                self._relay.done.emit(on_failure, None, exc)
                raise
            self._relay.done.emit(on_success, value, None)
            return value

        return self._pool.submit(job)

    def shutdown(self) -> None:
        def close(db: Any) -> None:
            if db is not None:
                db.close()

        self._pool.submit(lambda: close(self.db))
        self._pool.shutdown(wait=True)

    @Slot(object, object, object)
    def _deliver(self, callback: Callback | None, value: Any, error: Any) -> None:
        if error is not None and callback is None:
            raise error
        if callback is not None:
            callback(error if error is not None else value)

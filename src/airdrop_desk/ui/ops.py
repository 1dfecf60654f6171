"""Background work, the one way to run it: an ``Op`` on a shared pool or on the database lane.

Modelled on Anki's ``aqt.operations``::

    ops.background(parent, fn).success(show).failure(explain).busy(button).run()
    ops.database(parent, lambda db: repo(db).rows()).success(fill).run()

``fn`` runs off the GUI thread; ``success(value)`` and ``failure(error)`` run on the
GUI thread, never after ``parent`` is deleted. A failure with no ``failure`` callback
goes to the one error path (``Ops.report``: a message in the window, once). Every
background job in the app goes through here: ``Ops.database`` jobs run one at a time
on the single thread that owns the user database's connection (an SQLite connection
belongs to the thread that opened it); ``Ops.background`` jobs share a small pool, and
``Ops.connected`` jobs run there too with a connection of their own (long network work
that writes to the database, which must not hold up the lane).

Nothing here is imported before the window's first paint (start-up cost).
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

T = TypeVar("T")
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
ErrorReporter = Callable[["QObject | None", BaseException], None]

POOL_WORKERS = 4


def _ran() -> Any:
    raise RuntimeError("an op runs once")


class _Relay(QObject):
    """Lives on the GUI thread; a worker's emit reaches it as a queued call."""

    delivered = Signal()


class Op(Generic[T]):
    """One piece of background work with its GUI-thread callbacks.

    Built by ``Ops.background`` or ``Ops.database``; configure with ``success``,
    ``failure``, ``busy``, ``finally_``, then ``run()`` once. ``future`` is the
    running job (for tests and shutdown only: the GUI thread never waits on it).
    """

    def __init__(
        self,
        ops: Ops,
        parent: QObject | None,
        fn: Callable[[], T],
        lane: Callable[[Callable[[], Any]], Future[Any]],
    ) -> None:
        self._ops, self._parent, self._fn, self._lane = ops, parent, fn, lane
        self._success: Success | None = None
        self._failure: Failure | None = None
        self._finally: list[Callable[[], None]] = []
        self._busy: list[QWidget] = []
        self._restore: list[tuple[QWidget, bool]] = []
        self.future: Future[Any] | None = None

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Failure) -> Op[T]:
        self._failure = callback
        return self

    def finally_(self, callback: Callable[[], None]) -> Op[T]:
        """Runs after success or failure (a busy hint cleared); each one given runs."""
        self._finally.append(callback)
        return self

    def busy(self, *widgets: QWidget | None) -> Op[T]:
        """Disable ``widgets`` while the op runs; each gets its own state back after."""
        self._busy.extend(w for w in widgets if w is not None)
        return self

    def run(self) -> Op[T]:
        if self.future is not None:
            raise RuntimeError("an op runs once")
        if self._ops.closed:  # the app is quitting (or its window went): nothing to run for
            return self
        self._restore = [(w, w.isEnabled()) for w in self._busy]
        for widget, _ in self._restore:
            widget.setEnabled(False)
        # The job holds no Qt object of its own and drops ``fn`` before it reports: the
        # last reference to a widget must never go on a worker thread (Qt objects are
        # deleted on the thread that frees them). The op itself waits in ``Ops``.
        held, token, inbox, emit = (
            [self._fn],
            id(self),
            self._ops.inbox,
            self._ops.relay.delivered.emit,
        )

        def job() -> None:
            fn = held.pop()
            try:
                result = (token, fn(), None)
            except BaseException as exc:  # handed to the GUI thread, never swallowed
                result = (token, None, exc)
            del fn
            inbox.put(result)
            del result
            emit()

        self._ops.started(token, self)
        self.future = self._lane(job)
        return self

    def _deliver(self, value: Any, error: Any) -> None:
        self._fn = _ran
        restore, self._restore = self._restore, []
        for widget, enabled in restore:
            if shiboken6.isValid(widget):
                widget.setEnabled(enabled)
        if self._parent is not None and not shiboken6.isValid(self._parent):
            return  # its window closed meanwhile: nobody is left to tell
        try:
            if error is None:
                if self._success is not None:
                    self._success(value)
            elif self._failure is not None:
                self._failure(error)
            else:
                self._ops.report(self._parent, error)
        finally:
            for callback in self._finally:
                callback()


class DatabaseLane:
    """The one thread that owns the user database's connection; jobs run in order.

    ``submit(fn)`` runs ``fn(db)`` there with the open connection (``db``, None until
    ``Ops.open_database`` has run) and returns its future.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database")
        self.db: Any = None

    def submit(self, fn: Callable[[Any], T]) -> Future[T]:
        return self._pool.submit(lambda: fn(self.db))

    def _submit_job(self, job: Callable[[], Any]) -> Future[Any]:
        return self._pool.submit(job)

    def close_db(self) -> None:
        """Close the connection (on the lane's thread, after the jobs before it)."""
        if self.db is not None:
            self.db.close()
            self.db = None

    def shutdown(self) -> None:
        self._pool.submit(self.close_db)
        self._pool.shutdown(wait=True)


class Ops(QObject):
    """The app's background lanes: a shared pool and the user-database lane.

    Built once by the composition root and handed down. Signals: ``idle`` when the last
    running op has reported back. Attributes: ``lane`` (the ``DatabaseLane``),
    ``running`` (ops started and not yet delivered). ``report`` is the one error path.
    """

    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        report: ErrorReporter | None = None,
        workers: int = POOL_WORKERS,
    ) -> None:
        super().__init__(parent)
        self.relay = _Relay(self)  # owned by the Ops: never deleted from a worker
        self.relay.delivered.connect(self._deliver)
        self.inbox: queue.SimpleQueue[tuple[int, Any, BaseException | None]] = queue.SimpleQueue()
        self._pending: dict[int, Op[Any]] = {}
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._reporter = report or show_error
        self.lane = DatabaseLane()
        self.running = 0
        self._closed = False

    # -- building ops -------------------------------------------------------------------
    def background(self, parent: QObject | None, fn: Callable[[], T]) -> Op[T]:
        """``fn()`` on the shared pool (network, files, anything but the user database)."""
        return Op(self, parent, fn, self._submit_pool)

    def database(self, parent: QObject | None, fn: Callable[[Any], T]) -> Op[T]:
        """``fn(db)`` on the database lane, with the open connection (None until open)."""
        lane = self.lane
        return Op(self, parent, lambda: fn(lane.db), lane._submit_job)

    def connected(
        self, parent: QObject | None, opener: Callable[[], Any], fn: Callable[[Any], T]
    ) -> Op[T]:
        """``fn(db)`` on the shared pool with a connection of its own, closed after.

        For work that waits on the network and writes what it learns (linking a key,
        a portfolio sync): on the lane it would hold up every tick behind it.
        """

        def job() -> T:
            db = opener()
            try:
                return fn(db)
            finally:
                db.close()

        return Op(self, parent, job, self._submit_pool)

    def open_database(self, parent: QObject | None, opener: Callable[[], Any]) -> Op[Any]:
        """(Re)open the connection on the lane: the old one, if any, is closed first."""
        lane = self.lane

        def reopen() -> Any:
            lane.close_db()
            lane.db = opener()
            return lane.db

        return Op(self, parent, reopen, lane._submit_job)

    # -- the one error path -------------------------------------------------------------
    def report(self, parent: QObject | None, error: BaseException) -> None:
        self._reporter(parent, error)

    # -- life cycle ---------------------------------------------------------------------
    def started(self, token: int, op: Op[Any]) -> None:
        self._pending[token] = op
        self.running += 1

    def finished(self) -> None:
        self.running -= 1
        if self.running == 0:
            self.idle.emit()

    @property
    def closed(self) -> bool:
        """After ``shutdown``: an op asked to run then is dropped, not started."""
        return self._closed

    def shutdown(self) -> None:
        """Wait for the running jobs and close the database (the app is quitting)."""
        if self._closed:
            return
        self._closed = True
        self.lane.shutdown()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit_pool(self, job: Callable[[], Any]) -> Future[Any]:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="op")
            return self._pool.submit(job)

    def _deliver(self) -> None:
        while True:
            try:
                token, value, error = self.inbox.get_nowait()
            except queue.Empty:
                return
            op = self._pending.pop(token)
            self.finished()
            op._deliver(value, error)


class Activity(QObject):
    """A window's running ops, shown once: a busy text and bar while any runs.

    ``run(op, text)`` runs ``op`` with ``text`` in ``status`` and ``progress`` shown until
    the last running op has reported back (its callbacks first, so an op started from
    one keeps the window busy). Signals: ``busy_changed(bool)`` (enable or disable the
    window's buttons), ``idle`` once the last op's result is on screen. Attribute:
    ``busy``. ``clear_status``: whether ``status`` is emptied when idle.
    """

    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(
        self,
        parent: QObject,
        status: QLabel | None = None,
        progress: QWidget | None = None,
        clear_status: bool = True,
    ) -> None:
        super().__init__(parent)
        self._status, self._progress, self._clear = status, progress, clear_status
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(self, op: Op[T], text: str = "") -> Op[T]:
        if text and self._status is not None:
            self._status.setText(text)
        self._running += 1
        if self._running == 1:
            if self._progress is not None:
                self._progress.show()
            self.busy_changed.emit(True)
        return op.finally_(self._finished).run()

    def _finished(self) -> None:
        self._running -= 1
        if self._running:
            return
        if self._clear and self._status is not None:
            self._status.clear()
        if self._progress is not None:
            self._progress.hide()
        self.busy_changed.emit(False)
        self.idle.emit()


def describe_error(error: BaseException) -> str:
    """What went wrong, in the words of the error itself (its type when it has none)."""
    text = str(error).strip()
    return text or f"Something went wrong ({type(error).__name__})."


def show_error(parent: QObject | None, error: BaseException) -> None:
    """The default error path: a message box over the parent's window, not waited for."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from airdrop_desk.ui.plain import message_box

    print(f"airdrop-desk: {describe_error(error)}", file=sys.stderr)
    window = parent.window() if isinstance(parent, QWidget) else None
    box = message_box(QMessageBox.Icon.Warning, "Airdrop Desk", describe_error(error))
    if window is not None:
        box.setParent(window, box.windowFlags())
    box.setObjectName("opErrorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()

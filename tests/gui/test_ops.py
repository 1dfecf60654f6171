"""The one way to run background work: callbacks on the GUI thread, errors reported once."""

from __future__ import annotations

import gc
import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressBar, QPushButton, QWidget

from airdrop_desk.ui.ops import Activity, Ops


def make_ops(reported: list[tuple[Any, BaseException]]) -> Ops:
    return Ops(report=lambda parent, error: reported.append((parent, error)))


def test_success_runs_on_the_gui_thread_with_the_value(qtbot: Any) -> None:
    ops = make_ops([])
    seen: list[tuple[int, bool]] = []
    worker_threads: list[str] = []

    def work() -> int:
        worker_threads.append(threading.current_thread().name)
        return 42

    ops.background(None, work).success(
        lambda value: seen.append((value, threading.current_thread() is threading.main_thread()))
    ).run()
    qtbot.waitUntil(lambda: seen == [(42, True)])
    assert worker_threads and worker_threads[0].startswith("op")
    ops.shutdown()


def test_a_failure_without_a_handler_is_reported_once(qtbot: Any) -> None:
    reported: list[tuple[Any, BaseException]] = []
    ops = make_ops(reported)
    parent = QWidget()
    qtbot.addWidget(parent)

    def work() -> None:
        raise ValueError("the file is not a catalog")

    ops.background(parent, work).run()
    qtbot.waitUntil(lambda: ops.running == 0)
    QApplication.processEvents()
    assert [(p, str(e)) for p, e in reported] == [(parent, "the file is not a catalog")]
    ops.shutdown()


def test_a_failure_handler_takes_the_error_instead(qtbot: Any) -> None:
    reported: list[tuple[Any, BaseException]] = []
    ops = make_ops(reported)
    handled: list[str] = []
    ops.background(None, lambda: 1 / 0).failure(lambda e: handled.append(type(e).__name__)).run()
    qtbot.waitUntil(lambda: handled == ["ZeroDivisionError"])
    assert reported == []
    ops.shutdown()


def test_busy_widgets_are_disabled_while_running_and_restored_after(qtbot: Any) -> None:
    ops = make_ops([])
    button = QPushButton("Sync")
    qtbot.addWidget(button)
    gate = threading.Event()
    done: list[bool] = []
    ops.background(button, lambda: gate.wait(5)).busy(button).success(
        lambda _v: done.append(button.isEnabled())
    ).run()
    assert not button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: bool(done))
    assert done == [True]
    ops.shutdown()


def test_database_jobs_run_in_order_on_one_thread_with_the_connection(qtbot: Any) -> None:
    ops = make_ops([])
    ops.open_database(None, lambda: {"name": "db"}).run()
    order: list[tuple[int, str, str]] = []
    for n in range(5):
        ops.database(
            None,
            lambda db, n=n: (n, db["name"], threading.current_thread().name),
        ).success(order.append).run()
    qtbot.waitUntil(lambda: len(order) == 5)
    assert [n for n, _, _ in order] == [0, 1, 2, 3, 4]
    assert {name for _, name, _ in order} == {"db"}
    assert len({thread for _, _, thread in order}) == 1
    ops.shutdown()


def test_callbacks_are_dropped_once_the_parent_is_gone(qtbot: Any) -> None:
    reported: list[tuple[Any, BaseException]] = []
    ops = make_ops(reported)
    parent = QWidget()
    gate = threading.Event()
    seen: list[object] = []
    ops.background(parent, lambda: gate.wait(5)).success(seen.append).run()
    parent.deleteLater()
    QApplication.processEvents()
    gate.set()
    qtbot.waitUntil(lambda: ops.running == 0)
    QApplication.processEvents()
    assert seen == [] and reported == []
    ops.shutdown()


class Connection:
    """Stands in for a database connection: knows which thread used it and if closed."""

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_a_connected_op_gets_a_connection_of_its_own_closed_after(qtbot: Any) -> None:
    ops = make_ops([])
    opened: list[Connection] = []

    def opener() -> Connection:
        opened.append(Connection())
        return opened[-1]

    ops.open_database(None, lambda: {"name": "lane"}).run()
    gate = threading.Event()
    ops.connected(None, opener, lambda _db: gate.wait(5)).run()
    seen: list[str] = []
    # The lane is not held up by the connected op that is still waiting.
    ops.database(None, lambda db: db["name"]).success(seen.append).run()
    qtbot.waitUntil(lambda: seen == ["lane"])
    assert len(opened) == 1 and not opened[0].closed
    gate.set()
    qtbot.waitUntil(lambda: ops.running == 0)
    assert opened[0].closed
    ops.shutdown()


def test_activity_shows_busy_until_the_last_op_and_its_follow_up_report(qtbot: Any) -> None:
    ops = make_ops([])
    host = QWidget()
    qtbot.addWidget(host)
    status, bar = QLabel(host), QProgressBar(host)
    host.show()
    activity = Activity(host, status, bar)
    changes: list[bool] = []
    activity.busy_changed.connect(changes.append)
    gate = threading.Event()
    shown: list[str] = []

    def first_done(_value: Any) -> None:  # starts a refresh, as the dialogs do
        activity.run(ops.background(host, lambda: "fresh").success(shown.append), "Reading…")

    activity.run(ops.background(host, lambda: gate.wait(5)).success(first_done), "Saving…")
    assert activity.busy and status.text() == "Saving…" and bar.isVisible()
    with qtbot.waitSignal(activity.idle, timeout=5000):
        gate.set()
    assert shown == ["fresh"] and changes == [True, False]
    assert not activity.busy and status.text() == "" and not bar.isVisible()
    ops.shutdown()


def test_a_widget_held_only_by_an_op_is_freed_on_the_gui_thread(qtbot: Any) -> None:
    ops = make_ops([])
    freed: list[bool] = []

    def start() -> None:
        dialog = QDialog()
        dialog.destroyed.connect(
            lambda *_: freed.append(threading.current_thread() is threading.main_thread()),
            Qt.ConnectionType.DirectConnection,
        )
        ops.background(dialog, lambda d=dialog: d.objectName()).run()

    start()  # the op is the dialog's only holder from here on
    qtbot.waitUntil(lambda: ops.running == 0)
    for _ in range(3):
        gc.collect()
        QApplication.processEvents()
    qtbot.waitUntil(lambda: bool(freed))
    assert freed == [True]
    ops.shutdown()


def test_an_op_asked_for_after_shutdown_is_dropped_not_raised(qtbot: Any) -> None:
    """A signal that arrives as the app quits (data loaded, a timer) may still ask for
    background work: it is not started, and nothing is raised or reported."""
    reported: list[tuple[Any, BaseException]] = []
    ops = make_ops(reported)
    ops.shutdown()
    ran: list[bool] = []
    op = ops.background(None, lambda: ran.append(True)).run()
    db_op = ops.database(None, lambda _db: ran.append(True)).run()
    QApplication.processEvents()
    assert op.future is None and db_op.future is None
    assert ran == [] and reported == [] and ops.running == 0

"""The one way to run background work: callbacks on the GUI thread, errors reported once."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from airdrop_desk.ui.ops import Ops


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

"""A small progress window while a new catalog file is stored, before the main window.

A catalog file the database has not seen is validated and stored once, before the
window can show it; for a large file that takes seconds. The work runs on a thread
of its own while this window (shown only when the work lasts longer than
``SHOW_AFTER_MS``) keeps the screen alive; its error, if any, is raised here again.
It uses no ``Qt`` namespace enum: a new data folder's first start comes through here,
and the first use of one would build them all before the first frame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QProgressDialog

SHOW_AFTER_MS = 500  # the bundled catalog's first import stays under it: no flash
POLL_MS = 30


def describe_size(size: int) -> str:
    """``size`` bytes as people read it: 512 bytes, 48 KB, 105 MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.0f} MB"


def import_with_progress(
    name: str,
    size: int,
    work: Callable[[], None],
    *,
    theme: str = "auto",
    show_after_ms: int = SHOW_AFTER_MS,
) -> None:
    """Run ``work`` off the GUI thread, a busy progress window up meanwhile."""
    from airdrop_desk.ui.application import create_app
    from airdrop_desk.ui.theme import apply_theme

    app = create_app()
    apply_theme(app, theme, guess=True)
    dialog = QProgressDialog(
        f"Checking and storing the catalog “{name}” ({describe_size(size)})…\n"
        "This is done once for each new catalog file; the window opens right after.",
        "",
        0,
        0,
    )
    dialog.setObjectName("catalogImportProgress")
    dialog.setWindowTitle("Airdrop Desk — storing the catalog")
    dialog.setAccessibleName("Storing the catalog")
    dialog.setCancelButton(None)  # validated before anything is written: nothing to undo
    dialog.setMinimumWidth(460)
    # Shown by our own timer: with a busy (0, 0) range the dialog's would wait 4 s.
    dialog.setMinimumDuration(2**31 - 1)

    failure: list[BaseException] = []
    done = threading.Event()

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the GUI thread, raised there
            failure.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=target, name="catalog-import", daemon=True)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if done.is_set() else None)
    worker.start()
    poll.start()
    QTimer.singleShot(show_after_ms, dialog, lambda: None if done.is_set() else dialog.show())
    if not done.wait(0.01):
        loop.exec()
    poll.stop()
    worker.join()
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if failure:
        raise failure[0]

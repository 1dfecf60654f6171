"""A small progress window while a new catalog file is stored, before the main window.

A catalog file the database has not seen is validated and stored once, before the
window can show it; for a large file that takes seconds. The work runs as an op on the
app's shared pool while this window (shown only when the work lasts longer than
``SHOW_AFTER_MS``, at once when that is 0) keeps the screen alive; its error, if any, is
raised here again.
It uses no ``Qt`` namespace enum: a new data folder's first start comes through here,
and the first use of one would build them all before the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QProgressDialog

if TYPE_CHECKING:
    from airdrop_desk.ui.ops import Ops

SHOW_AFTER_MS = 500  # the bundled catalog's first import stays under it: no flash


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
    ops: Ops,
    theme: str = "auto",
    show_after_ms: int = SHOW_AFTER_MS,
) -> None:
    """Run ``work`` as an op of ``ops``, a busy progress window up meanwhile.

    A QApplication is made first if there is none (before ``ops`` is used)."""
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
    finished: list[bool] = []
    loop = QEventLoop()

    def end() -> None:
        finished.append(True)
        loop.quit()

    if show_after_ms <= 0:
        dialog.show()  # asked to show at once: before the work, however quick it is
    else:
        QTimer.singleShot(show_after_ms, dialog, lambda: None if finished else dialog.show())
    ops.background(None, work).failure(failure.append).finally_(end).run()
    if not finished:  # the op reports back through the event loop, so never before this
        loop.exec()
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if failure:
        raise failure[0]

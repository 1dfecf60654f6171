"""Guards against Qt binding releases with bugs the app has met."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox


def test_qvariant_none_keeps_its_reference_count(qapp) -> None:
    # PySide6 6.12.0 dropped a reference to None on every QVariant -> None
    # conversion; after enough of them the interpreter aborts ("deallocating None").
    combo = QComboBox()
    combo.addItem("Any narrative", None)
    before = sys.getrefcount(None)
    for _ in range(1000):
        combo.currentData()
    assert abs(sys.getrefcount(None) - before) < 50

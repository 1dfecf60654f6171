"""The floor for start-up: a bare PySide6 window with an empty table.

Prints "painted" once the table has painted, then quits. ``run.py`` times this
against the app's own start to the same point.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class _FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False


app = QApplication(sys.argv)
window = QMainWindow()
model = QStandardItemModel(0, 7)
model.setHorizontalHeaderLabels(["Project", "Tier", "Score", "Raised", "Narratives", "Token",
                                 "Status"])
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1280, 800)
watcher = _FirstPaint()
table.installEventFilter(watcher)  # not viewport(): its first call costs ~25 ms
window.show()
app.exec()

"""The floor for start-up: a bare PySide6 window with an empty table.

Prints "painted" once the table has painted, then quits. ``run.py`` times this
against the app's own start to the same point, told the same way: the table's own
``paintEvent``.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class _Table(QTableView):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))


app = QApplication(sys.argv)
window = QMainWindow()
model = QStandardItemModel(0, 7)
model.setHorizontalHeaderLabels(
    ["Project", "Tier", "Score", "Raised", "Narratives", "Token", "Status"]
)
table = _Table()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1280, 800)
window.show()
app.exec()

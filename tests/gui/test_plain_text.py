"""Text from outside the app shows as text: markup in a catalog, an exchange reply, a file
or an error is never rendered (no fake "verified" banner, no remote image)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

import airdrop_desk.ui
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.ui import plain
from airdrop_desk.ui.dialogs.backups_dialog import BackupsDialog
from airdrop_desk.ui.dialogs.catalog_update_dialog import CatalogUpdateDialog
from airdrop_desk.ui.dialogs.changes_notice import check_catalog_changes
from airdrop_desk.ui.dialogs.keys_dialog import KeysDialog
from airdrop_desk.ui.models.keys import KeyTableModel
from airdrop_desk.ui.ops import show_error

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "data"))
from data_helpers import make_data

WAIT = 10_000
EVIL = '<b>Key verified read-only</b><img src="https://evil.example/x.png">'
UI = Path(airdrop_desk.ui.__file__).parent
# Labels and boxes of markup written by the app, each escaping what it inserts.
OWN_MARKUP = {
    "rich_label(": {"views/checklist_intro.py", "dialogs/corrupt_db.py"},
    "QMessageBox(": {"dialogs/link_warning.py"},
    "QMessageBox.about(": {"window_actions.py"},
}


def sources() -> dict[str, str]:
    return {
        p.relative_to(UI).as_posix(): p.read_text(encoding="utf-8")
        for p in UI.rglob("*.py")
        if p.name != "plain.py"
    }


def test_every_label_and_message_box_is_made_plain() -> None:
    found: dict[str, set[str]] = {}
    guessing = re.compile(
        r"QLabel\(|QMessageBox\(|QMessageBox\.(question|information|warning|critical|about)\("
        r"|rich_label\(|TextFormat\.(RichText|AutoText)"
    )
    for name, text in sources().items():
        for match in guessing.finditer(text):
            call = match[0] if not match[1] else f"QMessageBox.{match[1]}("
            found.setdefault(call, set()).add(name)
    assert found == {k: v for k, v in OWN_MARKUP.items()}, (
        "make labels with plain_label() and boxes with message_box()/ask()/tell() from ui/plain.py"
    )


def plain_labels_only(widget: QWidget) -> None:
    """Every label the dialog keeps (its message, status, headline, …) is plain text."""
    labels = [v for v in vars(widget).values() if isinstance(v, QLabel)]
    assert labels
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_catalog_version_and_names_show_as_text(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    paths = make_data(tmp_path / "data")
    doc = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    doc["catalog_version"] = EVIL
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    dialog = CatalogUpdateDialog(make_services(paths))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.show()
    dialog.source.setText(str(source))
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert EVIL in dialog.headline.text(), dialog.message.text()
    assert EVIL in dialog.active.text()
    plain_labels_only(dialog)

    notice_parent = QDialog()
    qtbot.addWidget(notice_parent)
    first = check_catalog_changes(notice_parent, make_services(paths))
    with qtbot.waitSignal(first.finished, timeout=WAIT):
        pass
    assert first.notice is None  # "what changed" compares with the last opened; now seen


def test_changes_notice_shows_catalog_text_as_text(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    from airdrop_desk.catalog.update import fetch_and_validate
    from airdrop_desk.storage.catalog_repo import import_catalog
    from airdrop_desk.storage.db import open_database

    paths = make_data(tmp_path / "data")
    services = make_services(paths)
    parent = QDialog()
    qtbot.addWidget(parent)
    first = check_catalog_changes(parent, services)
    with qtbot.waitSignal(first.finished, timeout=WAIT):
        pass
    doc = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    doc["catalog_version"] = EVIL
    doc["projects"][0]["tier"] = "past"
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    checked = fetch_and_validate(str(source))
    db = open_database(paths.database, paths.backups)
    import_catalog(db, checked.catalog, checked.sha256, checked.name)
    db.close()
    second = check_catalog_changes(parent, services)
    with qtbot.waitSignal(second.finished, timeout=WAIT):
        pass
    notice = second.notice
    assert notice is not None and EVIL in notice.headline.text()
    plain_labels_only(notice)
    notice.accept()


def test_dialog_messages_are_plain(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    paths = make_data(tmp_path / "data")
    services = make_services(paths)
    for make in (KeysDialog, BackupsDialog):
        dialog = make(services)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.idle, timeout=WAIT):
            dialog.show()
        dialog.message.setText(EVIL)  # where an exchange's or a file's error lands
        assert dialog.message.text() == EVIL
        plain_labels_only(dialog)


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_op_error_box_shows_the_error_as_text(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    show_error(parent, RuntimeError(EVIL))
    [box] = [b for b in parent.findChildren(QMessageBox) if b.objectName() == "opErrorBox"]
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == EVIL
    box.close()


def test_questions_and_messages_are_plain(qtbot: Any) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.textFormat(), box.text()))
        box.done(0)

    for show in (
        lambda: plain.ask(None, "Import data", EVIL),
        lambda: plain.tell(None, "Import data", EVIL, QMessageBox.Icon.Warning),
    ):
        QTimer.singleShot(0, answer)
        show()
    assert seen == [(Qt.TextFormat.PlainText, EVIL)] * 2


def test_tooltips_of_outside_text_show_it_literally() -> None:
    import datetime as dt

    from airdrop_desk.storage.keys_repo import KeyRecord

    now = dt.datetime.now(dt.UTC)
    record = KeyRecord(
        "k", "binance", "main", "AbCd…WxYz", "f", now, now, "locked", EVIL, None, None
    )
    model = KeyTableModel(str)
    model.set_keys([record], {})
    tip = model.index(0, KeyTableModel.COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == EVIL
    assert plain.plain_tooltip("") == ""

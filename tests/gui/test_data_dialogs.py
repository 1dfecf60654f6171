"""The backups, catalog update, "what changed" and damaged-database dialogs, driven like a user."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path
from airdrop_desk.storage.backup import create_backup, database_damage, list_backups
from airdrop_desk.ui.dialogs.backups_dialog import BackupsDialog
from airdrop_desk.ui.dialogs.catalog_update_dialog import CatalogUpdateDialog
from airdrop_desk.ui.dialogs.changes_notice import check_catalog_changes
from airdrop_desk.ui.dialogs.corrupt_db import CorruptDatabaseDialog, offer_backup_restore
from airdrop_desk.ui.models.backups import BackupTableModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "data"))
from data_helpers import make_data

WAIT = 10_000


def theme(paths: Paths) -> str:
    conn = sqlite3.connect(paths.database)
    try:
        return str(conn.execute("SELECT value FROM settings WHERE key='theme'").fetchone()[0])
    finally:
        conn.close()


def set_theme(paths: Paths, value: str) -> None:
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'theme'", [value])
    conn.close()


def newer_catalog(folder: Path) -> Path:
    doc = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    doc["catalog_version"] = "2027.02.02"
    doc["projects"][0]["tier"] = "past"
    doc["projects"].append(
        {
            "id": "freshcoin",
            "name": {"name": "Fresh Coin"},
            "tier": "possible",
            "description": "Announced today.",
        }
    )
    path = folder / "newer.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def click(qtbot: Any, dialog: Any, button: Any) -> None:
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def cells(table: Any) -> list[list[str]]:
    model = table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_backups_dialog_backs_up_and_restores(
    qtbot: Any, make_services: Any, qtmodeltester: Any, tmp_path: Path
) -> None:
    paths = make_data(tmp_path / "data")
    restored: list[Any] = []
    dialog = BackupsDialog(make_services(paths), on_restored=restored.append)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.show()
    assert cells(dialog.table) == [] and dialog.message.text() == "No backups yet."
    assert not dialog.restore_button.isEnabled()
    click(qtbot, dialog, dialog.backup_button)
    [row] = cells(dialog.table)
    assert row[1] == "Made by you" and row[2].endswith("KB")
    qtmodeltester.check(dialog.table.model(), force_py=True)
    size = dialog.table.model().index(0, 2)
    assert size.data(BackupTableModel.SortRole) == list_backups(paths.backups)[0].size
    assert dialog.message.text().startswith("Backed up: ")
    set_theme(paths, '"light"')
    dialog.table.selectRow(0)
    dialog.confirm = lambda _question: False
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert theme(paths) == '"light"' and not restored  # said no: nothing happened
    questions: list[str] = []
    dialog.confirm = lambda question: questions.append(question) or True
    click(qtbot, dialog, dialog.restore_button)
    assert "copied to a new backup first" in questions[0]
    assert theme(paths) == '"dark"' and len(restored) == 1, dialog.message.text()
    assert dialog.message.text().startswith("Restored the backup made ")
    assert [r[1] for r in cells(dialog.table)] == ["Before a restore", "Made by you"]
    dialog.keep.setValue(1)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.keep.editingFinished.emit()
    assert dialog.message.text() == "The newest 1 backups are kept."
    assert [r[1] for r in cells(dialog.table)] == ["Before a restore"]


def test_catalog_update_dialog_imports_shows_changes_and_rolls_back(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    paths = make_data(tmp_path / "data")
    changed: list[Any] = []
    dialog = CatalogUpdateDialog(make_services(paths), on_changed=changed.append)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.show()
    assert dialog.active.text().startswith("Active catalog: 2026.12.06 (26 projects")
    assert not dialog.rollback_button.isEnabled()
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1', encoding="utf-8")
    dialog.source.setText(str(bad))
    click(qtbot, dialog, dialog.import_button)
    assert dialog.message.text().startswith("bad.json: not valid JSON") and not changed
    dialog.choose_file = lambda: str(newer_catalog(tmp_path))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.source.text().endswith("newer.json")
    click(qtbot, dialog, dialog.import_button)
    assert dialog.headline.text() == ("Catalog 2026.12.06 → 2027.02.02: 1 new project, 1 changed.")
    assert "New: Fresh Coin" in dialog.changes.toPlainText()
    assert "Starknet: tier Confirmed → Past airdrop" in dialog.changes.toPlainText()
    assert changed[-1].version.catalog_version == "2027.02.02"
    assert "Previous: 2026.12.06" in dialog.active.text()
    assert dialog.rollback_button.isEnabled()
    dialog.confirm = lambda _question: True
    click(qtbot, dialog, dialog.rollback_button)
    assert dialog.headline.text().startswith("Catalog 2027.02.02 → 2026.12.06")
    assert dialog.active.text().startswith("Active catalog: 2026.12.06")
    assert len(changed) == 2 and not dialog.rollback_button.isEnabled()


def test_what_changed_since_last_open_is_shown_once(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    from airdrop_desk.catalog.update import fetch_and_validate
    from airdrop_desk.storage.catalog_repo import import_catalog
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.ui.application import create_app

    create_app()
    paths = make_data(tmp_path / "data")
    services = make_services(paths)
    window = QDialog()
    qtbot.addWidget(window)
    first = check_catalog_changes(window, services)
    with qtbot.waitSignal(first.finished, timeout=WAIT) as signal:
        pass
    assert signal.args == [None] and first.notice is None  # nothing to compare on a first start
    checked = fetch_and_validate(str(newer_catalog(tmp_path)))
    db = open_database(paths.database, paths.backups)
    import_catalog(db, checked.catalog, checked.sha256, checked.name)  # e.g. an app update
    db.close()
    second = check_catalog_changes(window, services)
    with qtbot.waitSignal(second.finished, timeout=WAIT):
        pass
    notice = second.notice
    assert notice is not None and notice.isVisible()
    assert notice.windowTitle() == "What changed since you last opened Airdrop Desk"
    assert notice.headline.text().startswith("Catalog 2026.12.06 → 2027.02.02")
    assert "Fresh Coin" in notice.details.toPlainText()
    notice.accept()
    third = check_catalog_changes(window, services)
    with qtbot.waitSignal(third.finished, timeout=WAIT) as signal:
        pass
    assert signal.args == [None] and third.notice is None


def damaged_folder(tmp_path: Path, with_backup: bool) -> tuple[Paths, bytes]:
    paths = make_data(tmp_path / "data")
    if with_backup:
        create_backup(paths)
    blob = bytearray(paths.database.read_bytes())
    blob[8192:8492] = b"\x5a" * 300
    paths.database.write_bytes(bytes(blob))
    return paths, bytes(blob)


def test_damaged_database_dialog_restores_and_keeps_the_damaged_file(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    paths, damaged = damaged_folder(tmp_path, with_backup=True)
    problem = database_damage(paths.database)
    assert problem is not None
    dialog = CorruptDatabaseDialog(make_services(paths), problem)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "cannot open your data" in dialog.text.text()
    assert "nothing is overwritten" in dialog.text.text()
    assert dialog.restore_button.isVisible()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    result = dialog.result_value
    assert result is not None and result.damaged and result.previous is not None
    assert result.previous.read_bytes() == damaged
    assert database_damage(paths.database) is None and theme(paths) == '"dark"'


def test_damaged_database_without_backup_offers_only_quit(
    qtbot: Any, make_services: Any, tmp_path: Path
) -> None:
    paths, damaged = damaged_folder(tmp_path, with_backup=False)
    dialog = CorruptDatabaseDialog(make_services(paths), "the file is damaged")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isVisible()
    assert "There is no backup to restore" in dialog.text.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert paths.database.read_bytes() == damaged
    assert not list_backups(paths.backups)


@pytest.mark.parametrize("choice", ["restore", "quit"])
def test_offer_backup_restore_as_start_up_calls_it(
    qtbot: Any, make_services: Any, tmp_path: Path, choice: str
) -> None:
    paths, damaged = damaged_folder(tmp_path, with_backup=True)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CorruptDatabaseDialog):
            QTimer.singleShot(20, answer)
            return
        button = dialog.restore_button if choice == "restore" else dialog.quit_button
        button.click()

    QTimer.singleShot(0, answer)
    result = offer_backup_restore(make_services(paths), "the file is damaged")
    if choice == "quit":
        assert result is None and paths.database.read_bytes() == damaged
    else:
        assert result is not None and database_damage(paths.database) is None

"""After a restore the window asks about key secrets the restored data no longer has.

Over a private Secret Service, the fake exchanges and the real restore (Data → Backups…
and the damaged-database restore at start-up).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.keys.store import KeyringStore
from airdrop_desk.keys.vault import KeyVault
from airdrop_desk.paths import Paths
from airdrop_desk.storage.backup import create_backup
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.keys_repo import KeyRecord
from airdrop_desk.ui.dialogs.backups_dialog import BackupsDialog
from airdrop_desk.ui.dialogs.corrupt_db import CorruptDatabaseDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from fakes.all import FAST, start_fakes
from fakes.secret_service import SecretService, start_secret_service
from fakes.server import FakeExchanges

WAIT = 10_000


@pytest.fixture(scope="module")
def keyring_and_fakes(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[FakeExchanges, SecretService]]:
    keyring = start_secret_service(tmp_path_factory.mktemp("restore-keyring"))
    fakes = start_fakes()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in {**fakes.env(), "DBUS_SESSION_BUS_ADDRESS": keyring.address}.items():
                patch.setenv(name, value)
            yield fakes, keyring
    finally:
        fakes.close()
        keyring.stop()


def folder_with_key_after_backup(
    tmp_path: Path, fakes: FakeExchanges, store: KeyringStore
) -> tuple[Paths, KeyRecord]:
    """A data folder whose only backup was made before the key 'main' was linked."""
    paths = Paths(tmp_path / "data")
    open_database(paths.database, paths.backups).close()
    create_backup(paths)
    db = open_database(paths.database, paths.backups)
    try:
        account = fakes.add("binance", "read_only")
        vault = KeyVault(db, store, **FAST)
        record = vault.link("binance", "main", Credentials.of(**account.credentials())).record
    finally:
        db.close()
    return paths, record


@pytest.mark.parametrize("answer", [True, False], ids=["remove", "keep"])
def test_backups_dialog_offers_to_remove_secrets_the_restore_left(
    qtbot: Any,
    make_services: Any,
    keyring_and_fakes: tuple[FakeExchanges, SecretService],
    tmp_path: Path,
    answer: bool,
) -> None:
    fakes, keyring = keyring_and_fakes
    store = KeyringStore(keyring.backend())
    paths, record = folder_with_key_after_backup(tmp_path, fakes, store)
    dialog = BackupsDialog(make_services(paths, secrets=store))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        dialog.show()
    dialog.table.selectRow(0)
    dialog.confirm = lambda _question: True
    questions: list[str] = []
    dialog.confirm_prune = lambda question: questions.append(question) or answer
    with qtbot.waitSignal(dialog.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    if answer:
        qtbot.waitUntil(lambda: "Removed 1 secret(s)" in dialog.message.text(), timeout=WAIT)
    assert len(questions) == 1
    assert f"• 'main' (binance, key {record.masked_key})" in questions[0]
    assert "Remove them from the keyring?" in questions[0]
    assert (store.get(record.id) is None) is answer
    if not answer:
        assert dialog.message.text().startswith("Restored the backup made ")
        store.delete(record.id)  # leave the module's keyring as found


def test_damaged_database_restore_asks_about_the_secrets_too(
    qtbot: Any,
    make_services: Any,
    keyring_and_fakes: tuple[FakeExchanges, SecretService],
    tmp_path: Path,
) -> None:
    fakes, keyring = keyring_and_fakes
    store = KeyringStore(keyring.backend())
    paths, record = folder_with_key_after_backup(tmp_path, fakes, store)
    blob = bytearray(paths.database.read_bytes())
    blob[:100] = b"\x5a" * 100  # no longer an SQLite file: its key rows cannot be read
    paths.database.write_bytes(bytes(blob))
    dialog = CorruptDatabaseDialog(make_services(paths, secrets=store), "damaged")
    qtbot.addWidget(dialog)
    questions: list[str] = []
    dialog.confirm_prune = lambda question: questions.append(question) or True
    dialog.show()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None and dialog.result_value.damaged
    assert len(questions) == 1 and "'main' (binance" in questions[0]
    assert store.get(record.id) is None

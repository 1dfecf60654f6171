"""The exchange keys dialog over a private Secret Service and the fake exchanges."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTabBar, QTabWidget
from tab_walk import check_round

from airdrop_desk.exchanges import registry
from airdrop_desk.keys.store import KeyringStore
from airdrop_desk.paths import Paths
from airdrop_desk.storage.db import open_database
from airdrop_desk.ui.dialogs.keys_dialog import KeysDialog
from airdrop_desk.ui.models.keys import AuditTableModel, KeyTableModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from fakes.all import FAST, start_fakes
from fakes.secret_service import SecretService, start_secret_service
from fakes.server import FakeExchanges


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[FakeExchanges, SecretService]]:
    keyring = start_secret_service(tmp_path_factory.mktemp("dialog-keyring"))
    fakes = start_fakes()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in {**fakes.env(), "DBUS_SESSION_BUS_ADDRESS": keyring.address}.items():
                patch.setenv(name, value)
            yield fakes, keyring
    finally:
        fakes.close()
        keyring.stop()


def open_dialog(qtbot: Any, make_services: Any, data: Path, store: KeyringStore) -> KeysDialog:
    opener = lambda: open_database(data / "db.sqlite3", data / "backups")  # noqa: E731
    dialog = KeysDialog(make_services(Paths(data), opener, secrets=store, **FAST))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.idle, timeout=10_000):
        dialog.show()
    return dialog


def act(qtbot: Any, dialog: KeysDialog, button: Any) -> None:
    with qtbot.waitSignal(dialog.idle, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill(dialog: KeysDialog, exchange: str, label: str, creds: dict[str, str]) -> None:
    dialog.exchange.setCurrentIndex(dialog.exchange.findData(exchange))
    dialog.label_edit.setText(label)
    dialog.key_edit.setText(creds["api_key"])
    dialog.secret_edit.setText(creds["api_secret"])
    dialog.passphrase_edit.setText(creds.get("passphrase", ""))


def cells(dialog: KeysDialog, row: int = 0) -> list[str]:
    model = dialog.keys_table.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def rows(table: Any) -> int:
    return int(table.model().rowCount())


def test_link_check_and_remove(
    qtbot: Any,
    make_services: Any,
    qtmodeltester: Any,
    tmp_path: Path,
    services: tuple[FakeExchanges, SecretService],
) -> None:
    fakes, keyring = services
    dialog = open_dialog(qtbot, make_services, tmp_path, KeyringStore(keyring.backend()))
    assert dialog.backend.text() == "Keys are kept in: SecretService Keyring"
    assert rows(dialog.keys_table) == 0
    assert not dialog.passphrase_edit.isEnabled()  # Binance keys have no passphrase
    for edit in (dialog.key_edit, dialog.secret_edit, dialog.passphrase_edit):
        assert edit.echoMode() is QLineEdit.EchoMode.Password

    account = fakes.add("binance", "read_only")
    fill(dialog, "binance", "main", account.credentials())
    act(qtbot, dialog, dialog.link_button)
    assert dialog.message.text().startswith("Linked 'main'")
    assert "IP restriction: none. Recommended" in dialog.message.text()
    assert cells(dialog)[:4] == [
        "main",
        "Binance",
        f"{account.api_key[:4]}…{account.api_key[-4:]}",
        "verified",
    ]
    assert dialog.secret_edit.text() == "" and dialog.key_edit.text() == ""
    assert rows(dialog.audit_table) == 1
    # The dialog's rows in models of their own: the tester keeps its model past the dialog.
    keys, audit = KeyTableModel(str), AuditTableModel()
    keys.set_keys([dialog.keys_model.record_at(0)], {})
    audit.set_entries([dialog.audit_model.record_at(0)])
    for model in (keys, audit):
        qtmodeltester.check(model, force_py=True)
    status = dialog.keys_model.index(0, KeyTableModel.COL_STATUS)
    assert status.data(Qt.ItemDataRole.ToolTipRole)  # why it has that status
    verified = dialog.keys_model.index(0, KeyTableModel.COL_VERIFIED)
    assert isinstance(verified.data(KeyTableModel.SortRole), dt.datetime)

    withdraw = fakes.add("okx", "withdraw")
    fill(dialog, "okx", "okx", withdraw.credentials())
    assert dialog.passphrase_edit.isEnabled()
    act(qtbot, dialog, dialog.link_button)
    assert "OKX reports rights beyond reading: withdraw" in dialog.message.text()
    assert rows(dialog.keys_table) == 1 and rows(dialog.audit_table) == 2

    account.scenario = "trade"
    act(qtbot, dialog, dialog.check_button)
    assert "main: locked, not used" in dialog.message.text()
    assert "enableSpotAndMarginTrading" in dialog.message.text()
    assert cells(dialog)[3] == "locked"

    dialog.keys_table.selectRow(0)
    dialog.confirm = lambda question: "main" in question
    act(qtbot, dialog, dialog.remove_button)
    assert dialog.message.text() == "Removed 'main'."
    assert rows(dialog.keys_table) == 0
    assert rows(dialog.audit_table) == 3  # the audit log keeps its entries


def test_without_a_secure_keyring_linking_is_refused(
    qtbot: Any, make_services: Any, tmp_path: Path, services: tuple[FakeExchanges, SecretService]
) -> None:
    fakes, _ = services
    dialog = open_dialog(qtbot, make_services, tmp_path, KeyringStore(fail.Keyring()))
    assert dialog.backend.text() == "Keys are kept in: none (no system keyring was found)"
    # Said before anything is typed, and the form cannot be used: no secret typed in vain.
    assert "no system keyring was found" in dialog.message.text()
    for field in (dialog.key_edit, dialog.secret_edit, dialog.label_edit, dialog.link_button):
        assert not field.isEnabled()
    account = fakes.add("kraken", "read_only")
    fill(dialog, "kraken", "k", account.credentials())
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert rows(dialog.keys_table) == 0 and account.hits == 0


def test_a_pasted_key_with_a_hidden_character_is_refused_by_name(
    qtbot: Any, make_services: Any, tmp_path: Path, services: tuple[FakeExchanges, SecretService]
) -> None:
    fakes, keyring = services
    dialog = open_dialog(qtbot, make_services, tmp_path, KeyringStore(keyring.backend()))
    assert dialog.link_button.isEnabled()
    account = fakes.add("kraken", "read_only")
    creds = account.credentials()
    fill(
        dialog,
        "kraken",
        "k",
        {**creds, "api_key": creds["api_key"][:4] + "\u200b" + creds["api_key"][4:]},
    )
    act(qtbot, dialog, dialog.link_button)
    assert dialog.message.text() == ("API key: contains a zero-width space (U+200B) at position 5")
    assert account.hits == 0


def test_close_while_an_exchange_hangs_closes_at_once(
    qtbot: Any, make_services: Any, tmp_path: Path, services: tuple[FakeExchanges, SecretService]
) -> None:
    fakes, keyring = services
    dialog = open_dialog(qtbot, make_services, tmp_path, KeyringStore(keyring.backend()))
    account = fakes.add("kraken", "slow")
    fill(dialog, "kraken", "slow one", account.credentials())
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.activity.busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with qtbot.waitSignal(dialog.idle, timeout=10_000):
        pass  # the request ends on its worker; nothing is shown in the closed dialog
    assert dialog.message.text() == ""


def test_the_exchange_list_is_the_registry(
    qtbot: Any, make_services: Any, tmp_path: Path, services: tuple[FakeExchanges, SecretService]
) -> None:
    _, keyring = services
    dialog = open_dialog(qtbot, make_services, tmp_path, KeyringStore(keyring.backend()))
    box = dialog.exchange
    shown = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
    assert shown == [(e.title, e.name) for e in registry.EXCHANGES]
    for entry in registry.EXCHANGES:
        box.setCurrentIndex(box.findData(entry.name))
        assert dialog.passphrase_edit.isEnabled() is entry.needs_passphrase
        assert dialog.secret_edit.placeholderText() == entry.secret_hint
    box.setCurrentIndex(box.findData("coinbase"))
    assert dialog.secret_edit.placeholderText() == "private key: PEM or base64 Ed25519"


def test_tab_reads_the_keys_dialog_in_order(
    qtbot: Any, make_services: Any, tmp_path: Path, services: tuple[FakeExchanges, SecretService]
) -> None:
    _, keyring = services
    dialog = open_dialog(qtbot, make_services, tmp_path, KeyringStore(keyring.backend()))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.exchange.setCurrentIndex(dialog.exchange.findData("okx"))  # it has a passphrase
    tabs = dialog.findChild(QTabBar)
    keys = ["QTabBar", "Linked keys", "Re-check all", "Remove…", "Exchange", "Label"]
    check_round(
        qtbot, dialog, tabs, [*keys, "API key", "API secret", "Passphrase", "Verify and link"]
    )
    dialog.findChild(QTabWidget).setCurrentIndex(1)
    check_round(qtbot, dialog, tabs, ["QTabBar", "Audit log"])

"""The portfolio view over a real database, a fake price server and fake exchanges."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from airdrop_desk.core.portfolio import Quote
from airdrop_desk.keys.secret import Credentials
from airdrop_desk.keys.store import KeyringStore
from airdrop_desk.keys.vault import KeyVault
from airdrop_desk.paths import Paths
from airdrop_desk.prices.coingecko import CoinGecko
from airdrop_desk.storage.db import open_database
from airdrop_desk.storage.keys_repo import KeyRecord, KeysRepo
from airdrop_desk.storage.portfolio_repo import PortfolioRepo
from airdrop_desk.ui.models.portfolio_table import PortfolioTableModel
from airdrop_desk.ui.views.portfolio_view import PortfolioView

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from fakes.all import FAST, start_fakes
from fakes.prices import FakePrices
from fakes.secret_service import SecretService, start_secret_service
from fakes.server import FakeExchanges


def opener(folder: Path) -> Any:
    return lambda: open_database(folder / "db.sqlite3", folder / "backups")


def fill(folder: Path) -> dt.datetime:
    """A key whose last sync failed, manual holdings (one unpriced), quotes, a history."""
    now = dt.datetime.now(dt.UTC)  # per test: the view says "just now" for a minute
    db = opener(folder)()
    try:
        repo = PortfolioRepo(db)
        with db.atomic():
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at) VALUES ('Alice', ?)", [now.isoformat()]
            )
        alice = int(cursor.lastrowid)
        KeysRepo(db).add(
            KeyRecord(
                "k1",
                "binance",
                "main",
                "ab…yz",
                "fp",
                now,
                now,
                "verified",
                "read-only",
                False,
                None,
            )
        )
        repo.set_key_profile("k1", alice)
        for days in (3, 2, 0):
            taken = now - dt.timedelta(days=days)
            repo.store_snapshot("k1", "main", "binance", [("BTC", "spot", Decimal("0.5"))], taken)
            repo.store_quotes([Quote("BTC", Decimal(60000 + days * 1000), taken)])
            repo.record_values(taken.date(), {"*": (Decimal(30000 + days * 500), 0)}, taken)
        repo.mark("k1", "failed", "Binance did not answer within 10 s.", now)
        repo.add_holding("ETH", Decimal("2"), "Ledger", None, now)
        repo.add_holding("WAT", Decimal("7"), "", alice, now)
        repo.store_quotes([Quote("ETH", Decimal("3000"), now)])
        repo.set_price_refresh(now, True, "ok")
    finally:
        db.close()
    return now


def allocation(folder: Path) -> None:
    """Alice's address on an allocation list of 12.5 ETH (priced), deadline ahead."""
    from airdrop_desk.eligibility import importer

    address = "0x52908400098527886E0F7030069857D2E4169EE7"
    listed = folder / "drop.csv"
    listed.write_text(f"address,amount\n{address},12.5\n")
    db = opener(folder)()
    try:
        with db.atomic():
            db.execute(
                "INSERT INTO wallet_addresses (profile_id, chain, address) "
                "SELECT id, 'evm', ? FROM profiles WHERE name = 'Alice'",
                [address],
            )
        plan = importer.prepare(importer.Request(str(listed), token="ETH"))
        try:
            importer.apply(db, plan)
        finally:
            plan.close()
    finally:
        db.close()


def open_view(
    qtbot: Any, make_services: Any, folder: Path, store: Any = None, **options: Any
) -> PortfolioView:
    services = make_services(
        Paths(folder), opener(folder), database_open=True, secrets=store, **options
    )
    view = PortfolioView(services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.idle, timeout=10_000):
        view.show()
    return view


def cells(view: PortfolioView, name: str) -> list[list[str]]:
    model = view.tables[name].model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def font(view: PortfolioView, name: str, row: int, column: int) -> QFont:
    return view.tables[name].model().index(row, column).data(Qt.ItemDataRole.FontRole)


def test_tables_show_unpriced_and_stale(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    fill(tmp_path)
    view = open_view(qtbot, make_services, tmp_path)
    assets = cells(view, "assets")
    assert assets[0][:5] == ["BTC", "0.5", "$60,000.00", "just now", "$30,000.00"]
    assert assets[0][6] == "stale"
    assert assets[2] == ["WAT", "7", "unpriced", "—", "unpriced", "Manual", "unpriced"]
    assert font(view, "assets", 2, 4).italic()
    assert assets[-1][0] == "Total" and font(view, "assets", 3, 0).bold()
    assert view.summary.text() == "Total $36,000.00 · 1 unpriced (WAT) · 1 stale"
    assert "Prices from CoinGecko, updated just now." in view.message.text()
    assert "main (binance): synced" in view.message.text()
    assert "stale, last sync failed: Binance did not answer" in view.message.text()
    sources = cells(view, "sources")
    assert sources[0][:3] == ["Exchange", "Binance · main · spot", "Alice"]
    assert sources[0][5].startswith("stale (last sync failed")

    view.profile.setCurrentIndex(view.profile.findText("Alice"))
    assert [r[0] for r in cells(view, "assets")] == ["BTC", "WAT", "Total"]
    assert view.summary.text().startswith("Total $30,000.00")
    assert cells(view, "profiles")[0][:2] == ["Alice", "$30,000.00 + 1 unpriced"]
    view.shutdown()


def test_value_chart_has_a_point_per_day(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    now = fill(tmp_path)
    view = open_view(qtbot, make_services, tmp_path)
    view.tabs.setCurrentIndex(3)
    chart = view.chart
    assert [p.value for p in chart.points] == [31500, 31000, 30000]
    assert chart.xy == [(0.0, 31500.0), (1.0, 31000.0), (3.0, 30000.0)]
    assert cells(view, "history")[0][:2] == [now.date().isoformat(), "$30,000.00"]
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() > 100
    assert chart.point_at(chart.width() - 20) == chart.points[-1]
    assert "3 days" in chart.accessibleDescription()
    view.profile.setCurrentIndex(view.profile.findText("Alice"))  # no history of its own
    assert chart.points == [] and chart.accessibleDescription() == "No history yet"
    view.shutdown()


def test_export_writes_the_table_as_csv(qtbot: Any, make_services: Any, tmp_path: Path) -> None:
    fill(tmp_path)
    view = open_view(qtbot, make_services, tmp_path)
    target = tmp_path / "assets.csv"
    view.choose_path = lambda suggested: (
        str(target) if suggested == "portfolio-assets.csv" else None
    )
    qtbot.mouseClick(view.export_buttons["assets"], Qt.MouseButton.LeftButton)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["asset", "amount", "price_usd", "price_at", "value_usd", "sources", "status"]
    assert rows[3] == ["WAT", "7", "", "", "", "Manual", "unpriced"]
    assert view.message.text() == f"Saved 4 row(s) to {target}."
    view.choose_path = lambda suggested: str(tmp_path / "missing" / "x.csv")
    qtbot.mouseClick(view.export_buttons["roi"], Qt.MouseButton.LeftButton)
    assert view.message.text().startswith("Could not save")
    view.shutdown()


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[FakeExchanges, SecretService, FakePrices]]:
    keyring = start_secret_service(tmp_path_factory.mktemp("portfolio-keyring"))
    fakes, prices = start_fakes(), FakePrices()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in {
                **fakes.env(),
                "AIRDROP_DESK_PRICES_URL": prices.url,
                "DBUS_SESSION_BUS_ADDRESS": keyring.address,
            }.items():
                patch.setenv(name, value)
            yield fakes, keyring, prices
    finally:
        prices.close()
        fakes.close()
        keyring.stop()


def test_sync_now_shows_progress_and_can_be_cancelled(
    qtbot: Any,
    make_services: Any,
    tmp_path: Path,
    services: tuple[FakeExchanges, SecretService, FakePrices],
) -> None:
    fakes, keyring, _prices = services
    store = KeyringStore(keyring.backend())
    db = opener(tmp_path)()
    vault = KeyVault(db, store, **FAST)
    accounts = []
    for n in range(3):
        account = fakes.add("kraken", "read_only")
        vault.link("kraken", f"kraken {n}", Credentials.of(**account.credentials()))
        accounts.append(account)
    view = open_view(
        qtbot,
        make_services,
        tmp_path,
        store=store,
        prices=lambda: CoinGecko(backoff=0.01),
        max_workers=1,
        **FAST,
    )
    assert view.summary.text() == "Nothing yet"

    with qtbot.waitSignal(view.idle, timeout=20_000):
        qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)
        assert not view.sync_button.isEnabled() and view.cancel_button.isVisible()
    assert "kraken 0 (kraken): 3 asset(s) synced" in view.message.text()
    assert "Prices refreshed for 3 asset(s)." in view.message.text()  # BTC, DOT, USD
    assert cells(view, "assets")[0][:2] == ["BTC", "3.7305"]
    assert view.progress.isHidden() and view.sync_button.isEnabled()

    fakes.slow_seconds = 0.3
    for account in accounts:
        account.scenario = "slow"
    try:
        with qtbot.waitSignal(view.idle, timeout=20_000):
            qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: view.progress.value() >= 1, timeout=10_000)
            qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
            assert view.status.text().startswith("Cancelling")
    finally:
        fakes.slow_seconds = 1.5
    text = view.message.text()
    assert "cancelled: not started" in text and "Sync cancelled" in text
    view.shutdown()
    for n in range(3):
        vault.remove(f"kraken {n}")
    db.close()


def test_every_table_passes_the_model_tester_and_sorts_on_raw_values(
    qtbot: Any, make_services: Any, qtmodeltester: Any, tmp_path: Path
) -> None:
    fill(tmp_path)
    allocation(tmp_path)
    view = open_view(qtbot, make_services, tmp_path)
    for name, table in view.tables.items():
        qtmodeltester.check(table.model(), force_py=True)
        assert table.model().rowCount() > 0 or name == "roi", name
    unclaimed = view.tables["unclaimed"].model()
    assert [unclaimed.index(0, c).data() for c in range(6)] == [
        "Alice",
        "drop",
        "ETH",
        "12.5",
        "$3,000.00",
        "$37,500.00",
    ]  # fmt: skip: at today's price, not yet held
    assert view.summary.text().endswith(" · Unclaimed airdrops: $37,500.00 (1 to claim)")
    model = view.tables["assets"].model()
    value = model.column("value_usd")
    assert model.index(0, value).data() == "$30,000.00"
    assert model.index(0, value).data(PortfolioTableModel.SortRole) == Decimal("30000.00")
    assert "stale" in model.index(0, 0).data(PortfolioTableModel.FlagsRole)
    history = view.tables["history"].model()
    days = [history.index(r, 0).data(PortfolioTableModel.SortRole) for r in range(3)]
    assert days == sorted(days, reverse=True) and isinstance(days[0], dt.date)

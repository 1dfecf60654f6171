"""The exchange registry is the one list of exchanges, and everything else agrees with it."""

from __future__ import annotations

import base64
import datetime as dt
import inspect
import pkgutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import airdrop_desk.exchanges as exchanges_package
from airdrop_desk.cli.parser import build_parser
from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiRequest, ExchangeClient
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.exchanges.model import ExchangeError, Failure
from airdrop_desk.portfolio.service import exchange_holdings
from airdrop_desk.storage.portfolio_repo import KeyBalances, KeyState

# The modules of the exchanges package that are not an exchange.
SHARED_MODULES = {"base", "credentials", "http", "model", "registry"}
# A secret every client can sign with: base64 (Kraken) of 64 bytes (Coinbase's Ed25519).
SECRET = base64.b64encode(bytes(range(64))).decode()


def test_names_and_titles_are_unique() -> None:
    assert len(set(registry.NAMES)) == len(registry.EXCHANGES)
    assert len({e.title for e in registry.EXCHANGES}) == len(registry.EXCHANGES)
    assert all(e.name.isidentifier() and e.name.islower() for e in registry.EXCHANGES)


@pytest.mark.parametrize("name", registry.NAMES)
def test_each_line_names_a_module_whose_client_matches_it(name: str) -> None:
    entry = registry.info(name)
    cls = registry.client_class(name)
    assert issubclass(cls, ExchangeClient) and cls.__module__ == entry.module
    assert cls.info is entry
    client = cls(Credentials.of("key-" + name, SECRET))
    try:
        assert (client.name, client.title) == (entry.name, entry.title)
        assert client.base_url.startswith("https://")
    finally:
        client.close()


@pytest.mark.parametrize("name", registry.NAMES)
def test_needs_passphrase_is_what_signing_needs(name: str) -> None:
    """A key without a passphrase signs exactly for the exchanges the registry says need none."""
    entry = registry.info(name)
    request = ApiRequest("GET", "/probe")
    with registry.client_class(name)(Credentials.of("key-" + name, SECRET)) as bare:
        if entry.needs_passphrase:
            with pytest.raises(ExchangeError, match="keys need their passphrase") as caught:
                bare.sign(request, 1_717_171_717_123, "nonce")
            assert caught.value.kind is Failure.CONFIG
        else:
            assert bare.sign(request, 1_717_171_717_123, "nonce").headers
    with registry.client_class(name)(Credentials.of("key-" + name, SECRET, "phrase")) as full:
        assert full.sign(request, 1_717_171_717_123, "nonce").headers


def test_every_exchange_module_has_a_registry_line() -> None:
    found = {
        m.name
        for m in pkgutil.iter_modules(exchanges_package.__path__)
        if m.name not in SHARED_MODULES
    }
    assert {f"airdrop_desk.exchanges.{m}" for m in found} == {e.module for e in registry.EXCHANGES}


def test_an_unknown_name_is_refused() -> None:
    assert registry.find("mtgox") is None
    assert registry.title("mtgox") == "mtgox"  # old data keeps showing its stored name
    with pytest.raises(KeyError, match="'mtgox' is not an exchange"):
        registry.info("mtgox")


def test_importing_the_registry_loads_no_client(tmp_path: Path) -> None:
    probe = (
        "import sys, airdrop_desk.exchanges.registry as r\n"
        "print(r.NAMES, r.title('okx'))\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('httpx', 'jwt', 'cryptography')"
        " or (m.startswith('airdrop_desk.exchanges.') and m.rsplit('.', 1)[1] in r.NAMES)]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    names, heavy = result.stdout.splitlines()
    assert names == f"{registry.NAMES} OKX"
    assert heavy == "[]"


def test_the_command_line_offers_exactly_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["keys", "add", "--label", "main", "--exchange"]
    for name in registry.NAMES:
        assert build_parser([*argv, name]).parse_args([*argv, name]).exchange == name
    with pytest.raises(SystemExit):
        build_parser([*argv, "mtgox"]).parse_args([*argv, "mtgox"])
    refused = capsys.readouterr().err
    assert "invalid choice: 'mtgox'" in refused
    assert all(f"'{name}'" in refused for name in registry.NAMES)
    with pytest.raises(SystemExit):
        build_parser(["keys", "add", "--help"]).parse_args(["keys", "add", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert f"one of: {', '.join(registry.NAMES)}" in shown


def test_the_portfolio_shows_each_exchange_by_its_registry_title() -> None:
    when = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
    snapshots = [
        KeyBalances(
            f"id-{e.name}",
            "main",
            e.name,
            when,
            [("BTC", "spot", Decimal(1))],
            KeyState(f"id-{e.name}", None, when, when, "ok", ""),
        )
        for e in registry.EXCHANGES
    ]
    holdings = exchange_holdings(snapshots, {}, when)
    assert [h.where for h in holdings] == [f"{e.title} · main · spot" for e in registry.EXCHANGES]


def test_each_client_module_keeps_its_protocol_out_of_the_registry() -> None:
    # What the registry holds is declared only there: no module repeats it as a constant.
    for entry in registry.EXCHANGES:
        source = inspect.getsource(registry.client_class(entry.name))
        for duplicate in ("title =", "needs_passphrase =", "key_page =", "name ="):
            assert f"\n    {duplicate}" not in source, (entry.name, duplicate)

"""Permission verdicts from the exchanges' documented bodies, read fail-closed."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest

import airdrop_desk
from airdrop_desk.exchanges import (
    binance,
    bitget,
    bybit,
    coinbase,
    gate,
    kraken,
    kucoin,
    okx,
    registry,
)
from airdrop_desk.exchanges.model import ExchangeError

BINANCE_READ_ONLY = {
    "ipRestrict": False,
    "createTime": 1698645219000,
    "enableReading": True,
    "enableSpotAndMarginTrading": False,
    "enableWithdrawals": False,
    "enableInternalTransfer": False,
    "enableMargin": False,
    "enableFutures": False,
    "permitsUniversalTransfer": False,
    "enableVanillaOptions": False,
    "enablePortfolioMarginTrading": False,
}


def test_binance() -> None:
    ok = binance.verdict(BINANCE_READ_ONLY)
    assert ok.read_only and ok.ip_restricted is False and ok.expires_at is None
    trade = binance.verdict(
        {
            **BINANCE_READ_ONLY,
            "enableSpotAndMarginTrading": True,
            "tradingAuthorityExpirationTime": 1700000000000,
        }
    )
    assert trade.problems == ("enableSpotAndMarginTrading",)
    assert trade.expires_at == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    # Absent flags count as off; an unknown flag that is on, or reading off, fails closed.
    assert binance.verdict({"enableReading": True}).read_only
    assert not binance.verdict({**BINANCE_READ_ONLY, "enableNewThing": True}).read_only
    assert binance.verdict({**BINANCE_READ_ONLY, "enableNewThing": False}).read_only
    assert not binance.verdict({**BINANCE_READ_ONLY, "enableReading": False}).read_only
    odd = binance.verdict({**BINANCE_READ_ONLY, "enableWithdrawals": "false"})
    assert odd.problems == ("enableWithdrawals",)  # a string is not the boolean false


def test_coinbase() -> None:
    body = {
        "can_view": True,
        "can_trade": False,
        "can_transfer": False,
        "portfolio_uuid": "x",
        "portfolio_type": "DEFAULT",
    }
    assert coinbase.verdict(body).read_only
    assert coinbase.verdict(body).ip_restricted is None
    assert coinbase.verdict({**body, "can_transfer": True}).problems == ("can_transfer",)
    assert not coinbase.verdict({"can_view": True}).read_only  # missing means unknown
    assert coinbase.verdict({**body, "can_stake": True}).unknown == ("can_stake=True",)


def test_kraken_documented_example_is_not_read_only() -> None:
    result = {
        "apiKeyName": "k",
        "permissions": ["query-funds", "withdraw-funds", "query-open-trades", "modify-trades"],
        "nonceWindow": 0,
        "validUntil": "0",
        "queryFrom": "0",
        "queryTo": "0",
        "ipAllowlist": [],
        "createdTime": "1",
        "lastUsed": "1",
    }
    verdict = kraken.verdict(result)
    assert verdict.problems == ("withdraw-funds", "modify-trades")
    assert verdict.ip_restricted is False and verdict.expires_at is None
    read = kraken.verdict(
        {
            **result,
            "permissions": ["query-funds"],
            "validUntil": "1893456000",
            "ipAllowlist": ["1.2.3.4"],
        }
    )
    assert read.read_only and read.ip_restricted
    assert read.expires_at == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert not kraken.verdict({**result, "permissions": []}).read_only
    assert kraken.asset_and_wallet("XXBT") == ("BTC", "spot")
    assert kraken.asset_and_wallet("DOT.S") == ("DOT", "earn")


def test_okx_documented_example_is_not_read_only() -> None:
    data = [{"perm": "read_only,withdraw,trade", "ip": "", "label": "v5 test"}]
    verdict = okx.verdict(data)
    assert verdict.problems == ("withdraw", "trade") and verdict.ip_restricted is False
    assert okx.verdict([{"perm": "read_only", "ip": "1.2.3.4"}]).read_only
    assert not okx.verdict([{"perm": "", "ip": ""}]).read_only


def test_bybit() -> None:
    body: dict[str, Any] = {
        "readOnly": 1,
        "permissions": {"Wallet": [], "Spot": []},
        "ips": ["*"],
        "expiredAt": "2030-01-01T00:00:00Z",
        "deadlineDay": 80,
    }
    ok = bybit.verdict(body)
    assert ok.read_only and ok.ip_restricted is False
    assert ok.expires_at == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert bybit.verdict({**body, "readOnly": 0}).problems == ("Read-Write",)
    transfer = bybit.verdict({**body, "permissions": {"Wallet": ["SubMemberTransferList"]}})
    assert transfer.problems == ("SubMemberTransferList",)
    assert not bybit.verdict({**body, "readOnly": 2}).read_only
    assert bybit.verdict({**body, "ips": ["1.2.3.4"], "expiredAt": ""}).ip_restricted


def test_kucoin_documented_example_is_read_only() -> None:
    data = {"apiVersion": 3, "permission": "General", "ipWhitelist": "", "isMaster": True}
    assert kucoin.verdict(data).read_only
    assert kucoin.verdict({**data, "permission": "General,Spot,Withdrawal"}).problems == (
        "Spot",
        "Withdrawal",
    )
    assert not kucoin.verdict({**data, "permission": ""}).read_only


def test_bitget_and_gate() -> None:
    assert bitget.verdict({"authorities": ["stor", "coor"], "ips": ""}).read_only
    assert bitget.verdict({"authorities": ["stor", "wwow"], "ips": ""}).problems == ("wwow",)
    assert bitget.verdict({"authorities": ["stor", "xx"], "ips": ""}).unknown == ("xx",)
    entry = {
        "key": "abcd****wxyz",
        "perms": [{"name": "spot", "read_only": True}],
        "ip_whitelist": [],
    }
    assert gate.verdict(entry).read_only
    assert gate.verdict({**entry, "perms": [{"name": "wallet", "read_only": False}]}).problems == (
        "wallet",
    )
    assert gate.find_key([entry, {**entry, "key": "zzzz****9999"}], "abcd1234wxyz") is entry
    with pytest.raises(ExchangeError, match="exactly once"):
        gate.find_key([entry, entry], "abcd1234wxyz")
    with pytest.raises(ExchangeError):
        gate.find_key([], "abcd1234wxyz")


@pytest.mark.parametrize("module", [binance, coinbase, kucoin, bitget])
def test_wrong_shapes_raise_instead_of_passing(module: Any) -> None:
    with pytest.raises((KeyError, TypeError, AttributeError)):
        module.verdict(["not", "a", "dict"])


def _judging_functions(file: Path) -> list[str]:
    """Names of the functions in ``file`` that build a verdict (``PermissionVerdict.judge`` or
    ``PermissionVerdict(...)``), one entry per call."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and "PermissionVerdict" in ast.unparse(node.func):
                found.append(function.name)
    return found


def test_each_exchange_decides_read_only_in_one_function_of_its_own() -> None:
    """One verdict per exchange: its module's ``verdict()``, and no second copy anywhere."""
    package = Path(airdrop_desk.__file__).parent
    judges = {
        str(file.relative_to(package)): _judging_functions(file)
        for file in sorted(package.rglob("*.py"))
        if _judging_functions(file)
    }
    expected = {f"exchanges/{name}.py": ["verdict"] for name in registry.NAMES}
    assert judges == expected
    for name in registry.NAMES:
        module = importlib.import_module(registry.info(name).module)
        assert inspect.signature(module.verdict).return_annotation == "PermissionVerdict"

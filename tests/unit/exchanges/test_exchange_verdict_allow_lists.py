"""Every verdict is an allow-list: a right in another shape, case or name is never read-only."""

from __future__ import annotations

from typing import Any

import pytest

from airdrop_desk.exchanges import binance, bitget, bybit, coinbase, gate, kraken, kucoin, okx

BYBIT: dict[str, Any] = {
    "readOnly": 1,
    "permissions": {"Wallet": [], "Spot": ["SpotTrade"], "ContractTrade": ["Order"]},
    "ips": ["*"],
    "expiredAt": "",
    "note": "airdrop-desk",
}
COINBASE: dict[str, Any] = {"can_view": True, "can_trade": False, "can_transfer": False}
KRAKEN: dict[str, Any] = {"permissions": ["query-funds"], "validUntil": "0", "ipAllowlist": []}
BITGET: dict[str, Any] = {"authorities": ["stor", "coor"], "ips": ""}
GATE: dict[str, Any] = {"key": "abcd****wxyz", "perms": [{"name": "spot", "read_only": True}]}


def case_id(value: Any) -> str:
    """A test id: an exchange module by its name, a body by the start of its repr."""
    return getattr(value, "__name__", "").rpartition(".")[2] or repr(value)[:50]


def test_the_documented_read_only_shapes_still_pass() -> None:
    assert bybit.verdict(BYBIT).read_only
    assert coinbase.verdict(COINBASE).read_only
    assert kraken.verdict(KRAKEN).read_only
    assert bitget.verdict(BITGET).read_only
    assert gate.verdict(GATE).read_only
    assert okx.verdict([{"perm": "read_only", "ip": "", "label": "x", "acctLv": "2"}]).read_only
    assert kucoin.verdict({"permission": "General", "ipWhitelist": "", "isMaster": True}).read_only


@pytest.mark.parametrize(
    "change",
    [
        {"permissions": {"Wallet": "Withdraw"}},  # a string, not a list
        {"permissions": {"Wallet": ["withdraw"]}},  # another case
        {"permissions": {"Wallet": ["Deposit"]}},  # a right the app does not know
        {"permissions": {"Spot": ["SpotTrade", "SpotMarginTrade"]}},
        {"permissions": {"FiatP2P": ["Advertising"]}},  # a group the app does not know
        {"permissions": {"Spot": [1]}},
        {"permissions": ["Wallet"]},
        {"permissions": None},
        {"readOnly": True},  # the boolean, not the documented integer
        {"readOnly": "1"},
        {"ReadOnly": 0},  # the same field in another case
        {"withdrawEnabled": True},  # a field the documentation does not name
        {"expiredAt": 12},
    ],
    ids=case_id,
)
def test_bybit_refuses_any_other_shape(change: dict[str, Any]) -> None:
    verdict = bybit.verdict({**BYBIT, **change})
    assert not verdict.read_only
    assert verdict.unknown or verdict.problems


@pytest.mark.parametrize(
    ("module", "body"),
    [
        (coinbase, {**COINBASE, "CAN_TRADE": True}),
        (coinbase, {**COINBASE, "trade": "yes"}),
        (coinbase, {**COINBASE, "portfolio_type": ["DEFAULT"]}),
        (binance, {"enableReading": True, "EnableWithdrawals": True}),
        (binance, {"enableReading": True, "enableNewRight": "true"}),
        (binance, {"enableReading": True, "ipRestrict": "false"}),
        (kraken, {**KRAKEN, "permissions": ["query-funds", "query-everything"]}),
        (kraken, {**KRAKEN, "permissions": ["Query-Funds"]}),
        (kraken, {**KRAKEN, "Permissions": ["withdraw-funds"]}),
        (kraken, {**KRAKEN, "canWithdraw": True}),
        (kraken, {**KRAKEN, "validUntil": True}),
        (bitget, {**BITGET, "authorities": ["stor", "xyzr"]}),
        (bitget, {**BITGET, "authorities": ["STOW"]}),
        (gate, {**GATE, "perms": [{"name": "spot", "read_only": True, "withdraw": True}]}),
        (gate, {**GATE, "perms": [{"name": "margin_x", "read_only": True}]}),
        (gate, {**GATE, "perms": [{"name": "spot", "read_only": 1}]}),
        (gate, {**GATE, "perms": ["spot"]}),
    ],
    ids=case_id,
)
def test_every_exchange_refuses_a_right_it_does_not_know(module: Any, body: Any) -> None:
    assert not module.verdict(body).read_only


@pytest.mark.parametrize(
    ("module", "body"),
    [
        (okx, [{"perm": "read_only"}, {"perm": "read_only,withdraw"}]),  # two accounts
        (okx, []),
        (kraken, {**KRAKEN, "permissions": "query-funds"}),
        (bitget, {**BITGET, "authorities": "stor"}),
    ],
    ids=case_id,
)
def test_a_report_in_another_shape_is_not_read(module: Any, body: Any) -> None:
    with pytest.raises((KeyError, TypeError)):
        module.verdict(body)


@pytest.mark.parametrize(
    ("module", "body"),
    [
        (okx, [{"perm": ["read_only"], "ip": ""}]),
        (kucoin, {"permission": ["General"], "ipWhitelist": ""}),
        (okx, [{"perm": "read_only", "Perm": "trade"}]),
    ],
    ids=case_id,
)
def test_a_rights_field_of_another_type_is_unknown(module: Any, body: Any) -> None:
    verdict = module.verdict(body)
    assert not verdict.read_only and verdict.unknown

"""Random permission reports, in random shapes, never make a key read-only.

For each exchange, a documented read-only report is mutated at random (a value replaced,
a field added in any case, a right appended, a field dropped) or replaced by random JSON.
The verdict may refuse the report as unreadable (the client then reports it malformed) or
judge it; it may say "read-only" only when the report has the documented read-only shape,
which each ``*_documented`` function below states on its own, from the exchange's docs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airdrop_desk.exchanges import binance, bitget, bybit, coinbase, gate, kraken, kucoin, okx

MAX_S = 253_402_300_799  # 9999-12-31 23:59:59 UTC
UNREADABLE = (KeyError, TypeError, ValueError, AttributeError, IndexError)
OFF: tuple[Any, ...] = (False, None, "", [], {})


def off(value: Any) -> bool:
    return any(value is o or (type(value) is type(o) and value == o) for o in OFF)


def whole(value: Any, limit: int) -> bool:
    if isinstance(value, str):
        return value.isascii() and value.isdigit() and len(value) < 30 and int(value) <= limit
    return type(value) is int and 0 <= value <= limit


def only_known(body: dict[str, Any], known: set[str], free: set[str] = frozenset()) -> bool:
    """No field spells a known one in another case; unknown fields grant nothing."""
    folded = {k.casefold() for k in known | free}
    return all(
        name in known or name in free or (name.casefold() not in folded and off(value))
        for name, value in body.items()
    )


# -- each exchange's documented read-only shape ---------------------------------------------

BINANCE_WRITE = {
    "enableSpotAndMarginTrading",
    "enableMargin",
    "enableFutures",
    "enableVanillaOptions",
    "enablePortfolioMarginTrading",
    "enableFixApiTrade",
    "enableWithdrawals",
    "enableInternalTransfer",
    "permitsUniversalTransfer",
}


def binance_documented(b: Any) -> bool:
    return (
        isinstance(b, dict)
        and b.get("enableReading") is True
        and all(b[k] is False for k in BINANCE_WRITE if k in b)
        and all(type(b[k]) is bool for k in ("ipRestrict", "enableFixReadOnly") if k in b)
        and (
            off(b.get("tradingAuthorityExpirationTime"))
            or whole(b["tradingAuthorityExpirationTime"], MAX_S * 1000)
        )
        and only_known(
            b,
            BINANCE_WRITE | {"enableReading", "ipRestrict", "enableFixReadOnly"},
            {"createTime", "tradingAuthorityExpirationTime"},
        )
    )


def coinbase_documented(b: Any) -> bool:
    return (
        isinstance(b, dict)
        and b.get("can_view") is True
        and b.get("can_trade") is False
        and b.get("can_transfer") is False
        and all(isinstance(b[k], str) for k in ("portfolio_uuid", "portfolio_type") if k in b)
        and only_known(
            b, {"can_view", "can_trade", "can_transfer", "portfolio_uuid", "portfolio_type"}
        )
    )


KRAKEN_READ = {"query-funds", "query-open-trades", "query-closed-trades", "query-ledger"}
KRAKEN_INFO = {"apiKeyName", "nonceWindow", "queryFrom", "queryTo", "createdTime", "lastUsed"}


def kraken_documented(b: Any) -> bool:
    if not isinstance(b, dict):
        return False
    perms = b.get("permissions")
    until = b.get("validUntil", "0")
    return (
        isinstance(perms, list)
        and bool(perms)
        and all(isinstance(p, str) and p in KRAKEN_READ for p in perms)
        and (until == "" or whole(until, MAX_S))
        and only_known(b, {"permissions", "validUntil", "ipAllowlist"}, KRAKEN_INFO)
    )


BYBIT_READ = {
    "ContractTrade": {"Order", "Position"},
    "Spot": {"SpotTrade"},
    "Wallet": set(),
    "Options": {"OptionsTrade"},
    "Derivatives": {"DerivativesTrade"},
    "CopyTrading": {"CopyTrading"},
    "BlockTrade": {"BlockTrade"},
    "Exchange": {"ExchangeHistory"},
    "NFT": {"NFTQueryProductList"},
    "Affiliate": {"Affiliate"},
    "Earn": {"Earn"},
}
BYBIT_INFO = {"id", "note", "apiKey", "secret", "type", "deadlineDay", "createdAt", "unified"}
BYBIT_INFO |= {"uta", "userID", "inviterID", "vipLevel", "mktMakerLevel", "affiliateID"}
BYBIT_INFO |= {"rsaPublicKey", "isMaster", "parentUid", "kycLevel", "kycRegion"}


def iso_or_empty(value: Any) -> bool:
    if value is None or value == "":
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def bybit_documented(b: Any) -> bool:
    if not isinstance(b, dict):
        return False
    perms = b.get("permissions")
    return (
        type(b.get("readOnly")) is int
        and b["readOnly"] == 1
        and isinstance(perms, dict)
        and all(
            isinstance(rights, list)
            and all(isinstance(r, str) and r in BYBIT_READ.get(group, set()) for r in rights)
            for group, rights in perms.items()
        )
        and iso_or_empty(b.get("expiredAt"))
        and only_known(b, {"readOnly", "permissions", "ips", "expiredAt"}, BYBIT_INFO)
    )


def names(text: Any, allowed: str) -> bool:
    parts = [p.strip() for p in text.split(",") if p.strip()] if isinstance(text, str) else []
    return bool(parts) and all(p == allowed for p in parts)


def no_twins(b: dict[str, Any], known: set[str]) -> bool:
    folded = {k.casefold() for k in known}
    return all(name in known or name.casefold() not in folded for name in b)


def okx_documented(d: Any) -> bool:
    return (
        isinstance(d, list)
        and len(d) == 1
        and isinstance(d[0], dict)
        and names(d[0].get("perm"), "read_only")
        and no_twins(d[0], {"perm", "ip"})
    )


def kucoin_documented(b: Any) -> bool:
    return (
        isinstance(b, dict)
        and names(b.get("permission"), "General")
        and no_twins(b, {"permission", "ipWhitelist"})
    )


def bitget_documented(b: Any) -> bool:
    codes = b.get("authorities") if isinstance(b, dict) else None
    return (
        isinstance(codes, list)
        and bool(codes)
        and all(c in ("coor", "stor", "wtor") for c in codes)
        and no_twins(b, {"authorities", "ips"})
    )


GATE_AREAS = {"wallet", "spot", "futures", "delivery", "earn", "options", "account"}
GATE_AREAS |= {"unified", "loan"}


def gate_documented(b: Any) -> bool:
    perms = b.get("perms") if isinstance(b, dict) else None
    return (
        isinstance(perms, list)
        and bool(perms)
        and all(
            isinstance(p, dict)
            and set(p) == {"name", "read_only"}
            and p["name"] in GATE_AREAS
            and p["read_only"] is True
            for p in perms
        )
        and no_twins(b, {"perms", "ip_whitelist"})
    )


# -- random reports ---------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def variants(words: list[str]) -> list[str]:
    """Each word, and the same word in other cases."""
    out: list[str] = []
    for word in words:
        out += [word, word.upper(), word.lower(), word.swapcase(), word.capitalize()]
    return sorted(set(out))


def mutations(base: Any, fields: list[str], rights: list[str]) -> st.SearchStrategy[Any]:
    """``base`` after one to three random changes anywhere inside it."""
    interesting = (
        st.sampled_from([*variants(rights), 0, 1, "1", "true", True, False, None, [], {}])
        | json_values
    )
    keys = st.sampled_from(variants(fields)) | st.text(max_size=8)

    @st.composite
    def change(draw: st.DrawFn, value: Any) -> Any:
        if isinstance(value, dict) and value:
            action = draw(st.sampled_from(["inside", "replace", "add", "drop"]))
            out = dict(value)
            key = draw(st.sampled_from(sorted(out)))
            if action == "inside":
                out[key] = draw(change(out[key]))
            elif action == "replace":
                out[key] = draw(interesting)
            elif action == "add":
                out[draw(keys)] = draw(interesting)
            else:
                del out[key]
            return out
        if isinstance(value, list) and value:
            action = draw(st.sampled_from(["inside", "replace", "append", "drop"]))
            items = list(value)
            index = draw(st.integers(0, len(items) - 1))
            if action == "inside":
                items[index] = draw(change(items[index]))
            elif action == "replace":
                items[index] = draw(interesting)
            elif action == "append":
                items.append(draw(interesting))
            else:
                del items[index]
            return items
        if isinstance(value, list | dict):
            return (
                [draw(interesting)] if isinstance(value, list) else {draw(keys): draw(interesting)}
            )
        return draw(interesting)

    @st.composite
    def changed(draw: st.DrawFn) -> Any:
        value = base
        for _ in range(draw(st.integers(1, 3))):
            value = draw(change(value))
        return value

    return changed()


Case = tuple[Callable[[Any], Any], Callable[[Any], bool], Any, list[str], list[str]]
CASES: dict[str, Case] = {
    "binance": (
        binance.verdict,
        binance_documented,
        {"ipRestrict": False, "createTime": 1698645219000, "enableReading": True}
        | dict.fromkeys(BINANCE_WRITE, False),
        [*BINANCE_WRITE, "enableReading", "ipRestrict", "tradingAuthorityExpirationTime"],
        [],
    ),
    "coinbase": (
        coinbase.verdict,
        coinbase_documented,
        {"can_view": True, "can_trade": False, "can_transfer": False, "portfolio_type": "x"},
        ["can_view", "can_trade", "can_transfer", "can_stake", "portfolio_uuid"],
        [],
    ),
    "kraken": (
        kraken.verdict,
        kraken_documented,
        {"apiKeyName": "k", "permissions": sorted(KRAKEN_READ), "validUntil": "0"},
        ["permissions", "validUntil", "ipAllowlist", "nonceWindow"],
        [*KRAKEN_READ, "withdraw-funds", "modify-trades", "query-everything"],
    ),
    "bybit": (
        bybit.verdict,
        bybit_documented,
        {
            "readOnly": 1,
            "permissions": {"Wallet": [], "Spot": ["SpotTrade"], "Earn": []},
            "ips": ["*"],
            "expiredAt": "2030-01-01T00:00:00Z",
            "note": "n",
        },
        ["readOnly", "permissions", "Wallet", "Spot", "FiatP2P", "expiredAt", "withdraw"],
        ["Withdraw", "AccountTransfer", "SpotTrade", "Order", "Advertising", "Earn"],
    ),
    "okx": (
        okx.verdict,
        okx_documented,
        [{"perm": "read_only", "ip": "", "label": "x"}],
        ["perm", "ip", "label"],
        ["read_only", "trade", "withdraw", "read_only,trade", "read_only, read_only"],
    ),
    "kucoin": (
        kucoin.verdict,
        kucoin_documented,
        {"permission": "General", "ipWhitelist": "", "isMaster": True},
        ["permission", "ipWhitelist"],
        ["General", "Spot", "General,Withdrawal", "General, General"],
    ),
    "bitget": (
        bitget.verdict,
        bitget_documented,
        {"authorities": ["stor", "coor"], "ips": ""},
        ["authorities", "ips"],
        ["coor", "stor", "wtor", "stow", "wwow", "taxr"],
    ),
    "gate": (
        gate.verdict,
        gate_documented,
        {"key": "abcd****wxyz", "perms": [{"name": "spot", "read_only": True}]},
        ["perms", "ip_whitelist", "name", "read_only", "withdraw"],
        sorted(GATE_AREAS | {"margin"}),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_documented_read_only_report_is_read_only(name: str) -> None:
    judge, documented, base, _, _ = CASES[name]
    assert documented(base) and judge(base).read_only


def _check(name: str, report: Any) -> None:
    judge, documented, _, _, _ = CASES[name]
    try:
        verdict = judge(report)
    except UNREADABLE:
        return  # the client reports the reply as malformed: not read-only
    if verdict.read_only:
        assert documented(report), report


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=250, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_random_reports_are_never_read_only_unless_documented(
    name: str, data: st.DataObject
) -> None:
    _, _, base, fields, rights = CASES[name]
    report = data.draw(mutations(base, fields, rights) | json_values)
    _check(name, report)

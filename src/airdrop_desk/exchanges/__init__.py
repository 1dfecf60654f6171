"""Exchange clients: one small module per exchange, all on ``base.ExchangeClient``."""

from __future__ import annotations

from airdrop_desk.exchanges.base import ExchangeClient
from airdrop_desk.exchanges.binance import Binance
from airdrop_desk.exchanges.bitget import Bitget
from airdrop_desk.exchanges.bybit import Bybit
from airdrop_desk.exchanges.coinbase import Coinbase
from airdrop_desk.exchanges.gate import Gate
from airdrop_desk.exchanges.kraken import Kraken
from airdrop_desk.exchanges.kucoin import Kucoin
from airdrop_desk.exchanges.model import (
    Balance,
    ExchangeError,
    Failure,
    PermissionVerdict,
    RequestRecord,
)
from airdrop_desk.exchanges.okx import Okx

EXCHANGES: dict[str, type[ExchangeClient]] = {
    cls.name: cls for cls in (Binance, Coinbase, Kraken, Okx, Bybit, Kucoin, Bitget, Gate)
}

__all__ = [
    "EXCHANGES",
    "Balance",
    "ExchangeClient",
    "ExchangeError",
    "Failure",
    "PermissionVerdict",
    "RequestRecord",
]

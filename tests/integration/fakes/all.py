"""Every fake exchange, ready to put behind one server."""

from __future__ import annotations

from fakes.binance import FakeBinance
from fakes.bitget import FakeBitget
from fakes.bybit import FakeBybit
from fakes.coinbase import FakeCoinbase
from fakes.gate import FakeGate
from fakes.kraken import FakeKraken
from fakes.kucoin import FakeKucoin
from fakes.okx import FakeOkx
from fakes.server import Fake, FakeExchanges

FAST = {"timeout": 0.5, "backoff": 0.01}  # client options for tests: quick timeout and backoff


def start_fakes() -> FakeExchanges:
    fakes: list[Fake] = [
        FakeBinance(),
        FakeCoinbase(),
        FakeKraken(),
        FakeOkx(),
        FakeBybit(),
        FakeKucoin(),
        FakeBitget(),
        FakeGate(),
    ]
    return FakeExchanges(fakes)

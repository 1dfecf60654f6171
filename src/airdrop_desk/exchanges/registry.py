"""Every exchange the app supports, one line each: the only list of them.

The command line, the key form, the key vault and the portfolio read their names, titles
and hints from here. Importing this module imports no client: ``client_class`` loads an
exchange's module (and with it the HTTP and crypto stack) only when a client is needed.

Adding an exchange: its module under ``exchanges/`` (a class with ``info =
registry.info("name")``), its fake server under ``tests/integration/fakes/``, one line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from airdrop_desk.exchanges.model import ExchangeInfo

if TYPE_CHECKING:
    from airdrop_desk.exchanges.base import ExchangeClient

_PACKAGE = "airdrop_desk.exchanges"

EXCHANGES: tuple[ExchangeInfo, ...] = (
    ExchangeInfo("binance", "Binance", f"{_PACKAGE}.binance",
                 key_page="API Management → Edit restrictions"),
    ExchangeInfo("coinbase", "Coinbase", f"{_PACKAGE}.coinbase",
                 key_page="Coinbase Developer Platform → API keys",
                 secret_hint="private key: PEM or base64 Ed25519"),
    ExchangeInfo("kraken", "Kraken", f"{_PACKAGE}.kraken",
                 key_page="Settings → API → Edit key"),
    ExchangeInfo("okx", "OKX", f"{_PACKAGE}.okx", needs_passphrase=True,
                 key_page="Profile → API keys → Edit"),
    ExchangeInfo("bybit", "Bybit", f"{_PACKAGE}.bybit",
                 key_page="Account → API → Edit"),
    ExchangeInfo("kucoin", "KuCoin", f"{_PACKAGE}.kucoin", needs_passphrase=True,
                 key_page="Account → API Management → Edit"),
    ExchangeInfo("bitget", "Bitget", f"{_PACKAGE}.bitget", needs_passphrase=True,
                 key_page="API Management → Edit"),
    ExchangeInfo("gate", "Gate", f"{_PACKAGE}.gate",
                 key_page="API Management → Edit"),
)  # fmt: skip

NAMES: tuple[str, ...] = tuple(e.name for e in EXCHANGES)
_BY_NAME = {e.name: e for e in EXCHANGES}


def find(name: str) -> ExchangeInfo | None:
    """The exchange called ``name``, or None when the app does not support it."""
    return _BY_NAME.get(name)


def info(name: str) -> ExchangeInfo:
    """The exchange called ``name``; a name not in the registry is a KeyError."""
    found = _BY_NAME.get(name)
    if found is None:
        raise KeyError(f"'{name}' is not an exchange in the registry")
    return found


def title(name: str) -> str:
    """The exchange's title, or ``name`` itself for one no longer supported (old data)."""
    found = _BY_NAME.get(name)
    return found.title if found is not None else name


def client_class(name: str) -> type[ExchangeClient]:
    """The client class of exchange ``name``: the class in its module whose ``info`` is its line.

    This is the one place an exchange's module is imported.
    """
    from airdrop_desk.exchanges.base import ExchangeClient

    entry = info(name)
    module = importlib.import_module(entry.module)
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, ExchangeClient)
        and value.__dict__.get("info") is entry
    ]
    if len(found) != 1:
        raise LookupError(
            f"{entry.module} must define exactly one client class with "
            f"info = registry.info({name!r}); it defines {len(found)}"
        )
    return found[0]

"""Asset symbols and the ids CoinGecko knows them by.

A symbol alone is ambiguous (hundreds of tokens call themselves ``ZK`` or ``MOVE``), so
only symbols listed here, or mapped by the user, are priced; any other asset is shown as
unpriced rather than guessed. The table covers the catalog's tokens and the majors.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

COINGECKO_IDS: dict[str, str] = {
    # majors and stablecoins
    "BTC": "bitcoin",
    "ETH": "ethereum",
    "SOL": "solana",
    "BNB": "binancecoin",
    "XRP": "ripple",
    "ADA": "cardano",
    "DOGE": "dogecoin",
    "DOT": "polkadot",
    "LTC": "litecoin",
    "AVAX": "avalanche-2",
    "TRX": "tron",
    "LINK": "chainlink",
    "TON": "the-open-network",
    "ATOM": "cosmos",
    "NEAR": "near",
    "APT": "aptos",
    "SUI": "sui",
    "TIA": "celestia",
    "OP": "optimism",
    "POL": "polygon-ecosystem-token",
    "MATIC": "matic-network",
    "XLM": "stellar",
    "ETC": "ethereum-classic",
    "BCH": "bitcoin-cash",
    "XMR": "monero",
    "ZEC": "zcash",
    "FIL": "filecoin",
    "INJ": "injective-protocol",
    "SEI": "sei-network",
    "JUP": "jupiter-exchange-solana",
    "PYTH": "pyth-network",
    "JTO": "jito-governance-token",
    "W": "wormhole",
    "EIGEN": "eigenlayer",
    "ENA": "ethena",
    "PENDLE": "pendle",
    "AAVE": "aave",
    "MKR": "maker",
    "LDO": "lido-dao",
    "CRV": "curve-dao-token",
    "SHIB": "shiba-inu",
    "PEPE": "pepe",
    "WBTC": "wrapped-bitcoin",
    "WETH": "weth",
    "STETH": "staked-ether",
    "USDT": "tether",
    "USDC": "usd-coin",
    "DAI": "dai",
    "FDUSD": "first-digital-usd",
    "USDE": "ethena-usde",
    "PYUSD": "paypal-usd",
    "TUSD": "true-usd",
    # the catalog's tokens
    "STRK": "starknet",
    "PEAQ": "peaq-2",
    "DYM": "dymension",
    "MOVE": "movement",
    "ZRO": "layerzero",
    "SCR": "scroll",
    "LINEA": "linea",
    "AVAIL": "avail",
    "PRCL": "parcl",
    "TAIKO": "taiko",
    "ZK": "zksync",
    "ZETA": "zetachain",
    "ARB": "arbitrum",
    "UNI": "uniswap",
}

# Worth exactly this many dollars by definition: never asked for, never stale.
FIXED_USD: dict[str, Decimal] = {"USD": Decimal(1)}


def normalize(symbol: str) -> str:
    """The form assets are stored and looked up in: trimmed, upper case."""
    return symbol.strip().upper()


def coingecko_id(symbol: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The CoinGecko id of ``symbol``; the user's own mapping ``extra`` comes first."""
    key = normalize(symbol)
    if extra and key in extra:
        return extra[key]
    return COINGECKO_IDS.get(key)

"""Names the portfolio keeps to itself stay in step with the rest of the app."""

from __future__ import annotations

import re

from airdrop_desk.prices.ids import COINGECKO_IDS, FIXED_USD, coingecko_id
from airdrop_desk.resources import bundled_catalog_path


def test_every_catalog_token_is_either_priced_or_knowingly_left_out() -> None:
    text = bundled_catalog_path().read_text(encoding="utf-8")
    symbols = set(re.findall(r'"symbol":\s*"([A-Z0-9.]+)"', text))
    # Tokens whose CoinGecko id could not be confirmed stay unpriced rather than guessed;
    # so do the live section's announced tokens that no source shows trading yet.
    unpriced = {"TEN", "ES", "AZTEC", "TMAI", "POLY", "MASK", "ARC", "SEA"}
    assert symbols - set(COINGECKO_IDS) == unpriced
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in COINGECKO_IDS.values())
    assert coingecko_id(" eth ") == "ethereum"
    assert coingecko_id("ZK", {"ZK": "my-zk"}) == "my-zk" and coingecko_id("WAT") is None
    assert "USD" in FIXED_USD and "USD" not in COINGECKO_IDS

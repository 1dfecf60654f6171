"""What the eligibility tests share: real addresses, lists written on the spot, dumps."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

# Real addresses in the forms a profile keeps them.
EVM = "0x52908400098527886E0F7030069857D2E4169EE7"  # the EIP-55 example address
EVM_2 = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
STARKNET = "0x04a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3"
SOLANA = "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T"


def filler(n: int) -> str:
    """The n-th address of lists' other rows (nobody's)."""
    return "0x" + f"{n + 1:040x}"


def write_csv(path: Path, rows: list[tuple[str, str]], header: str = "address,amount") -> Path:
    text = header + "\n" + "".join(f"{a},{b}\n" for a, b in rows)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def dump(db_path: Path) -> list[str]:
    """Every statement that rebuilds the database: schema and rows."""
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()

"""One normal form per address or handle, and the fixed-size key a list row is stored under.

Normal forms: 0x-hex (EVM addresses and Starknet felts) lower case with the leading
zeros after 0x stripped — an EVM address has exactly 40 digits, so for it this is only
case-insensitivity, and felts compare as numbers; Solana (base58) exactly as written;
Cosmos (bech32) lower case; a handle (GitHub, X, Discord) case-folded, without its
leading @, marked with @ so it never equals an address.

The key is the first 8 bytes of blake2b-96 of the normal form (a signed 64-bit
INTEGER), the check the next 4 bytes: a hit on the key is confirmed by the check, so a
false match needs a 96-bit collision.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Callable

_HEX_RE = re.compile(r"0x[0-9a-f]{1,64}")
_B58_RE = re.compile(r"[1-9A-HJ-NP-Za-km-z]{32,44}")
_BECH32_RE = re.compile(r"[a-z]{1,20}1[02-9ac-hj-np-z]{38,90}")
_HANDLE_RE = re.compile(r"@?[a-z0-9_.\-]{1,100}")
_blake = hashlib.blake2b
_key_and_check = struct.Struct(">qi").unpack_from  # signed 64-bit key, signed 32-bit check


def normalise(text: str, handles: bool = False) -> str | None:
    """The normal form of an address (or, with ``handles``, a handle); None: not one."""
    low = text.strip().lower()
    if low.startswith("0x"):
        if not _HEX_RE.fullmatch(low):
            return None
        return "0x" + (low[2:].lstrip("0") or "0")
    plain = text.strip()
    if _B58_RE.fullmatch(plain):
        return plain
    if _BECH32_RE.fullmatch(low):
        return low
    if handles and _HANDLE_RE.fullmatch(low):
        return "@" + low.removeprefix("@")
    return None


def normaliser(handles: bool = False) -> Callable[[str], str | None]:
    """``normalise`` for one list's million rows: the 0x-hex case (nearly every row) with
    its pattern bound once, the others as ``normalise`` does them."""
    hex_match = _HEX_RE.fullmatch

    def fast(text: str) -> str | None:
        low = text.strip().lower()
        if low[:2] == "0x":
            if hex_match(low) is None:
                return None
            return "0x" + (low[2:].lstrip("0") or "0")
        return normalise(text, handles)

    return fast


def handle_form(handle: str) -> str:
    """The normal form of a profile's handle."""
    return "@" + handle.strip().removeprefix("@").casefold()


def key_of(normal: str) -> tuple[int, int]:
    """(key, check) of a normal form."""
    key, check = _key_and_check(_blake(normal.encode(), digest_size=12).digest())
    return key, check


def display(chain: str, address: str) -> str:
    """An address as shown: EVM checksummed (EIP-55), others as given."""
    if chain == "evm" or (address.lower().startswith("0x") and len(address) == 42):
        from airdrop_desk.core.addresses import evm_checksum

        return evm_checksum(address)
    return address

"""Wallet address validation per chain, with messages a person can act on.

Each validator returns the address in its canonical written form (EVM: EIP-55
checksummed; Starknet: 0x + 64 hex digits; Cosmos: lower case) or raises
``AddressError`` saying what is wrong. The hash and codec libraries are imported
inside the functions: the window never pays for them before the first paint.
"""

from __future__ import annotations

import re

CHAINS: dict[str, str] = {
    "evm": "EVM (Ethereum, L2s)",
    "solana": "Solana",
    "starknet": "Starknet",
    "cosmos": "Cosmos",
}
# The Starknet field prime: a felt is any integer below it.
STARKNET_PRIME = 2**251 + 17 * 2**192 + 1
_EVM_RE = re.compile(r"^0x[0-9a-fA-F]{40}$")
_HEX_RE = re.compile(r"^0x[0-9a-fA-F]{1,64}$")
_B58_ALPHABET = set("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")


class AddressError(ValueError):
    """An address that is not valid for its chain; ``str()`` is the message to show."""


def keccak256(data: bytes) -> bytes:
    from Crypto.Hash import keccak

    return keccak.new(data=data, digest_bits=256).digest()


def evm_checksum(address: str) -> str:
    """The EIP-55 mixed-case form of a 0x + 40 hex address."""
    body = address[2:].lower()
    digest = keccak256(body.encode("ascii")).hex()
    return "0x" + "".join(
        c.upper() if int(h, 16) >= 8 else c for c, h in zip(body, digest[:40], strict=True)
    )


def validate_evm(text: str) -> str:
    if not _EVM_RE.match(text):
        if text.startswith("0x") or text.startswith("0X"):
            digits = len(text) - 2
            if digits != 40:
                raise AddressError(f"An EVM address has 40 hex digits after 0x; this has {digits}.")
        raise AddressError("An EVM address is 0x followed by 40 hex digits (0-9, a-f).")
    body = text[2:]
    checksummed = evm_checksum(text)
    if body != body.lower() and body != body.upper() and text != checksummed:
        raise AddressError(
            "The upper/lower case letters do not match the EIP-55 checksum: "
            "a character was probably mistyped. Copy the address again."
        )
    return checksummed


def validate_solana(text: str) -> str:
    bad = sorted(set(text) - _B58_ALPHABET)
    if not text or bad:
        shown = ", ".join(repr(c) for c in bad[:4]) or "nothing"
        raise AddressError(
            f"A Solana address uses base58 letters only (no 0, O, I or l); found {shown}."
        )
    import base58

    decoded = base58.b58decode(text)
    if len(decoded) != 32:
        raise AddressError(f"A Solana address decodes to 32 bytes; this decodes to {len(decoded)}.")
    return text


def validate_starknet(text: str) -> str:
    lowered = text.lower()
    if not _HEX_RE.match(lowered):
        raise AddressError("A Starknet address is 0x followed by up to 64 hex digits.")
    value = int(lowered, 16)
    if value >= STARKNET_PRIME:
        raise AddressError(
            "This number is too large to be a Starknet address (it must be "
            "below the Starknet field prime)."
        )
    if value == 0:
        raise AddressError("0x0 is not an account address.")
    return f"0x{value:064x}"


def validate_cosmos(text: str) -> str:
    if text != text.lower() and text != text.upper():
        raise AddressError("A Cosmos address is all lower case (or all upper case).")
    lowered = text.lower()
    if "1" not in lowered:
        raise AddressError(
            "A Cosmos address looks like cosmos1… or osmo1…: a prefix, the digit 1, then the data."
        )
    import bech32

    hrp, data = bech32.bech32_decode(lowered)
    if hrp is None or data is None:
        raise AddressError(
            "The bech32 checksum does not match: a character was probably "
            "mistyped. Copy the address again."
        )
    raw = bech32.convertbits(data, 5, 8, False)
    if raw is None or len(raw) not in (20, 32):
        raise AddressError("A Cosmos address holds 20 or 32 bytes; this one does not.")
    return lowered


_VALIDATORS = {
    "evm": validate_evm,
    "solana": validate_solana,
    "starknet": validate_starknet,
    "cosmos": validate_cosmos,
}


def validate_address(chain: str, text: str) -> str:
    """``text`` (spaces trimmed) in canonical form for ``chain``; raises AddressError."""
    text = text.strip()
    if chain not in _VALIDATORS:
        raise AddressError(f"Unknown chain '{chain}'.")
    if not text:
        raise AddressError("Enter an address.")
    if any(c.isspace() for c in text):
        raise AddressError("An address has no spaces inside it.")
    return _VALIDATORS[chain](text)


MAX_LABEL = 40  # characters of an address's label


def address_note(chain: str, text: str) -> str | None:
    """A warning for an address that is valid for ``chain`` but looks like another chain's
    (it is saved; the person checks it): an EVM address entered as a Starknet one."""
    if chain == "starknet" and _EVM_RE.match(text.strip()):
        return (
            "This looks like an EVM address (0x and 40 hex digits); a Starknet account is "
            "usually 0x and 64. Check that it is the Starknet account you farm with."
        )
    return None


def check_label(text: str) -> str:
    """An address label: optional, at most ``MAX_LABEL`` characters, no hidden characters."""
    from airdrop_desk.core.text import check_name

    return check_name(text, "Label", max_length=MAX_LABEL) if text.strip() else ""


def short_address(address: str) -> str:
    """0x1234…abcd: enough to recognise an address in a narrow column."""
    return address if len(address) <= 14 else f"{address[:6]}…{address[-4:]}"

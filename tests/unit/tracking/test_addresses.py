"""Wallet addresses are checked for their chain with real mainnet addresses."""

from __future__ import annotations

import hashlib

import bech32
import pytest

from airdrop_desk.core.addresses import (
    STARKNET_PRIME,
    AddressError,
    evm_checksum,
    short_address,
    validate_address,
)

# Mainnet contracts whose EIP-55 forms are published everywhere (USDC, WETH, DAI,
# Uniswap V2 router) and the four examples of the EIP-55 text itself.
EVM_REAL = [
    "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
    "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
    "0x6B175474E89094C44Da98b954EedeAC495271d0F",
    "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]


@pytest.mark.parametrize("address", EVM_REAL)
def test_real_evm_addresses_pass_their_checksum(address: str) -> None:
    assert validate_address("evm", address) == address
    assert evm_checksum(address.lower()) == address


def test_all_lower_or_upper_case_evm_is_accepted_and_checksummed() -> None:
    usdc = EVM_REAL[0]
    assert validate_address("evm", usdc.lower()) == usdc
    assert validate_address("evm", "0x" + usdc[2:].upper()) == usdc


def test_one_flipped_letter_case_fails_the_checksum() -> None:
    flipped = "0xa0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"  # USDC with A -> a
    with pytest.raises(AddressError, match="EIP-55 checksum"):
        validate_address("evm", flipped)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB4", "has 39"),
        ("0xZ0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "40 hex digits"),
        ("A0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "0x followed by 40"),
        ("", "Enter an address"),
        ("0xA0b86991c6218b36c1d1 9D4a2e9Eb0cE3606eB48", "no spaces"),
    ],
)
def test_bad_evm_input_says_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(AddressError, match=words):
        validate_address("evm", text)


@pytest.mark.parametrize(
    "address",
    [
        "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",  # SPL Token program
        "11111111111111111111111111111111",  # System program: 32 zero bytes
        "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",  # USDC mint
        "So11111111111111111111111111111111111111112",  # wrapped SOL mint
        "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4",  # Jupiter aggregator v6
    ],
)
def test_real_solana_addresses_decode_to_32_bytes(address: str) -> None:
    assert validate_address("solana", address) == address


def test_solana_rejects_letters_outside_base58_and_wrong_lengths() -> None:
    with pytest.raises(AddressError, match="base58"):
        validate_address("solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ50A")  # 0
    with pytest.raises(AddressError, match="31"):
        validate_address("solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5D")
    with pytest.raises(AddressError, match="decodes to 64"):  # a signature, not an address
        validate_address("solana", "1" * 64)


def test_real_starknet_addresses_are_felts() -> None:
    eth = "0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7"
    strk = "0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d"
    assert validate_address("starknet", eth) == eth
    assert validate_address("starknet", strk.upper().replace("0X", "0x")) == strk
    # written without leading zeros, as explorers often do
    assert (
        validate_address(
            "starknet", "0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7"
        )
        == eth
    )


def test_starknet_rejects_numbers_at_or_above_the_field_prime() -> None:
    with pytest.raises(AddressError, match="field prime"):
        validate_address("starknet", hex(STARKNET_PRIME))
    assert validate_address("starknet", hex(STARKNET_PRIME - 1)).startswith("0x08")
    with pytest.raises(AddressError, match="64 hex"):
        validate_address("starknet", "0x" + "f" * 65)


def _module_account(name: str, prefix: str = "cosmos") -> str:
    """A Cosmos SDK module account: the first 20 bytes of SHA-256 of its name."""
    return bech32.bech32_encode(
        prefix, bech32.convertbits(hashlib.sha256(name.encode()).digest()[:20], 8, 5)
    )


@pytest.mark.parametrize(
    "address",
    [
        "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn",  # Cosmos Hub gov module account
        "cosmos1fl48vsnmsdzcv85q5d2q4z5ajdha8yu34mf0eh",  # bonded tokens pool
        "osmo14fketv99hlrlk80mkggw643spsj3yyf7t2pjhr",  # an Osmosis account
        "osmo1vy34lpt5zlj797w7zqdta3qfq834kapx88qtgudy7jgljztj567s73ny82",  # a CosmWasm contract
    ],
)
def test_real_cosmos_addresses_pass_bech32(address: str) -> None:
    assert validate_address("cosmos", address) == address
    assert validate_address("cosmos", address.upper()) == address


def test_the_module_accounts_above_are_what_the_sdk_derives() -> None:
    assert _module_account("gov") == "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn"
    assert _module_account("bonded_tokens_pool") == (
        "cosmos1fl48vsnmsdzcv85q5d2q4z5ajdha8yu34mf0eh"
    )


def test_cosmos_typo_and_mixed_case_are_refused() -> None:
    with pytest.raises(AddressError, match="checksum"):
        validate_address("cosmos", "osmo14fketv99hlrlk80mkggw643spsj3yyf7t2pjhs")
    with pytest.raises(AddressError, match="lower case"):
        validate_address("cosmos", "Osmo14fketv99hlrlk80mkggw643spsj3yyf7t2pjhr")
    with pytest.raises(AddressError, match="prefix"):
        validate_address("cosmos", "osmoqqqq")


def test_unknown_chain_and_short_form() -> None:
    with pytest.raises(AddressError, match="Unknown chain"):
        validate_address("bitcoin", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert short_address(EVM_REAL[0]) == "0xA0b8…eB48"

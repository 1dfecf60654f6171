"""Migrations run in the order of their numbers, whichever module declares them."""

from airdrop_desk.storage.migrations import KNOWN


def test_migrations_are_registered_in_number_order() -> None:
    numbers = [name.split("_", 1)[0] for name in KNOWN]
    assert numbers == sorted(numbers)
    assert len(set(KNOWN)) == len(KNOWN)
    assert KNOWN[:4] == [
        "0001_settings",
        "0002_catalog_seen",
        "0003_exchange_keys",
        "0004_catalog_versions",
    ]

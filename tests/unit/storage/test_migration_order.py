"""The migrations are one ladder: unique names, in number order, released names unchanged."""

from airdrop_desk.storage.migrations import KNOWN, LADDER

# Names databases already record: they never change, move or go away.
RELEASED = [
    "0001_settings",
    "0002_catalog_seen",
    "0003_exchange_keys",
    "0004_catalog_versions",
    "0005_profiles",
    "0005_tracking",
    "0005_points_claims",
    "0006_portfolio",
]


def test_released_steps_keep_their_names_and_order() -> None:
    assert KNOWN[: len(RELEASED)] == RELEASED


def test_names_are_unique_and_numbers_never_go_down() -> None:
    assert len(set(KNOWN)) == len(KNOWN)
    numbers = [int(name.split("_", 1)[0]) for name in KNOWN]
    assert numbers == sorted(numbers)


def test_steps_after_the_released_ones_have_numbers_of_their_own() -> None:
    # The three 0005 steps were released under one number; every later one has its own.
    later = [int(name.split("_", 1)[0]) for name in KNOWN[len(RELEASED) :]]
    assert len(set(later)) == len(later)
    assert all(n > 6 for n in later)


def test_each_step_is_the_function_named_after_it() -> None:
    assert [(name, step.__name__) for name, step in LADDER] == [
        (name, f"m{name}") for name in KNOWN
    ]

"""Every fake exchange, ready to put behind one server.

The fakes are found, not listed: for each exchange in the registry, ``fakes/<name>.py``
holds the fake whose ``name`` is that exchange's.
"""

from __future__ import annotations

import importlib

from fakes.common import FakeBase
from fakes.server import Fake, FakeExchanges

from airdrop_desk.exchanges import registry

FAST = {"timeout": 0.5, "backoff": 0.01}  # client options for tests: quick timeout and backoff


def fake_for(name: str) -> Fake:
    """A new fake of exchange ``name``, from the module of the same name."""
    module = importlib.import_module(f"fakes.{name}")
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, FakeBase) and value.name == name
    ]
    if len(found) != 1:
        raise LookupError(f"fakes/{name}.py must define one fake with name = {name!r}")
    fake: Fake = found[0]()
    return fake


def start_fakes() -> FakeExchanges:
    return FakeExchanges([fake_for(name) for name in registry.NAMES])

"""Integration fixtures: a private Secret Service and fake exchange servers.

The Secret Service is a real gnome-keyring-daemon on a private D-Bus session bus with
HOME and XDG_* in a throwaway folder (see ``fakes/secret_service.py``); its address is
set for this test process only, so the user's keyring is never touched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the fakes package next to this file

from fakes.all import start_fakes
from fakes.secret_service import SecretService, restore_env, start_secret_service
from fakes.server import FakeExchanges


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    """The private Secret Service, its bus address set for this test process only."""
    service = start_secret_service(tmp_path_factory.mktemp("secret-service"))
    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = service.address
    try:
        yield service
    finally:
        restore_env("DBUS_SESSION_BUS_ADDRESS", previous)
        service.stop()


@pytest.fixture
def locked_secret_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretService]:
    """A second private Secret Service whose default collection is locked."""
    service = start_secret_service(tmp_path / "locked")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)
    try:
        service.lock()
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="module")
def fakes() -> Iterator[FakeExchanges]:
    """All fake exchanges on one loopback port; the client env points at them."""
    server = start_fakes()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in server.env().items():
            patch.setenv(name, value)
        try:
            yield server
        finally:
            server.close()


@pytest.fixture
def skewed(fakes: FakeExchanges) -> Iterator[FakeExchanges]:
    """The fake exchanges' clocks one hour ahead of this computer's."""
    fakes.clock_offset_ms = 3_600_000
    try:
        yield fakes
    finally:
        fakes.clock_offset_ms = 0

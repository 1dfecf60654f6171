"""Test-wide setup: offscreen Qt and a private data folder for every test."""

from __future__ import annotations

import os

# Before any Qt import: windows render offscreen (an 800x600 virtual screen), never
# on the user's display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever reads or writes the user's real data folder."""
    monkeypatch.setenv("AIRDROP_DESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))

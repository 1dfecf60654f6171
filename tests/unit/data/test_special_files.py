"""Devices and pipes given as a catalog or an export are refused at once, not read.

Each command runs as a user runs it, in a subprocess whose memory is capped so that
an unbounded read ends in seconds instead of taking the machine's memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.name != "posix" or not Path("/dev/zero").exists(), reason="POSIX devices and pipes"
)

_CAPPED = (
    "import resource, runpy, sys; "
    "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
    "sys.argv = ['airdrop-desk', *sys.argv[1:]]; "
    "runpy.run_module('airdrop_desk', run_name='__main__', alter_sys=True)"
)


def run_capped(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CAPPED, *args, "--data-dir", str(data_dir)],
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,  # a pipe that is waited on would hang: fail instead
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.json"
    os.mkfifo(path)
    return path


def refused(result: subprocess.CompletedProcess[str], kind: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert f"it is {kind}, not a file" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


def test_catalog_import_refuses_a_device(tmp_path: Path) -> None:
    refused(run_capped(tmp_path / "data", "catalog", "import", "/dev/zero"), "a device")


def test_catalog_import_refuses_a_pipe(tmp_path: Path, fifo: Path) -> None:
    refused(run_capped(tmp_path / "data", "catalog", "import", str(fifo)), "a pipe")


def test_a_pipe_as_the_catalog_to_show_is_refused(tmp_path: Path, fifo: Path) -> None:
    refused(run_capped(tmp_path / "data", "projects", "--catalog", str(fifo)), "a pipe")


def test_data_import_refuses_a_device(tmp_path: Path) -> None:
    refused(run_capped(tmp_path / "data", "import", "/dev/zero"), "a device")


def test_data_import_refuses_a_pipe(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    os.mkfifo(export)
    refused(run_capped(tmp_path / "data", "import", str(export)), "a pipe")

"""The frozen app (PyInstaller one-folder build) as someone without Python runs it.

Slow (a build takes one to two minutes, then it is reused while its inputs are unchanged),
so it runs only when asked:

    AIRDROP_DESK_TEST_FROZEN=1 python -m pytest -m frozen tests/packaging

The bundle runs with a bare environment: no PYTHONPATH, no virtualenv, only system
folders on PATH, a throwaway HOME.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import airdrop_desk

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.airdropdesk.AirdropDesk"
LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux release archive and Secret Service"
)

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.skipif(
        os.environ.get("AIRDROP_DESK_TEST_FROZEN") != "1",
        reason="builds the frozen app; set AIRDROP_DESK_TEST_FROZEN=1",
    ),
]

# The private Secret Service and fake exchanges of the integration tests.
sys.path.insert(0, str(ROOT / "tests" / "integration"))


@pytest.fixture(scope="module")
def build() -> dict[str, str]:
    """A fresh build: made now, or reused when nothing it reads has changed."""
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--if-stale"],
        capture_output=True,
        text=True,
        timeout=45 * 60,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    stamp: dict[str, str] = json.loads((PACKAGING / "build" / "stamp.json").read_text())
    return stamp


@pytest.fixture(scope="module")
def exe(build: dict[str, str]) -> Path:
    name = "airdrop-desk.exe" if sys.platform == "win32" else "airdrop-desk"
    return Path(build["bundle"]) / name


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session gives a program, minus any trace of a Python install."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": os.pathsep.join(["/usr/bin", "/bin"]),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        # no session bus unless a test brings its own: the user's keyring stays untouched
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + str(home / "no-bus"),
    }
    if sys.platform == "win32":
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "LOCALAPPDATA") if k in os.environ})
    return {**env, **extra}


def run(
    cmd: list[str | Path], env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_bundle_says_its_version(exe: Path, tmp_path: Path) -> None:
    result = run([exe, "--version"], bare_env(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"airdrop-desk {airdrop_desk.__version__}"


def test_every_command_is_in_the_bundle(exe: Path, tmp_path: Path) -> None:
    # Command modules are imported by name from a table, which PyInstaller cannot see;
    # --help imports every one of them.
    from airdrop_desk.cli.parser import COMMANDS

    result = run([exe, "--help"], bare_env(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    listed = [
        line.split()[0]
        for line in result.stdout.splitlines()
        if line.startswith("    ") and line.split()
    ]
    assert set(COMMANDS) <= set(listed)


def test_screenshot_shows_the_populated_window(exe: Path, tmp_path: Path) -> None:
    shot = tmp_path / "out.png"
    data = tmp_path / "data"
    result = run(
        [
            exe,
            "--screenshot",
            shot,
            "--data-dir",
            data,
            "--select",
            "Starknet",
            "--size",
            "1280x800",
        ],
        bare_env(tmp_path / "home"),
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    # a populated table and detail pane, not a blank canvas: many distinct colours
    colours = {image.pixel(x, y) for x in range(0, 1280, 7) for y in range(0, 800, 7)}
    assert len(colours) > 20
    assert (data / "airdrop-desk.sqlite3").stat().st_size > 0  # storage opened and migrated


def test_the_bundled_catalog_answers_on_the_command_line(exe: Path, tmp_path: Path) -> None:
    result = run(
        [
            exe,
            "projects",
            "--search",
            "taka global",
            "--format",
            "json",
            "--data-dir",
            tmp_path / "data",
        ],
        bare_env(tmp_path / "home"),
    )
    assert result.returncode == 0, result.stderr
    assert [p["name"] for p in json.loads(result.stdout)] == ["Starknet"]


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private D-Bus session with gnome-keyring; yields its environment for the bundle."""
    from fakes.secret_service import start_secret_service

    service = start_secret_service(tmp_path / "secret-service")
    try:
        # PYTHON_KEYRING_BACKEND stays unset: keyring must find the backend on its own,
        # through the entry points the build bundles.
        yield bare_env(
            Path(service.env["HOME"]),
            **{k: v for k, v in service.env.items() if k != "PYTHON_KEYRING_BACKEND"},
        )
    finally:
        service.stop()


@LINUX_ONLY
def test_keys_go_to_the_system_keyring(
    exe: Path, tmp_path: Path, secret_service: dict[str, str]
) -> None:
    from fakes.all import start_fakes

    fakes = start_fakes()
    try:
        env = {**secret_service, **fakes.env()}
        data = tmp_path / "data"
        # Coinbase signs with a JWT (PyJWT + cryptography): the whole HTTP and crypto stack
        account = fakes.add("coinbase", "read_only")
        added = run(
            [exe, "keys", "add", "--exchange", "coinbase", "--label", "main", "--data-dir", data],
            env,
            stdin=json.dumps(account.credentials()),
        )
        assert added.returncode == 0, added.stderr
        assert "verified read-only" in added.stdout
        assert "Stored in: SecretService Keyring." in added.stdout
        listing = run([exe, "keys", "list", "--format", "json", "--data-dir", data], env)
    finally:
        fakes.close()
    assert listing.returncode == 0, listing.stderr
    keys = json.loads(listing.stdout)
    assert keys["keyring"] == "SecretService Keyring"
    assert [k["label"] for k in keys["keys"]] == ["main"]


@LINUX_ONLY
def test_without_a_keyring_linking_is_refused(exe: Path, tmp_path: Path) -> None:
    env = bare_env(tmp_path / "home")
    listing = run([exe, "keys", "list", "--data-dir", tmp_path / "data"], env)
    assert listing.returncode == 0, listing.stderr
    assert "Keyring: none (no system keyring was found)." in listing.stdout
    added = run(
        [
            exe,
            "keys",
            "add",
            "--exchange",
            "binance",
            "--label",
            "main",
            "--data-dir",
            tmp_path / "data",
        ],
        env,
        stdin='{"api_key": "k", "api_secret": "s"}',
    )
    assert added.returncode == 1
    assert "no system keyring was found" in added.stderr


@LINUX_ONLY
def test_release_archive_installs_and_uninstalls(build: dict[str, str], tmp_path: Path) -> None:
    version = airdrop_desk.__version__
    archive = Path(build["archive"])
    assert archive.name.startswith(f"airdrop-desk-{version}-linux-")
    assert archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / f"airdrop-desk-{version}"
    root = tmp_path / "root"
    env = {**bare_env(tmp_path / "home"), "PREFIX": str(root / "usr")}
    installed = run(["sh", unpacked / "install.sh"], env)
    assert installed.returncode == 0, installed.stderr
    assert "Airdrop Desk installed" in installed.stdout
    command = root / "usr" / "bin" / "airdrop-desk"
    assert run([command, "--version"], env).stdout.strip() == f"airdrop-desk {version}"
    desktop = root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={command}\n" in desktop.read_text()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").exists()
    if shutil.which("appstreamcli"):  # desktop entry, metainfo and icons agree
        tree = run(["appstreamcli", "validate-tree", "--no-net", root], env)
        assert tree.returncode == 0, tree.stdout + tree.stderr

    removed = run(["sh", root / "usr" / "lib" / "airdrop-desk" / "install.sh", "--uninstall"], env)
    assert removed.returncode == 0, removed.stderr
    caches = {"icon-theme.cache", "mimeinfo.cache"}  # rebuilt by the desktop's own tools
    left = [p for p in root.rglob("*") if not p.is_dir() and p.name not in caches]
    assert left == []

"""A private Secret Service: dbus-daemon and gnome-keyring-daemon in a throwaway HOME.

The bus config has no service directories, so nothing is ever activated on it, and only
the process that starts it (and the subprocesses given ``SecretService.env``) learns its
address: the user's own keyring is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

APT_LINE = "apt-get install -y dbus gnome-keyring"
KEYRING_PASSWORD = b"throwaway-test-keyring\n"
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class SecretService:
    """A running private Secret Service: its bus address and the env to reach it."""

    root: Path
    address: str
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def backend(self):  # type: ignore[no-untyped-def]
        from keyring.backends.SecretService import Keyring

        return Keyring()

    def lock(self) -> None:
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            secretstorage.get_default_collection(connection).lock()
        finally:
            connection.close()

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _daemons_or_skip() -> None:
    missing = [d for d in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(d)]
    if missing:
        message = f"{', '.join(missing)} not installed; run: {APT_LINE}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)  # CI installs them: a missing install step must show
        pytest.skip(message)


def _wait(condition, what: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # the daemon is still starting
            pass
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def start_secret_service(root: Path) -> SecretService:
    """Start dbus-daemon and gnome-keyring-daemon (unlocked) under ``root``."""
    _daemons_or_skip()
    home = root / "home"
    runtime = root / "run"
    for folder in (home, runtime):
        folder.mkdir(parents=True)
    runtime.chmod(0o700)
    socket = root / "bus"
    config = root / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=socket))
    address = f"unix:path={socket}"
    env = {
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "DBUS_SESSION_BUS_ADDRESS": address,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
    }
    service = SecretService(root, address, env)
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    service.processes.append(bus)
    _wait(socket.exists, "the private D-Bus socket")
    keyring_daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    service.processes.append(keyring_daemon)
    assert keyring_daemon.stdin is not None
    keyring_daemon.stdin.write(KEYRING_PASSWORD)
    keyring_daemon.stdin.close()

    def ready() -> bool:
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            return not secretstorage.get_default_collection(connection).is_locked()
        finally:
            connection.close()

    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        _wait(ready, "gnome-keyring-daemon on the private bus")
    except BaseException:
        service.stop()
        raise
    finally:
        restore_env("DBUS_SESSION_BUS_ADDRESS", previous)
    return service


def restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value

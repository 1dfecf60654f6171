"""The files installers ship, checked without building: desktop entry, metainfo, icons,
and the rule that keeps unused Qt plugins (and only what they need) out of the bundle."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import airdrop_desk

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.airdropdesk.AirdropDesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
# CI installs the validators: there a missing one fails the test instead of skipping it.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

sys.path.insert(0, str(ROOT / "packaging"))
from bundle_filter import is_dropped_plugin, keep_data, prune_binaries  # noqa: E402


def test_desktop_entry_launches_the_command_with_the_app_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Name"] == "Airdrop Desk"
    assert entry["Exec"] == "airdrop-desk" and entry["Terminal"] == "false"
    assert entry["Icon"] == APP_ID
    assert "Finance" in entry["Categories"].split(";")


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate") and not IN_CI,
    reason="desktop-file-validate not installed (apt-get install desktop-file-utils)",
)
def test_desktop_entry_is_valid() -> None:
    assert shutil.which("desktop-file-validate"), "apt-get install desktop-file-utils"
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_names_the_desktop_entry_and_the_current_release() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == "airdrop-desk"
    releases = [r.get("version") for r in component.iterfind("releases/release")]
    assert releases[0] == airdrop_desk.__version__  # newest first: add one per version


@pytest.mark.skipif(
    not shutil.which("appstreamcli") and not IN_CI,
    reason="appstreamcli not installed (apt-get install appstream)",
)
def test_metainfo_is_valid() -> None:
    assert shutil.which("appstreamcli"), "apt-get install appstream"
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_icon_png_of_each_size(size: int) -> None:
    image = QImage(str(LINUX / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    middle = image.pixelColor(size // 2, size // 4)  # the canopy on the blue tile
    assert middle.alpha() == 255


def test_scalable_icon_is_the_app_icon() -> None:
    scalable = LINUX / f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    app_icon = ROOT / "resources" / "icons" / "airdrop-desk.svg"
    assert scalable.read_bytes() == app_icon.read_bytes()  # re-run packaging/render_icons.py


def test_windows_and_macos_icons_exist() -> None:
    assert (ROOT / "packaging/windows/airdrop-desk.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (ROOT / "packaging/macos/airdrop-desk.icns").read_bytes()[:4] == b"icns"


PLUGINS = "PySide6/Qt/plugins"


def basename(dest: str) -> str:
    return Path(dest).name


def test_plugins_the_app_needs_stay_and_the_others_go() -> None:
    for kept in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "platforms/qwindows.dll",
        "platforms/libqcocoa.dylib",
        "iconengines/libqsvgicon.so",
        "imageformats/libqsvg.so",
        "platformthemes/libqxdgdesktopportal.so",
        "wayland-shell-integration/libxdg-shell.so",
    ):
        assert not is_dropped_plugin(f"{PLUGINS}/{kept}"), kept
    for dropped in (
        "platforms/libqvnc.so",
        "platformthemes/libqgtk3.so",
        "imageformats/libqpdf.so",
        "tls/libqopensslbackend.so",
        "sqldrivers/qsqlite.dll",
    ):
        assert is_dropped_plugin(f"{PLUGINS}/{dropped}"), dropped
    assert not is_dropped_plugin("libqgtk3.so")  # not under PySide6's plugins folder


def test_libraries_only_dropped_plugins_need_go_with_them() -> None:
    links = {
        "gtk3": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        "libgtk-3.so.0": ["libcairo.so.2"],
        "xcb": ["libQt6Gui.so.6", "libxcb.so.1"],
        "libQt6Gui.so.6": [],
        "libcairo.so.2": [],
        "libxcb.so.1": [],
        "libfromctypes.so": [],
    }
    binaries = [
        (f"{PLUGINS}/platformthemes/libqgtk3.so", "gtk3", "BINARY"),
        (f"{PLUGINS}/platforms/libqxcb.so", "xcb", "BINARY"),
        ("libgtk-3.so.0", "libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "libcairo.so.2", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6", "BINARY"),
        ("libxcb.so.1", "libxcb.so.1", "BINARY"),
        ("libfromctypes.so", "libfromctypes.so", "BINARY"),  # loaded by ctypes: no links
    ]
    kept, gone = prune_binaries(binaries, lambda source: links[source])
    assert sorted(basename(d) for d, _, _ in kept) == [
        "libQt6Gui.so.6",
        "libfromctypes.so",
        "libqxcb.so",
        "libxcb.so.1",
    ]
    assert sorted(basename(d) for d in gone) == ["libcairo.so.2", "libgtk-3.so.0", "libqgtk3.so"]
    # PyInstaller's symbolic links follow their targets; translations are never loaded
    assert not keep_data(("libgtk-3.so", "libgtk-3.so.0", "SYMLINK"), set(gone))
    assert keep_data(("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"), set(gone))
    assert not keep_data(("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"), set())
    assert keep_data(("resources/catalog/catalog.json", "x", "DATA"), set())

"""What the frozen bundle leaves out: unused Python packages, Qt modules, plugins, translations.

Used by ``airdrop-desk.spec``. PyInstaller collects every plugin of a Qt plugin type a used
Qt library may load and every Qt translation; most of them serve Qt features the app never
uses (embedded Linux platforms, network, PDF), and some drag in a whole system library
stack (the GTK 3 platform theme brings GTK, GDK, Cairo and Pango along).
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable, Iterable
from pathlib import PurePath

# Qt modules the app imports; everything else in PySide6 stays out.
USED_QT_MODULES = {"QtCore", "QtGui", "QtWidgets", "QtSvg"}

# Optional imports of libraries the app uses, and test packages some of them ship
# (jeepney.io.tests imports pytest, which brings numpy, Pygments and Pillow along).
UNUSED_PACKAGES = [
    "pytest",
    "_pytest",
    "py",
    "numpy",
    "PIL",
    "pygments",
    "rich",
    "IPython",
    "tkinter",
    "_tkinter",
    "setuptools",
    "pkg_resources",
    "distutils",
    "pip",
    "uvloop",
    "httpx._main",
    "jeepney.io.tests",
]

# Plugin folder -> plugin names to drop (or "*": the whole folder). Names are compared
# without a "lib" prefix and extension, so one table serves .so, .dll and .dylib.
DROPPED_PLUGINS: dict[str, set[str]] = {
    # embedded-Linux and remote platforms; xcb, wayland, offscreen (and Windows/Cocoa) stay
    "platforms": {"qeglfs", "qlinuxfb", "qminimalegl", "qvnc", "qvkkhrdisplay"},
    "egldeviceintegrations": {"*"},
    "generic": {"*"},  # evdev/tuio input for eglfs; tuio needs QtNetwork
    "networkinformation": {"*"},  # QtNetwork only
    "tls": {"*"},  # QtNetwork only
    "sqldrivers": {"*"},  # QtSql is not used; storage is Python's sqlite3
    "imageformats": {"qpdf", "qtiff", "qwebp", "qtga", "qwbmp", "qicns"},  # svg, ico, png stay
    # The GTK 3 theme would pull the GTK stack into the bundle, where it can clash with
    # the desktop's own GTK; the app draws with Fusion and reads the colour scheme from
    # the desktop portal (qxdgdesktopportal stays).
    "platformthemes": {"qgtk3"},
    "platforminputcontexts": {"qtvirtualkeyboardplugin"},  # needs Qt Quick
    # server-buffer plugins are for Wayland compositors, not for clients
    "wayland-graphics-integration-client": {
        "dmabuf-server",
        "drm-egl-server",
        "shm-emulation-server",
        "vulkan-server",
    },
    "wayland-shell-integration": {
        "fullscreen-shell-v1",
        "ivi-shell",
        "qt-shell",
        "wl-shell-plugin",
    },  # xdg-shell stays
    "qmltooling": {"*"},
    "designer": {"*"},
}

# Linux libraries every desktop has and that must match the system's graphics drivers:
# a bundled libstdc++ older than the one Mesa was built against stops the drivers from
# loading. The bundle needs a glibc at least as new as the build machine's anyway, so the
# system's copies are never older than the build machine's.
LINUX_SYSTEM_LIBRARIES = {"libstdc++.so.6", "libgcc_s.so.1"}


def excluded_modules() -> list[str]:
    """UNUSED_PACKAGES plus every PySide6 module the app does not import."""
    import PySide6

    unused_qt = [
        f"PySide6.{m.name}"
        for m in pkgutil.iter_modules(PySide6.__path__)
        if m.name.startswith("Qt") and m.name not in USED_QT_MODULES
    ]
    return UNUSED_PACKAGES + unused_qt


def _plugin_name(dest: str) -> tuple[str, str] | None:
    """(plugin folder, plugin name) for a Qt plugin's destination path, else None."""
    parts = PurePath(dest).parts
    if "PySide6" not in parts or "plugins" not in parts[:-2]:
        return None
    stem = parts[-1].split(".")[0]
    return parts[-2], stem.removeprefix("lib")


def is_dropped_plugin(dest: str) -> bool:
    plugin = _plugin_name(dest)
    if plugin is None:
        return False
    dropped = DROPPED_PLUGINS.get(plugin[0], set())
    return "*" in dropped or plugin[1] in dropped


def keep_data(entry: tuple[str, str, str], dropped: set[str]) -> bool:
    """False for Qt's translations and for links to dropped binaries.

    Translations: the app installs no QTranslator, so Qt never loads them. PyInstaller
    lists its symbolic links among the data (typecode SYMLINK, source = link target).
    """
    dest, src, kind = entry
    if kind == "SYMLINK":
        return src not in dropped
    parts = PurePath(dest).parts
    return not ("PySide6" in parts and "translations" in parts and dest.endswith(".qm"))


Imports = Callable[[str], Iterable[str]]


def prune_binaries(
    binaries: list[tuple[str, str, str]], imports: Imports
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Drop the unwanted plugins and the shared libraries only they needed.

    ``imports(source_path)`` names the libraries a binary links to (basenames). A
    library goes only if a dropped plugin reaches it and no kept binary does, so
    libraries loaded by other means (ctypes) are never touched. Returns the kept
    entries and the dropped destinations.
    """
    # PyInstaller lists symbolic links too (typecode SYMLINK, source = link target); they
    # follow their targets and are never analysed themselves.
    files = [entry for entry in binaries if entry[2] != "SYMLINK"]
    by_name = {PurePath(dest).name: (dest, src) for dest, src, _ in files}

    def closure(starts: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(starts)
        while todo:
            for name in imports(todo.pop()):
                if name in by_name and name not in seen:
                    seen.add(name)
                    todo.append(by_name[name][1])
        return seen

    dropped_plugins = {dest for dest, _, _ in files if is_dropped_plugin(dest)}
    reached_by_dropped = closure(src for dest, src, _ in files if dest in dropped_plugins)
    # Roots: what stays for its own sake (extension modules, kept plugins, and whatever
    # the dropped plugins do not link to, such as libraries loaded through ctypes).
    roots = [
        src
        for dest, src, _ in files
        if dest not in dropped_plugins and PurePath(dest).name not in reached_by_dropped
    ]
    needed = closure(roots)
    orphans = {by_name[name][0] for name in reached_by_dropped - needed}
    gone = dropped_plugins | orphans
    return [entry for entry in binaries if entry[0] not in gone], sorted(gone)

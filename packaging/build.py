"""Build the frozen Airdrop Desk: ``python packaging/build.py [--if-stale] [--appdir]``.

1. A clean venv in ``packaging/build/venv`` with the project and its ``packaging`` extra
   installed from this checkout (not editable). It is kept between builds and made anew
   whenever pyproject.toml or the Python version changes; the project itself is
   reinstalled on every build.
2. PyInstaller runs ``packaging/airdrop-desk.spec`` in that venv, writing the one-folder
   app to ``packaging/dist/airdrop-desk/``.
3. Linux: the desktop entry, AppStream metainfo, icons and ``install.sh`` go into the
   folder, then ``packaging/dist/airdrop-desk-<version>-linux-<arch>.tar.gz`` is written.
   Windows: a .zip of the folder. macOS: a .zip of ``Airdrop Desk.app``.

``--if-stale`` does nothing when the last build came from the same inputs (sources,
resources, packaging files, pyproject.toml, Python version); the smoke test uses it.
``--appdir`` (Linux) also lays out ``packaging/dist/AirdropDesk.AppDir`` for appimagetool.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = HERE / "build"
DIST = HERE / "dist"
VENV = BUILD / "venv"
BUNDLE = DIST / "airdrop-desk"
STAMP = BUILD / "stamp.json"
LOCK = ROOT / "requirements" / "lock.txt"  # the versions CI tested
APP_ID = "io.github.airdropdesk.AirdropDesk"
LINUX = HERE / "linux"
IS_WINDOWS = sys.platform == "win32"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def bundle_executable() -> Path:
    return BUNDLE / ("airdrop-desk.exe" if IS_WINDOWS else "airdrop-desk")


def read_version() -> str:
    """``__version__`` from the package source, without importing it."""
    for line in (ROOT / "src" / "airdrop_desk" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("build: no __version__ in src/airdrop_desk/__init__.py")


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(
        sys.platform, sys.platform
    )
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{system}-{machine}"


def _input_files() -> list[Path]:
    files = [ROOT / "pyproject.toml", LOCK]
    for folder in (
        ROOT / "src",
        ROOT / "resources" / "catalog",
        ROOT / "resources" / "icons",
        HERE,
    ):
        for path in sorted(folder.rglob("*")):
            parts = set(path.relative_to(folder).parts)
            outputs = {"build", "dist"} if folder == HERE else set()
            if path.is_file() and not parts & ({"__pycache__"} | outputs):
                files.append(path)
    return files


def inputs_digest() -> str:
    digest = hashlib.sha256(platform.python_version().encode())
    for path in _input_files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(*cmd: str | Path) -> None:
    print("build: $", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


def prepare_venv() -> None:
    """The venv with this checkout installed, made anew when its requirements change."""
    key = hashlib.sha256(
        platform.python_version().encode()
        + (ROOT / "pyproject.toml").read_bytes()
        + LOCK.read_bytes()
    ).hexdigest()
    marker = VENV / "airdrop-desk-requirements.sha256"
    quiet = ("--disable-pip-version-check", "--quiet")
    if not (marker.exists() and marker.read_text() == key and venv_python().exists()):
        shutil.rmtree(VENV, ignore_errors=True)
        run(sys.executable, "-m", "venv", VENV)
        run(venv_python(), "-m", "pip", "install", *quiet, "-c", LOCK, f"{ROOT}[packaging]")
        marker.write_text(key)
    # The code changes between builds while the version number does not.
    run(venv_python(), "-m", "pip", "install", *quiet, "--no-deps", "--force-reinstall", ROOT)


def freeze() -> None:
    shutil.rmtree(BUNDLE, ignore_errors=True)
    run(
        venv_python(),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        DIST,
        "--workpath",
        BUILD / "pyinstaller",
        HERE / "airdrop-desk.spec",
    )


def add_linux_files(folder: Path) -> None:
    """Desktop entry, metainfo and icons under share/, as an installed prefix has them."""
    share = folder / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications")
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(LINUX / "icons", share / "icons", dirs_exist_ok=True)
    shutil.copy2(LINUX / "install.sh", folder / "install.sh")


def _owner_free(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_archive(version: str) -> Path:
    name = f"airdrop-desk-{version}-{platform_tag()}"
    if sys.platform.startswith("linux"):
        archive = DIST / f"{name}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
            tar.add(BUNDLE, arcname=f"airdrop-desk-{version}", filter=_owner_free)
        return archive
    if sys.platform == "darwin" and shutil.which("ditto"):
        archive = DIST / f"{name}.zip"
        # ditto keeps the app's symbolic links and extended attributes (a zipfile would not)
        run("ditto", "-c", "-k", "--keepParent", DIST / "Airdrop Desk.app", archive)
        return archive
    return Path(shutil.make_archive(str(DIST / name), "zip", DIST, BUNDLE.name))


def write_appdir() -> Path:
    """An AppDir for ``appimagetool`` (downloaded from GitHub; not run here)."""
    appdir = DIST / "AirdropDesk.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(
        BUNDLE,
        appdir / "usr" / "lib" / "airdrop-desk",
        symlinks=True,
        ignore=shutil.ignore_patterns("share", "install.sh"),
    )
    add_linux_files(appdir / "usr")
    (appdir / "usr" / "install.sh").unlink()
    metainfo = appdir / "usr" / "share" / "metainfo"
    (metainfo / f"{APP_ID}.metainfo.xml").rename(metainfo / f"{APP_ID}.appdata.xml")
    shutil.copy2(LINUX / f"{APP_ID}.desktop", appdir)
    shutil.copy2(LINUX / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png", appdir)
    (appdir / ".DirIcon").symlink_to(f"{APP_ID}.png")
    apprun = appdir / "AppRun"
    apprun.write_text(
        '#!/bin/sh\nhere="$(dirname "$(readlink -f "$0")")"\n'
        'exec "$here/usr/lib/airdrop-desk/airdrop-desk" "$@"\n'
    )
    apprun.chmod(0o755)
    return appdir


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--if-stale", action="store_true", help="skip the build when nothing it reads has changed"
    )
    parser.add_argument(
        "--appdir", action="store_true", help="also lay out an AppDir for appimagetool (Linux)"
    )
    args = parser.parse_args(argv)
    digest = inputs_digest()
    if args.if_stale and STAMP.exists() and bundle_executable().exists():
        stamp = json.loads(STAMP.read_text())
        if stamp.get("inputs") == digest and Path(stamp.get("archive", "")).exists():
            print(f"build: up to date ({BUNDLE.relative_to(ROOT)})")
            return 0
    version = read_version()
    started = time.perf_counter()
    BUILD.mkdir(parents=True, exist_ok=True)
    STAMP.unlink(missing_ok=True)
    prepare_venv()
    venv_done = time.perf_counter()
    freeze()
    if sys.platform.startswith("linux"):
        add_linux_files(BUNDLE)
    archive = write_archive(version)
    if args.appdir and sys.platform.startswith("linux"):
        print(f"build: AppDir for appimagetool: {write_appdir().relative_to(ROOT)}")
    finished = time.perf_counter()
    report = {
        "version": version,
        "inputs": digest,
        "bundle": str(BUNDLE),
        "archive": str(archive),
        "bundle_bytes": tree_size(BUNDLE),
        "archive_bytes": archive.stat().st_size,
        "venv_seconds": round(venv_done - started, 1),
        "total_seconds": round(finished - started, 1),
    }
    STAMP.write_text(json.dumps(report, indent=2) + "\n")
    print(f"build: {BUNDLE.relative_to(ROOT)}: {mib(report['bundle_bytes'])} unpacked")
    print(f"build: {archive.relative_to(ROOT)}: {mib(report['archive_bytes'])}")
    print(f"build: {report['total_seconds']} s (venv and installs {report['venv_seconds']} s)")
    return 0


if __name__ == "__main__":
    os.environ.pop("PYTHONPATH", None)  # the build venv sees only what it installed
    sys.exit(main())

"""The Qt-free layers never import PySide6, so the CLI and the storage lane stay headless.

Two checks: importing each module in a fresh interpreter leaves PySide6 out of
sys.modules (catches indirect imports), and no file in those folders has an import
statement for it at all (catches imports inside functions that only run later).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import airdrop_desk

PACKAGE = Path(airdrop_desk.__file__).resolve().parent
QT_FREE_LAYERS = [
    "core",
    "catalog",
    "storage",
    "keys",
    "exchanges",
    "paths",
    "resources",
    "cli",
    "prices",
    "portfolio",
]
QT_PACKAGES = ("PySide6", "shiboken6")


def qt_free_files(package: Path = PACKAGE) -> dict[str, Path]:
    """Module name -> file, for every module of the Qt-free layers that exists."""
    found: dict[str, Path] = {}
    for layer in QT_FREE_LAYERS:
        folder, single = package / layer, package / f"{layer}.py"
        files = sorted(folder.rglob("*.py")) if folder.is_dir() else [single]
        for file in files:
            if not file.is_file():
                continue
            parts = file.relative_to(package).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package.name, *parts))] = file
    return found


MODULES = qt_free_files()


def test_the_layers_are_found() -> None:
    for expected in (
        "airdrop_desk.core.filters",
        "airdrop_desk.catalog.load",
        "airdrop_desk.storage.db",
        "airdrop_desk.cli.projects",
        "airdrop_desk.paths",
        "airdrop_desk.resources",
    ):
        assert expected in MODULES
    assert not any(name.startswith("airdrop_desk.ui") for name in MODULES)


# Runs in the fresh interpreter: import one module, report any Qt module it pulled in
# together with the chain of project files that led to the first Qt import.
PROBE = r"""
import importlib, sys, traceback
QT = {qt!r}
chain = []
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in QT and not chain:
            for frame in traceback.extract_stack()[:-1]:
                file = frame.filename.replace("\\", "/")
                if "/airdrop_desk/" in file:
                    chain.append(file.rsplit("/airdrop_desk/", 1)[1] + ":" + str(frame.lineno))
        return None
sys.meta_path.insert(0, Spy())
importlib.import_module(sys.argv[1])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in QT)
if loaded:
    print(", ".join(loaded[:3]) + " (first imported at " + " -> ".join(chain) + ")")
"""


@pytest.mark.parametrize("module", sorted(MODULES))
def test_importing_does_not_load_qt(module: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(qt=QT_PACKAGES), module],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{module} cannot be imported:\n{result.stderr}"
    assert result.stdout.strip() == "", f"{module} loads Qt: {result.stdout.strip()}"


def qt_imports(file: Path) -> list[str]:
    """'line N: import X' for every PySide6/shiboken6 import statement in ``file``."""
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in QT_PACKAGES:
                found.append(f"line {node.lineno}: imports {name}")
    return found


def test_no_qt_import_statements() -> None:
    offenders = [
        f"{module} ({file.name}) {hit}"
        for module, file in sorted(MODULES.items())
        for hit in qt_imports(file)
    ]
    assert not offenders, "Qt imported in a Qt-free layer:\n" + "\n".join(offenders)


def test_the_static_check_sees_every_form(tmp_path: Path) -> None:
    package = tmp_path / "airdrop_desk"
    (package / "core").mkdir(parents=True)
    (package / "core" / "__init__.py").write_text("", encoding="utf-8")
    (package / "core" / "sneaky.py").write_text(
        "import json\n"
        "from PySide6.QtCore import Qt\n"
        "def later():\n"
        "    import PySide6.QtWidgets as widgets\n"
        "    import shiboken6\n"
        "from .PySide6 import nothing  # relative: a local module, not Qt\n",
        encoding="utf-8",
    )
    (package / "paths.py").write_text("import os\n", encoding="utf-8")
    files = qt_free_files(package)
    assert set(files) == {"airdrop_desk.core", "airdrop_desk.core.sneaky", "airdrop_desk.paths"}
    assert qt_imports(files["airdrop_desk.core.sneaky"]) == [
        "line 2: imports PySide6.QtCore",
        "line 4: imports PySide6.QtWidgets",
        "line 5: imports shiboken6",
    ]
    assert qt_imports(files["airdrop_desk.paths"]) == []

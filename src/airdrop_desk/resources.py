"""Find the bundled resources/ folder in a frozen build, an installed wheel or a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding catalog data, icons and styles.

    A PyInstaller build unpacks it beside the executable (``sys._MEIPASS``); a
    wheel installs it inside the package; a source checkout keeps it at the top
    of the repository.
    """
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [_HERE / "resources", _HERE.parents[1] / "resources"]
    for candidate in candidates:
        if (candidate / "catalog").is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"Airdrop Desk resources not found (looked in {searched})")


def bundled_catalog_path() -> Path:
    return resources_dir() / "catalog" / "catalog.json"

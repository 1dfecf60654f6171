"""``airdrop-desk import FILE``: replace your data with an export, checked first."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.data import run_import

    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="replace your data with an export (a backup is made first)",
        description="Replace your data in the data folder with an export made by "
        "'airdrop-desk export': a JSON file, or a CSV folder or .zip. The whole "
        "file is checked first; if anything is wrong nothing changes. Before "
        "writing, the current database is backed up. The catalog and linked "
        "exchange keys are not touched.",
    )
    p.add_argument("file", metavar="FILE", help="a .json export, a CSV .zip or a CSV folder")
    p.set_defaults(run=run_import)
    return p

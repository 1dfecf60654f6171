"""``airdrop-desk export`` and the work behind ``airdrop-desk import`` (see data_import.py).

Exports hold every table of your own data and never a secret: exchange keys live in
the system keyring and their rows stay behind. Importing replaces your data with the
file's, after checking all of it and making a backup.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from airdrop_desk.cli.context import Context


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="export your data as JSON or CSV (never secrets)",
        description="Export your data: profiles, checklists, ticks, points, claims, notes "
        "and settings. JSON is one complete file that 'airdrop-desk import' "
        "reads back; CSV is one file per table plus manifest.json, in a folder "
        "or, when PATH ends in .zip, a zip archive. Linked exchange keys are "
        "never exported.",
    )
    p.add_argument("--format", choices=["json", "csv"], required=True)
    p.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="the file (JSON, .zip) or new folder (CSV) to write",
    )
    p.set_defaults(run=run_export)
    return p


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _fail(command: str, error: BaseException) -> int:
    print(f"airdrop-desk {command}: {one_line(error)}", file=sys.stderr)
    return 1


def run_export(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.errors import StorageError
    from airdrop_desk.storage.userdata import DataFileError, export_data

    try:
        summary = export_data(context.paths, Path(args.out).expanduser(), args.format)
    except (DataFileError, StorageError) as exc:
        return _fail("export", exc)
    except OSError as exc:
        return _fail("export", OSError(f"{args.out}: cannot write ({exc.strerror})"))
    total = sum(summary.rows.values())
    print(f"Exported {total} row(s) from {len(summary.rows)} table(s) to {summary.path}.")
    print("Linked exchange keys are not exported: link them again after importing.")
    return 0


def run_import(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.errors import StorageError
    from airdrop_desk.storage.userdata import DataFileError
    from airdrop_desk.storage.userdata_import import import_data

    try:
        result = import_data(context.paths, Path(args.file).expanduser())
    except (DataFileError, StorageError) as exc:
        return _fail("import", exc)
    except OSError as exc:
        return _fail("import", OSError(f"{args.file}: {exc.strerror}"))
    total = sum(result.rows.values())
    print(f"Imported {total} row(s) into {len(result.rows)} table(s).")
    if result.backup is not None:
        print(f"Your data before the import is in the backup {result.backup.name}.")
    return 0

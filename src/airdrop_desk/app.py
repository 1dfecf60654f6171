"""The composition root: arguments -> paths -> services -> catalog -> window or command.

This is the only module that knows every layer; everything below it receives what
it needs as arguments. The window's services (database opener, op lanes, secret store,
clock, price source) are built here once and handed down; the costly ones are made on
first use, after the first paint.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.cli.parser import build_parser, parse_window_args
from airdrop_desk.paths import Paths, resolve_paths
from airdrop_desk.resources import bundled_catalog_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from airdrop_desk.catalog.sync import ImportRunner, LoadedCatalog
    from airdrop_desk.cli.context import Context
    from airdrop_desk.ui.services import Services


def run(argv: list[str]) -> int:
    args = parse_window_args(argv) or build_parser(argv).parse_args(argv)
    paths = resolve_paths(args.data_dir)
    catalog_path = Path(args.catalog) if args.catalog else bundled_catalog_path()
    if args.command:
        gc.enable()  # see __main__: only the window's start waits for it
        from airdrop_desk.cli.context import Context

        return _run_command(args, Context(paths, catalog_path))
    from airdrop_desk.catalog.sync import ensure_catalog
    from airdrop_desk.storage.errors import StorageError
    from airdrop_desk.ui.services import Services

    services = Services(paths, lambda: open_storage(paths))
    run_import = _import_runner(services, args.theme)
    try:
        catalog = ensure_catalog(paths, catalog_path, run_import)
    except CatalogError as exc:
        return _fail_start(args, f"The catalog cannot be loaded.\n\n{exc}")
    except StorageError as exc:
        outcome = None if args.screenshot else _offer_restore(services, str(exc))
        if outcome is None:
            return _fail_start(args, f"Your data cannot be opened.\n\n{exc}")
        if not outcome:  # the user chose to quit; the dialog already said why
            print(f"airdrop-desk: Your data cannot be opened. {exc}", file=sys.stderr)
            return 1
        try:
            catalog = ensure_catalog(paths, catalog_path, run_import)
        except (CatalogError, StorageError) as again:
            return _fail_start(args, f"Your data cannot be opened.\n\n{again}")
    try:
        return _run_window(args, services, catalog)
    finally:
        services.shutdown()


def _import_runner(services: Services, theme: str) -> ImportRunner:
    """Store a new catalog file with a progress window up (Qt is loaded only then)."""

    def run_import(name: str, size: int, work: Callable[[], None]) -> None:
        from airdrop_desk.ui.application import create_app
        from airdrop_desk.ui.import_progress import import_with_progress

        create_app()  # before the op lanes: their results come through its event loop
        import_with_progress(name, size, work, ops=services.ops, theme=theme)

    return run_import


def _offer_restore(services: Services, problem: str) -> bool | None:
    """A damaged database: offer the newest backup (the damaged file is kept aside).

    None when the file is not damaged (foreign or newer files are refused as they are),
    else whether a backup was restored.
    """
    if services.backups.damage() is None:
        return None
    from airdrop_desk.ui.application import create_app
    from airdrop_desk.ui.dialogs.corrupt_db import offer_backup_restore

    create_app()
    return offer_backup_restore(services, problem) is not None


def _run_command(args: argparse.Namespace, context: Context) -> int:
    """Run a subcommand; expected failures become one line on stderr and exit 1."""
    from airdrop_desk.storage.errors import StorageError

    try:
        code = int(args.run(args, context))
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return code
    except (CatalogError, StorageError) as exc:
        print(f"airdrop-desk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``... | head``): stop quietly. Point stdout at devnull
        # so the interpreter's final flush does not fail a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _fail_start(args: argparse.Namespace, message: str) -> int:
    print(f"airdrop-desk: {message}", file=sys.stderr)
    if not args.command and not args.screenshot:
        from airdrop_desk.ui.errors import show_start_error

        show_start_error(message)
    return 1


def open_storage(paths: Paths):  # type: ignore[no-untyped-def]
    """Open and migrate the database; runs on the database lane's thread."""
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.inspect import check_integrity

    check_integrity(paths.database)  # reads every page: here, off the GUI thread
    return open_database(paths.database, paths.backups)


def _run_window(args: argparse.Namespace, services: Services, catalog: LoadedCatalog) -> int:
    from airdrop_desk.ui.application import run_window

    return run_window(
        catalog=catalog,
        services=services,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        select=args.select,
        size=args.size,
        theme=args.theme,
        exit_after_paint=args.exit_after_paint,
        view=args.view,
    )

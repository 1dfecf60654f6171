"""``airdrop-desk backup``: list, create and restore copies of the database."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from airdrop_desk.cli.context import Context


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "backup",
        help="list, create and restore database backups",
        description="Backups are copies of the database in the data folder's backups/ "
        "folder: one a day automatically, one before every schema change and "
        "import, and any you make. The newest ones are kept (14 unless set).",
    )
    actions = p.add_subparsers(dest="backup_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="backups, newest first")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    create = actions.add_parser("create", help="back up the database now")
    restore = actions.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept)",
        description="Check the backup, copy the current database aside (or, if damaged, "
        "rename it), then bring the backup in.",
    )
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help="a name from 'backup list', or a path to a backup file",
    )
    which.add_argument("--latest", action="store_true", help="the newest usable backup")
    for action in (listing, create, restore):
        _common(action, suppress=True)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.errors import StorageError

    handler = {"list": _list, "create": _create, "restore": _restore}[args.backup_action]
    try:
        return handler(args, context)
    except (StorageError, OSError) as exc:
        text = " ".join(str(exc).split())
        print(f"airdrop-desk backup {args.backup_action}: {text}", file=sys.stderr)
        return 1


def _size(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def _list(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.backup import keep_count, list_backups

    backups = list_backups(context.paths.backups)
    if args.format == "json":
        json.dump(
            [
                {
                    "name": b.name,
                    "created": b.created.isoformat(),
                    "reason": b.reason,
                    "size": b.size,
                }
                for b in backups
            ],
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    rows = [
        [b.name, b.created.astimezone().strftime("%Y-%m-%d %H:%M:%S"), b.reason, _size(b.size)]
        for b in backups
    ]
    header = ["NAME", "CREATED", "REASON", "SIZE"]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    for line in [header, *rows]:
        print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
    print(
        f"{len(rows)} backup(s) in {context.paths.backups}; the newest "
        f"{keep_count(context.paths)} are kept."
    )
    return 0


def _create(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.backup import create_backup

    info = create_backup(context.paths)
    print(f"Created {info.name} ({_size(info.size)}).")
    return 0


def _restore(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.keys.index import restore_keeping_track
    from airdrop_desk.keys.store import KeyringStore
    from airdrop_desk.storage.backup import find_backup, restore_backup, restore_latest

    paths = context.paths
    if args.latest:
        restored = restore_keeping_track(lambda: restore_latest(paths), paths, KeyringStore())
    else:
        chosen = find_backup(paths, args.name)
        restored = restore_keeping_track(
            lambda: restore_backup(paths, chosen), paths, KeyringStore()
        )
    result = restored.result
    print(f"Restored {result.restored.name}.")
    if result.previous is not None and result.damaged:
        print(f"The damaged file was set aside as {result.previous.name}.")
    elif result.previous is not None:
        print(f"Your data from before the restore is in the backup {result.previous.name}.")
    if restored.orphans:
        names = ", ".join(e.describe() for e in restored.orphans)
        print(
            f"{len(restored.orphans)} exchange key secret(s) are still in the system keyring "
            f"but belong to no key in the restored data: {names}. Remove them with "
            "'airdrop-desk keys prune', or keep them until you are sure you will not "
            "restore the data from before this restore."
        )
    elif restored.problem is not None:
        print(f"Could not look for exchange key secrets left in the keyring: {restored.problem}")
    return 0

"""``airdrop-desk feeds``: subscribe to signed catalog feeds, list, check and remove them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airdrop_desk.cli.context import Context

if TYPE_CHECKING:
    from airdrop_desk.catalog.feeds import CheckResult


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "feeds",
        help="subscribe to signed catalog feeds, list, check and remove them",
        description="A feed is a catalog file at an https address, signed with minisign "
        "(the signature at the same address plus .minisig). The public key given when "
        "subscribing is pinned: every later file must verify against it, be newer than "
        "the one held and not expired.",
    )
    actions = p.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="subscribe to a feed (its file is checked and stored now)",
        description="Fetch the feed's file and signature, verify them with KEY, and store "
        "the subscription with the file. Nothing is stored if the file is refused.",
    )
    add.add_argument("url", metavar="URL")
    add.add_argument(
        "--key",
        required=True,
        metavar="PUBKEY",
        help="the publisher's minisign public key (RW…), or its .pub file",
    )
    add.add_argument("--name", metavar="NAME", help="what to call the feed (default: its host)")
    listing = actions.add_parser("list", help="subscribed feeds and how their last check went")
    check = actions.add_parser(
        "check", help="fetch a feed (or every feed) now and apply a newer signed file"
    )
    check.add_argument("name", nargs="?", metavar="NAME")
    remove = actions.add_parser("remove", help="unsubscribe and drop the feed's projects")
    remove.add_argument("name", metavar="NAME")
    for action in (add, check):
        action.add_argument(
            "--timeout", type=float, default=15.0, metavar="SECONDS", help="network timeout"
        )
    for action in (add, listing, check, remove):
        action.add_argument("--format", choices=["text", "json"], default="text")
        _common(action, suppress=True)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.errors import CatalogError
    from airdrop_desk.storage.errors import StorageError

    handler = {"add": _add, "list": _list, "check": _check, "remove": _remove}
    try:
        return handler[args.feeds_action](args, context)
    except (CatalogError, StorageError, OSError) as exc:
        print(f"airdrop-desk feeds {args.feeds_action}: {_line(exc)}", file=sys.stderr)
        return 1


def _line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _key_text(value: str) -> str:
    path = Path(value).expanduser()
    if not value.startswith("RW") and path.is_file():
        with path.open("rb") as handle:
            return handle.read(4096).decode("utf-8", "replace")
    return value


def _add(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.feeds import add_feed

    if context.catalog_path.exists():
        context.catalog()  # the app's own catalog is stored first, as at a start
    result = add_feed(context.paths, args.url, _key_text(args.key), args.name, timeout=args.timeout)
    _report([result], args.format, f"Subscribed to {result.name}")
    return 0


def _check(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.feeds import check_feed, list_feeds

    names = [args.name] if args.name else [f.name for f in list_feeds(context.paths)]
    if not names:
        print("No feeds subscribed (airdrop-desk feeds add URL --key PUBKEY).")
        return 0
    results = [check_feed(context.paths, name, timeout=args.timeout) for name in names]
    _report(results, args.format, None)
    return 0 if all(r.ok for r in results) else 1


def _report(results: list[CheckResult], fmt: str, verb: str | None) -> None:
    if fmt == "json":
        json.dump(
            [
                {
                    "name": r.name,
                    "outcome": r.outcome,
                    "refused": r.kind or None,
                    "message": r.message,
                    "changes": r.diff.to_dict() if r.diff is not None else None,
                }
                for r in results
            ],
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return
    for r in results:
        stream = sys.stdout if r.ok else sys.stderr
        head = verb or f"{r.name}: {r.outcome}"
        print(f"{head}: {_line(Exception(r.message))}.", file=stream)
        if r.diff is not None:
            print(r.diff.summary(limit=10_000).replace("Catalog ", f"Feed {r.name}: ", 1))


def _list(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.feeds import list_feeds

    feeds = list_feeds(context.paths)
    if args.format == "json":
        json.dump(
            [
                {
                    "name": f.name,
                    "url": f.url,
                    "key_id": f.key_id,
                    "public_key": f.public_key,
                    "catalog_version": f.catalog_version,
                    "expires": f.expires,
                    "added_at": f.added_at,
                    "checked_at": f.checked_at,
                    "applied_at": f.applied_at,
                    "outcome": f.outcome or None,
                    "message": f.message,
                }
                for f in feeds
            ],
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return 0
    if not feeds:
        print("No feeds subscribed (airdrop-desk feeds add URL --key PUBKEY).")
        return 0
    for f in feeds:
        print(f"{f.name}  {f.url}")
        print(f"  key {f.key_id}; version {f.catalog_version or '-'}, expires {f.expires or '-'}")
        checked = f.checked_at[:16].replace("T", " ") if f.checked_at else "never"
        print(f"  last check {checked} UTC: {f.outcome or '-'} {f.message}".rstrip())
    return 0


def _remove(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.feeds import remove_feed

    name = remove_feed(context.paths, args.name)
    if args.format == "json":
        print(json.dumps({"removed": name}))
    else:
        print(f"Removed the feed {name} and its projects.")
    return 0

"""``airdrop-desk catalog``: import a catalog file or URL, roll back, list stored versions."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from airdrop_desk.cli.context import Context

if TYPE_CHECKING:
    from airdrop_desk.catalog.update import UpdateResult


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "catalog",
        help="update the catalog from a file or https URL, roll back, list versions",
        description="Catalog updates without a new release. Every imported catalog is kept "
        "as a version; your records follow projects by id across versions.",
    )
    actions = p.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "import",
        help="validate a catalog file or https URL, store it and make it active",
        description="Validate the whole catalog first; nothing is stored unless it is valid. "
        "Prints what changed against the active catalog.",
    )
    add.add_argument("source", metavar="FILE|URL")
    add.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="network timeout (default 20)",
    )
    add.add_argument(
        "--allow-removals",
        action="store_true",
        help="import even if the file lacks projects the active catalog has",
    )
    add.add_argument(
        "--allow-domain-change",
        action="store_true",
        help="import even if the file changes a project's official domains (which the "
        "safe-link check trusts); an unsigned file is not verified",
    )
    sign = actions.add_parser(
        "sign",
        help="sign a catalog file for publishing as a feed (writes FILE.minisig)",
        description="Sign FILE with a minisign secret key (made by 'minisign -G'), as "
        "'minisign -Sm FILE' would. An encrypted key's password is asked for, or read "
        "from standard input when it is not a terminal.",
    )
    sign.add_argument("file", metavar="FILE")
    sign.add_argument("--key", required=True, metavar="SECRET_KEY_FILE")
    _common(sign, suppress=True)
    back = actions.add_parser("rollback", help="make the previously imported version active")
    listing = actions.add_parser("versions", help="stored catalog versions")
    for action in (add, back, listing):
        action.add_argument("--format", choices=["text", "json"], default="text")
        _common(action, suppress=True)
    p.set_defaults(run=run)
    return p


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.errors import CatalogError
    from airdrop_desk.storage.errors import StorageError

    handler = {
        "import": _import,
        "rollback": _rollback,
        "versions": _versions,
        "sign": _sign,
    }[args.catalog_action]
    from airdrop_desk.catalog.update import NeedsConfirmation

    try:
        return handler(args, context)
    except NeedsConfirmation as exc:
        flags = " and ".join(
            flag
            for flag, needed in (
                ("--allow-removals", exc.removed),
                ("--allow-domain-change", exc.domains),
            )
            if needed
        )
        print(
            f"airdrop-desk catalog import: {one_line(exc)}. Nothing was imported; "
            f"run it again with {flags} to import anyway.",
            file=sys.stderr,
        )
        return 1
    except (CatalogError, StorageError, OSError) as exc:
        print(f"airdrop-desk catalog {args.catalog_action}: {one_line(exc)}", file=sys.stderr)
        return 1


def _import(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.update import fetch_and_validate, store_update

    checked = fetch_and_validate(args.source, timeout=args.timeout)  # before any write
    if context.catalog_path.exists():
        # Store the bundled catalog first: the update is then the newest version, and the
        # next start does not mistake the bundled file for something new.
        context.catalog()
    result = store_update(
        context.paths,
        checked,
        allow_removals=args.allow_removals,
        allow_domain_change=args.allow_domain_change,
    )
    if result.stored:
        verb = "Imported"
    elif result.previous is not None and result.previous.id == result.version.id:
        verb = "Already the active catalog:"
    else:
        verb = "Already stored; activated"
    _report(args, result, verb, unverified=True)
    return 0


def _sign(args: argparse.Namespace, context: Context) -> int:
    from pathlib import Path

    from airdrop_desk.catalog.errors import CatalogError
    from airdrop_desk.catalog.files import read_catalog_file
    from airdrop_desk.catalog.load import parse_catalog
    from airdrop_desk.catalog.minisign import read_secret_key

    target = Path(args.file).expanduser()
    data = read_catalog_file(target)
    catalog = parse_catalog(data, target.name)  # a feed's subscribers would refuse it
    if catalog.expires is None:
        raise CatalogError(
            target.name, "a feed's file needs an 'expires' date (YYYY-MM-DD)", field="expires"
        )
    key = read_secret_key(Path(args.key).expanduser())
    signature = key.sign(data, target.name, _password)
    out = target.with_name(target.name + ".minisig")
    out.write_bytes(signature)
    print(f"Signed {target.name} (catalog {catalog.catalog_version}): wrote {out.name}.")
    return 0


def _password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Password of the secret key: ")
    return sys.stdin.readline().rstrip("\r\n")


def _rollback(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.update import rollback

    _report(args, rollback(context.paths), "Rolled back to")
    return 0


def _report(
    args: argparse.Namespace, result: UpdateResult, verb: str, unverified: bool = False
) -> None:
    version = result.version
    if args.format == "json":
        json.dump(
            {
                "active": {
                    "id": version.id,
                    "catalog_version": version.catalog_version,
                    "origin": version.origin,
                    "projects": version.project_count,
                },
                "stored": result.stored,
                "verified": not unverified,
                "changes": result.diff.to_dict(),
            },
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return
    print(
        f"{verb} catalog {version.catalog_version} (version #{version.id}, "
        f"{version.project_count} projects, from {version.origin}"
        + (", unverified: the file is not signed)." if unverified else ").")
    )
    print(result.diff.summary(limit=10_000))


def _versions(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.update import list_versions

    versions, active = list_versions(context.paths)
    trust = _verifications(context)
    if args.format == "json":
        json.dump(
            [
                {
                    "id": v.id,
                    "catalog_version": v.catalog_version,
                    "origin": v.origin,
                    "imported_at": v.imported_at,
                    "projects": v.project_count,
                    "sha256": v.sha256,
                    "verification": trust.get(v.id) or "bundled",
                    "active": v.id == active,
                }
                for v in versions
            ],
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return 0
    rows = [
        [
            "*" if v.id == active else "",
            str(v.id),
            v.catalog_version,
            str(v.project_count),
            v.imported_at,
            v.origin + (" (unverified)" if trust.get(v.id) == "unverified" else ""),
        ]
        for v in versions
    ]
    header = ["", "ID", "VERSION", "PROJECTS", "IMPORTED (UTC)", "FROM"]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    for line in [header, *rows]:
        print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
    print(f"{len(versions)} version(s); * marks the active one.")
    return 0


def _verifications(context: Context) -> dict[int, str]:
    import sqlite3

    from airdrop_desk.storage.feeds_repo import verifications

    if not context.paths.database.exists():
        return {}
    uri = f"{context.paths.database.absolute().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return verifications(conn)
    except sqlite3.OperationalError:  # a data file from before the column
        return {}
    finally:
        conn.close()

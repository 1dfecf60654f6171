"""``airdrop-desk keys``: link, list, check, use and remove read-only exchange keys.

Secrets are read from hidden prompts (a terminal) or one JSON object on stdin, never
from the command line, where other users and shell history could see them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from airdrop_desk.cli.context import Context
from airdrop_desk.core import clock
from airdrop_desk.exchanges import registry

if TYPE_CHECKING:
    from airdrop_desk.exchanges.credentials import Credentials
    from airdrop_desk.keys.vault import KeyVault

STDIN_LIMIT = 64 * 1024


class UsageError(Exception):
    """Bad input on stdin: exit 2 like any other usage error."""


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "keys",
        help="link read-only exchange API keys (kept in the system keyring)",
        description="Link read-only exchange API keys. Secrets live only in the system "
        "keyring; every request made with a key is kept in an audit log.",
    )
    actions = p.add_subparsers(dest="keys_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="verify a key read-only and store it",
        description="Verify a key read-only with its exchange, then store it. The key, secret "
        "and passphrase are asked with hidden prompts, or read as one JSON object "
        '{"api_key": ..., "api_secret": ..., "passphrase": ...} from stdin when '
        "stdin is not a terminal.",
    )
    add.add_argument(
        "--exchange",
        required=True,
        choices=registry.NAMES,
        metavar="NAME",
        help=f"one of: {', '.join(registry.NAMES)}",
    )
    add.add_argument("--label", required=True, help="your name for this key, e.g. 'main'")
    listing = actions.add_parser("list", help="linked keys, masked")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    check = actions.add_parser("check", help="re-verify keys (exit 1 unless all read-only)")
    check.add_argument("label", nargs="?", help="only this key")
    remove = actions.add_parser("remove", help="delete a key from the keyring and the app")
    remove.add_argument("label")
    prune = actions.add_parser(
        "prune",
        help="delete secrets left in the keyring by keys no longer in the app",
        description="Restoring a backup made before a key was linked leaves that key's "
        "secret in the system keyring with nothing in the app naming it. This deletes "
        "such secrets of this data folder (never another folder's) and lists them.",
    )
    audit = actions.add_parser("audit", help="export the log of requests made with keys")
    audit.add_argument("--format", choices=["table", "json", "csv"], default="table")
    audit.add_argument("--label", help="only this key's requests")
    balances = actions.add_parser("balances", help="re-verify a key, then show its balances")
    balances.add_argument("label")
    balances.add_argument("--format", choices=["table", "json", "csv"], default="table")
    for action in (add, listing, check, remove, prune, audit, balances):
        _common(action, suppress=True)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.keys.vault import VaultError

    handler = {
        "add": _add,
        "list": _list,
        "check": _check,
        "remove": _remove,
        "prune": _prune,
        "audit": _audit,
        "balances": _balances,
    }[args.keys_action]
    try:
        return handler(args, context)
    except UsageError as exc:
        print(f"airdrop-desk keys {args.keys_action}: error: {exc}", file=sys.stderr)
        return 2
    except VaultError as exc:
        print(f"airdrop-desk: {exc}", file=sys.stderr)
        return 1


def open_vault(context: Context) -> KeyVault:
    from airdrop_desk.keys.store import KeyringStore
    from airdrop_desk.keys.vault import KeyVault

    return KeyVault(context.database(), KeyringStore())


def read_credentials(needs_passphrase: bool, stdin: IO[str] | None = None) -> Credentials:
    """Hidden prompts on a terminal, else one JSON object on stdin."""
    from airdrop_desk.exchanges.credentials import Credentials

    stdin = stdin or sys.stdin
    if stdin.isatty():
        key = getpass.getpass("API key (hidden): ")
        secret = getpass.getpass("API secret (hidden; a PEM key may be pasted with \\n): ")
        passphrase = getpass.getpass("Passphrase (hidden): ") if needs_passphrase else None
        return Credentials.of(key, secret, passphrase)
    text = stdin.read(STDIN_LIMIT + 1)
    if len(text) > STDIN_LIMIT:
        raise UsageError("stdin holds more than one key's JSON object")
    try:
        blob = json.loads(text)
    except ValueError:
        # Never echo the text: it is the secret.
        raise UsageError(
            'stdin is not one JSON object {"api_key": ..., "api_secret": ..., "passphrase": ...}'
        ) from None
    if not isinstance(blob, dict):
        raise UsageError("stdin must hold one JSON object")
    unknown = sorted(set(blob) - {"api_key", "api_secret", "passphrase"})
    if unknown:
        raise UsageError(f"unknown fields on stdin: {', '.join(unknown)}")
    for field in ("api_key", "api_secret"):
        if not isinstance(blob.get(field), str) or not blob[field].strip():
            raise UsageError(f"'{field}' is missing on stdin")
    passphrase = blob.get("passphrase")
    if passphrase is not None and not isinstance(passphrase, str):
        raise UsageError("'passphrase' must be a string")
    if needs_passphrase and not passphrase:
        raise UsageError("this exchange's keys need 'passphrase' on stdin")
    return Credentials.of(blob["api_key"], blob["api_secret"], passphrase)


def _add(args: argparse.Namespace, context: Context) -> int:
    credentials = read_credentials(registry.info(args.exchange).needs_passphrase)
    vault = open_vault(context)
    result = vault.link(args.exchange, args.label, credentials)
    record = result.record
    print(
        f"Linked '{record.label}' ({record.exchange}, key {record.masked_key}): verified read-only."
    )
    for note in result.notes:
        print(note)
    print(
        f"Stored in: {vault.backend_name}. Rotate by: "
        f"{_day(vault.rotation_due(record))} ({vault.rotation_days} days)."
    )
    return 0


def _day(moment: dt.datetime | None) -> str:
    return "-" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%d")


def _minute(moment: dt.datetime | None) -> str:
    return "-" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def _list(args: argparse.Namespace, context: Context) -> int:
    vault = open_vault(context)
    now = clock.utc_now()
    rows = []
    for r in vault.linked_keys():
        due = vault.rotation_due(r)
        rows.append(
            {
                "label": r.label,
                "exchange": r.exchange,
                "key": r.masked_key,
                "status": r.status,
                "detail": r.status_detail,
                "last_verified": _minute(r.last_verified_at),
                "rotate_by": _day(due) + (" (overdue)" if due <= now else ""),
                "ip_restricted": r.ip_restricted,
                "expires": _day(r.expires_at),
            }
        )
    if args.format == "json":
        json.dump(
            {"keyring": vault.backend_name, "keys": rows}, sys.stdout, indent=2, ensure_ascii=False
        )
        sys.stdout.write("\n")
        return 0
    columns = ["label", "exchange", "key", "status", "last_verified", "rotate_by"]
    _table(
        [c.upper().replace("_", " ") for c in columns],
        [[str(row[c]) for c in columns] for row in rows],
        sys.stdout,
    )
    for row in rows:
        if row["status"] != "verified" and row["detail"]:
            print(f"{row['label']}: {row['detail']}")
    print(f"{len(rows)} key(s). Keyring: {vault.backend_name}.")
    return 0


def _check(args: argparse.Namespace, context: Context) -> int:
    vault = open_vault(context)
    results = vault.check(args.label)
    if not results:
        print("No exchange keys linked.")
    now = clock.utc_now()
    for result in results:
        record = result.record
        print(f"{record.label} ({record.exchange}): {result.message}")
        if vault.rotation_due(record) <= now:
            print(
                f"  Rotation due since {_day(vault.rotation_due(record))}: create a new "
                f"read-only key on {record.exchange}, link it, then remove '{record.label}'."
            )
    return 0 if all(r.ok for r in results) else 1


def _remove(args: argparse.Namespace, context: Context) -> int:
    vault = open_vault(context)
    record = vault.remove(args.label)
    print(
        f"Removed '{record.label}' ({record.exchange}, key {record.masked_key}) from the "
        "keyring and the app; its audit log entries stay."
    )
    return 0


def _prune(args: argparse.Namespace, context: Context) -> int:
    removed = open_vault(context).prune_orphans()
    for entry in removed:
        print(f"Removed the secret of {entry.describe()} from the keyring.")
    print(f"{len(removed)} secret(s) left behind by removed keys deleted from the keyring.")
    return 0


def _audit(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.audit_repo import FIELDS

    entries = open_vault(context).audit(args.label)
    rows = [[getattr(e, f) for f in FIELDS] for e in entries]
    rows = [[r[0].isoformat(timespec="milliseconds"), *r[1:]] for r in rows]
    _emit(args.format, list(FIELDS), rows)
    if args.format == "table":
        print(f"{len(rows)} request(s).")
    return 0


def _balances(args: argparse.Namespace, context: Context) -> int:
    balances = open_vault(context).balances(args.label)
    _emit(
        args.format,
        ["asset", "amount", "wallet"],
        [[b.asset, str(b.amount), b.wallet] for b in balances],
    )
    return 0


def _emit(fmt: str, header: list[str], rows: list[list[Any]]) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(
            [dict(zip(header, r, strict=True)) for r in rows], out, indent=2, ensure_ascii=False
        )
        out.write("\n")
    elif fmt == "csv":
        from airdrop_desk.storage.csvtext import write_csv

        write_csv(out, header, rows)
    else:
        _table(
            [h.upper().replace("_", " ") for h in header],
            [["-" if v is None or v == "" else str(v) for v in r] for r in rows],
            out,
        )


def _table(header: Sequence[str], rows: list[list[str]], out: IO[str]) -> None:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    for line in [list(header), *rows]:
        out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n")

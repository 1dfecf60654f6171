"""``airdrop-desk eligibility``: import allocation lists, list and remove them, check wallets.

Argparse wiring only: the work is ``eligibility.importer`` and ``eligibility.matching``.
Checking sends nothing anywhere; importing downloads only the URL given.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context

PRIVACY = (
    "Checked on this computer: your addresses never leave it; the only request is the "
    "download you ask for."
)


def _decimals(text: str) -> int:
    if not text.isdigit() or int(text) > 36:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of decimals 0..36")
    return int(text)


def _day(text: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2025-03-14") from None
    return dt.datetime.combine(day, dt.time(23, 59, 59), dt.UTC)


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "eligibility",
        help="published allocation lists matched against your wallets, on this computer",
        description="Import published allocation lists and check every profile's addresses "
        "and handles against them. " + PRIVACY,
    )
    actions = p.add_subparsers(dest="eligibility_action", metavar="ACTION")
    imp = actions.add_parser("import", help="import lists from a file, a folder or a URL")
    imp.add_argument("source", metavar="SOURCE", help="a file, a folder, or an https URL")
    imp.add_argument("--format", dest="list_format",
                     choices=["rotki", "merkle", "identities", "csv"])  # fmt: skip
    imp.add_argument("--project", metavar="NAME", help="the catalog project the list pays")
    imp.add_argument("--token", metavar="SYMBOL")
    imp.add_argument("--decimals", metavar="N", type=_decimals, help="the token's decimals")
    imp.add_argument(
        "--units",
        choices=["auto", "base", "whole"],
        default="auto",
        help="amounts in base units or whole tokens (default: detected)",
    )
    imp.add_argument("--only", metavar="KEYS", help="rotki index keys to import, comma-separated")
    imp.add_argument("--address-column", metavar="C", help="CSV column of the addresses")
    imp.add_argument("--amount-column", metavar="C", help="CSV column of the amounts")
    imp.add_argument("--deadline", metavar="YYYY-MM-DD", type=_day, help="the claim deadline")
    lists = actions.add_parser("lists", help="the stored lists")
    lists.add_argument("--format", choices=["table", "json"], default="table")
    remove = actions.add_parser("remove", help="delete a stored list")
    remove.add_argument("list_id", metavar="ID", type=int)
    check = actions.add_parser("check", help="where your wallets are eligible")
    who = check.add_mutually_exclusive_group()
    who.add_argument("--profile", metavar="P")
    who.add_argument("--address", metavar="A")
    who.add_argument("--identity", metavar="HANDLE")
    check.add_argument("--format", choices=["table", "json", "csv"], default="table")
    for action in (imp, lists, remove, check):
        _common(action, suppress=True)
    p.set_defaults(run=tracking.refusing("eligibility", run), format="table")
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    action = args.eligibility_action or "lists"
    if action == "import":
        return _import(args, context)
    if action == "remove":
        from airdrop_desk.storage.alloc_repo import AllocRepo

        gone = AllocRepo(context.database()).remove(args.list_id)
        if gone is None:
            raise tracking.Refusal(f"There is no list {args.list_id}; see 'eligibility lists'.")
        print(f"Removed list {gone.id} “{gone.name}” ({gone.rows:,} rows).")
        return 0
    if action == "check":
        return _check(args, context)
    return _lists(args, context)


def _projects(context: Context) -> list[Any]:
    try:
        return list(context.catalog().rows)
    except Exception:  # no catalog: lists stay unlinked, or --project is refused
        return []


def _import(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.eligibility import importer, matching
    from airdrop_desk.eligibility.sources import AllocationError

    request = importer.Request(
        args.source,
        args.list_format,
        args.project,
        args.token,
        args.decimals,
        args.units,
        tuple(k.strip() for k in (args.only or "").split(",") if k.strip()),
        args.address_column,
        args.amount_column,
        args.deadline,
    )
    projects = _projects(context)
    names = {p.id: p.name for p in projects}
    print(PRIVACY)
    try:
        plan = importer.prepare(request)
        try:
            db = context.database()
            done = importer.apply(db, plan, projects)
        finally:
            plan.close()
    except AllocationError as exc:
        print(f"airdrop-desk eligibility: {exc} Nothing was imported.", file=sys.stderr)
        return 1
    for item in done:
        print(item.describe(names.get(item.list.project_id or "")))
    now = dt.datetime.now(dt.UTC)
    filled = matching.pre_fill(
        tracking.repo(context), matching.find(db, matching.profile_holders(db)), now
    )
    if filled:
        print(f"Pre-filled {len(filled)} claim(s) as eligible.")
    return 0


def _lists(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.alloc_repo import AllocRepo

    found = AllocRepo(context.database()).lists()
    records = [
        {
            "id": i.id,
            "name": i.name,
            "project": i.project_id,
            "token": i.token,
            "decimals": i.decimals,
            "rows": i.rows,
            "deadline": i.deadline.isoformat() if i.deadline else None,
            "source": i.source + (f"#{i.entry}" if i.entry else ""),
            "sha256": i.sha256,
            "imported_at": i.imported_at.isoformat(),
        }
        for i in found
    ]
    if args.format == "json":
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    rows = [
        [str(r["id"]), str(r["name"]), str(r["project"] or "—"), str(r["token"]),
         f"{r['rows']:,}", (r["deadline"] or "")[:10], str(r["source"])]
        for r in records
    ]  # fmt: skip
    header = ["ID", "NAME", "PROJECT", "TOKEN", "ROWS", "DEADLINE", "SOURCE"]
    sys.stdout.write(tracking.table(header, rows))
    print(f"{len(rows)} list(s)")
    return 0


def _check(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.allocations import format_tokens_decimal
    from airdrop_desk.eligibility import matching

    db = context.database()
    # An empty --address or --identity is a mistake to say, not "every profile".
    if args.address is not None:
        holders = [matching.address_holder(args.address)]
    elif args.identity is not None:
        holders = [matching.identity_holder(args.identity)]
    else:
        profile_id = None
        if args.profile:
            profile_id = tracking.profile(tracking.repo(context), args.profile).id
        holders = matching.profile_holders(db, profile_id)
    found = matching.find(db, holders)
    now = dt.datetime.now(dt.UTC)
    outcomes = matching.outcomes(db, found, now)
    # ``status`` says what the list says (eligible, or its deadline passed); ``claim`` what
    # the profile's claim record adds: claimed, missed (deadline passed, none recorded).
    claims = [o if o in ("claimed", "missed") else None for o in outcomes]
    records = [
        {
            "profile": m.profile or None,
            "address": m.address,
            "list": m.list.name,
            "project": m.list.project_id,
            "token": m.list.token,
            "amount": f"{m.whole.normalize():f}",
            "deadline": m.list.deadline.isoformat() if m.list.deadline else None,
            "status": m.status(now),
            "claim": claim,
        }
        for m, claim in zip(found, claims, strict=True)
    ]
    # JSON and CSV carry the keys the format promises; the table adds the claim's word.
    keys = ["profile", "address", "list", "project", "token", "amount", "deadline", "status"]
    if args.format == "json":
        json.dump([{k: r[k] for k in keys} for r in records], sys.stdout, indent=2,
                  ensure_ascii=False)  # fmt: skip
        sys.stdout.write("\n")
        return 0
    if args.format == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(keys)
        for r in records:
            out.writerow([tracking.csv_cell(r[k]) for k in keys])
        return 0
    rows = [
        [str(r["profile"] or "—"), str(r["address"]), str(r["list"]), str(r["project"] or "—"),
         f"{format_tokens_decimal(m.whole)} {r['token']}".strip(),
         (r["deadline"] or "")[:10],
         str(r["status"]) + (f" ({r['claim']})" if r["claim"] else "")]
        for r, m in zip(records, found, strict=True)
    ]  # fmt: skip
    header = ["PROFILE", "ADDRESS", "LIST", "PROJECT", "AMOUNT", "DEADLINE", "STATUS"]
    sys.stdout.write(tracking.table(header, rows))
    print(f"{len(rows)} match(es) in {len({m.list.id for m in found})} list(s); {PRIVACY}")
    return 0

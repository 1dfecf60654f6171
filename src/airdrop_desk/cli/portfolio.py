"""``airdrop-desk portfolio``: sync balances, show holdings and their value, airdrop ROI.

``show`` and ``roi`` work offline from the last sync: prices show with their age, an
asset without a price is "unpriced" and a key whose last sync failed is "stale".
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, TYPE_CHECKING, Any

from airdrop_desk.cli.context import Context

if TYPE_CHECKING:
    from airdrop_desk.portfolio.service import PortfolioData
    from airdrop_desk.portfolio.tables import Table

FORMATS = ["table", "json", "csv"]


class CommandError(Exception):
    """A refused command: one line on stderr, exit 1."""


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "portfolio",
        help="exchange balances, holdings, airdrop receipts and their value",
        description="What you hold and what it is worth: balances synced from read-only "
        "exchange keys, holdings you enter, airdrops you claimed, and whether "
        "the farming paid.",
    )
    actions = p.add_subparsers(dest="portfolio_action", metavar="ACTION", required=True)
    sync = actions.add_parser("sync", help="read balances from every linked key, then prices")
    sync.add_argument("--no-prices", action="store_true", help="do not refresh prices")
    show = actions.add_parser("show", help="holdings and value (offline, from the last sync)")
    show.add_argument(
        "--by",
        choices=["asset", "source", "profile", "history", "unclaimed"],
        default="asset",
        help="group by asset (default), source or profile; history is the value per day; "
        "unclaimed: allocations your wallets are on and have not claimed (or missed)",
    )
    roi = actions.add_parser("roi", help="airdrop value received minus farming costs")
    holdings = actions.add_parser("holdings", help="holdings you keep outside exchanges")
    what = holdings.add_subparsers(dest="holdings_action", metavar="ACTION", required=True)
    add = what.add_parser("add", help="add an amount of an asset")
    add.add_argument("asset", help="symbol, e.g. ETH")
    add.add_argument("amount", help="exact amount, e.g. 1.25")
    add.add_argument("--where", default="", help="where it is kept, e.g. 'Ledger'")
    listing = what.add_parser("list", help="your manual holdings")
    remove = what.add_parser("remove", help="remove a manual holding by its number")
    remove.add_argument("id", type=int)
    assign = actions.add_parser("assign", help="count a key's balances for a profile")
    assign.add_argument("label", help="the key's label")
    claim = actions.add_parser("claim-value", help="record a claim's dollar value when received")
    claim.add_argument("project", help="catalog project id, e.g. starknet")
    claim.add_argument("usd", help="dollars, e.g. 812.40, or 'none' to forget it")
    for action in (show, roi, add, listing, assign, claim):
        action.add_argument(
            "--profile",
            metavar="NAME",
            help="only this profile"
            if action in (show, roi, listing)
            else "the profile (omit for none)",
        )
    for action in (show, roi, listing, sync):
        action.add_argument("--format", choices=FORMATS, default="table")
    for action in (sync, show, roi, add, listing, remove, assign, claim):
        _common(action, suppress=True)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    handler = {
        "sync": _sync,
        "show": _show,
        "roi": _roi,
        "holdings": _holdings,
        "assign": _assign,
        "claim-value": _claim_value,
    }[args.portfolio_action]
    try:
        return handler(args, context)
    except CommandError as exc:
        print(f"airdrop-desk: {exc}", file=sys.stderr)
        return 1


def _load(context: Context) -> PortfolioData:
    from airdrop_desk.portfolio.service import load

    return load(context.database())


def _profile(data: PortfolioData, name: str | None) -> int | None:
    if name is None:
        return None
    pid = data.profile_id(name.strip())
    if pid is None:
        known = ", ".join(sorted(data.profiles.values(), key=str.casefold)) or "none yet"
        raise CommandError(f"No profile is named '{name}' (profiles: {known}).")
    return pid


def _profile_name(data: PortfolioData, name: str | None) -> str | None:
    pid = _profile(data, name)
    return None if pid is None else data.profiles[pid]


def _sync(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.keys.store import KeyringStore
    from airdrop_desk.portfolio.sync import sync_portfolio
    from airdrop_desk.storage.db import open_database

    paths = context.paths

    def progress(done: int, total: int, text: str) -> None:
        if args.format == "table":
            print(f"[{done}/{total}] {text}", file=sys.stderr)

    result = sync_portfolio(
        context.database(),
        lambda: open_database(paths.database, paths.backups),
        KeyringStore(),
        progress=progress,
        refresh_prices=not args.no_prices,
    )
    if args.format == "table":
        for line in result.lines() or ["No exchange keys linked."]:
            print(line)
    else:
        rows = [
            {
                "label": k.label,
                "exchange": k.exchange,
                "outcome": k.outcome,
                "message": k.message,
                "assets": k.assets,
            }
            for k in result.keys
        ]
        prices = (
            None
            if result.prices is None
            else {
                "ok": result.prices.ok,
                "message": result.prices.message,
                "unpriced": list(result.prices.unpriced),
            }
        )
        _emit_json({"keys": rows, "prices": prices, "cancelled": result.cancelled})
    failed = [k.label for k in result.keys if k.outcome != "ok"]
    if failed:
        print(
            f"airdrop-desk: not synced: {', '.join(failed)}; their last balances are kept "
            "and shown as stale.",
            file=sys.stderr,
        )
    return 0 if result.ok else 1


def _show(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.portfolio import tables

    data = _load(context)
    profile = _profile_name(data, args.profile)
    table = {
        "asset": lambda: tables.asset_table(data, profile),
        "source": lambda: tables.source_table(data, profile),
        "profile": lambda: tables.profile_table(data),
        "history": lambda: tables.history_table(tables.points_for(data, profile)),
        "unclaimed": lambda: tables.unclaimed_table(data, profile),
    }[args.by]()
    if args.format == "json":
        _emit_json(
            {
                "prices": tables.price_status(data),
                "stale": tables.key_lines(data),
                "rows": table.records(),
            }
        )
        return 0
    _emit(args.format, table, sys.stdout)
    if args.format == "table":
        if args.by == "unclaimed":
            if not table.rows:
                print(
                    "No unclaimed airdrop: none of your addresses or handles is on an "
                    "allocation list you imported ('airdrop-desk eligibility import')."
                )
        elif not table.rows:
            print(
                "Nothing yet: link a read-only key and run 'airdrop-desk portfolio sync', "
                "or add a holding with 'airdrop-desk portfolio holdings add'."
            )
        open_claims = tables.unclaimed_line(data, profile)
        if open_claims and args.by != "unclaimed":
            print(f"{open_claims}: airdrop-desk portfolio show --by unclaimed")
        print(tables.price_status(data))
        for line in tables.key_lines(data):
            print(line)
    return 0


def _roi(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.portfolio import tables

    context.catalog()  # project names come from the stored catalog
    data = _load(context)
    table = tables.roi_table(data, _profile_name(data, args.profile))
    if args.format == "json":
        _emit_json({"prices": tables.price_status(data), "rows": table.records()})
        return 0
    _emit(args.format, table, sys.stdout)
    if args.format == "table":
        if not table.rows:
            print("No claims or task costs recorded yet.")
        print(tables.price_status(data))
    return 0


def _holdings(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.portfolio import amount_text, parse_holding
    from airdrop_desk.core.tracking import FieldErrors
    from airdrop_desk.core.tracking_ops import Refused
    from airdrop_desk.portfolio import holdings
    from airdrop_desk.prices.ids import FIXED_USD, coingecko_id

    db = context.database()
    data = _load(context)
    if args.holdings_action == "add":
        pid = _profile(data, args.profile)
        try:
            item = parse_holding(args.asset, args.amount, args.where, pid)
        except FieldErrors as exc:
            raise CommandError(str(exc)) from None
        asset, amount = item.asset, item.amount
        holding_id = holdings.run(db, lambda repo: holdings.add(repo, item)).value
        print(
            f"Added #{holding_id}: {amount_text(amount)} {asset}"
            + (f" in {item.place}" if item.place else "")
            + (f" for {data.profiles[pid]}" if pid is not None else "")
            + "."
        )
        if asset not in FIXED_USD and coingecko_id(asset) is None:
            print(f"Note: no price source knows {asset}; it is shown as unpriced.")
        elif asset not in data.quotes and asset not in FIXED_USD:
            print("Its price comes with the next 'airdrop-desk portfolio sync'.")
        return 0
    if args.holdings_action == "remove":
        try:
            holdings.run(db, lambda repo: holdings.delete(repo, args.id))
        except Refused as exc:
            raise CommandError(str(exc)) from None
        print(f"Removed #{args.id}.")
        return 0
    from airdrop_desk.portfolio.tables import manual_table

    table = manual_table(data, _profile_name(data, args.profile))
    _emit(args.format, table, sys.stdout)
    return 0


def _assign(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.portfolio.service import record_values
    from airdrop_desk.storage.keys_repo import KeysRepo
    from airdrop_desk.storage.portfolio_repo import PortfolioRepo

    db = context.database()
    record = KeysRepo(db).by_label(args.label)
    if record is None:
        raise CommandError(f"No linked key is labelled '{args.label}'.")
    data = _load(context)
    pid = _profile(data, args.profile)
    PortfolioRepo(db).set_key_profile(record.id, pid)
    record_values(db)
    print(
        f"'{record.label}' now counts for "
        + (data.profiles[pid] if pid is not None else "no profile")
        + "."
    )
    return 0


def _claim_value(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.portfolio import AmountError, parse_amount
    from airdrop_desk.storage.portfolio_repo import PortfolioRepo

    data = _load(context)
    if args.profile is None:
        raise CommandError("Name the profile that claimed it with --profile.")
    pid = _profile(data, args.profile)
    assert pid is not None
    usd = None
    if args.usd.strip().lower() != "none":
        try:
            usd = parse_amount(args.usd.replace("$", "").replace(",", ""), allow_zero=True)
        except AmountError as exc:
            raise CommandError(str(exc)) from None
    PortfolioRepo(context.database()).set_claim_value(pid, args.project.strip(), usd)
    print(
        "Forgot the value at claim."
        if usd is None
        else f"Recorded ${usd} as the value of the {args.project} claim of {data.profiles[pid]}."
    )
    return 0


def _emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _emit(fmt: str, table: Table, out: IO[str]) -> None:
    if fmt == "json":
        _emit_json(table.records())
    elif fmt == "csv":
        table.write_csv(out)
    elif table.rows:
        rows = [table.header, *table.rows]
        widths = [max(len(r[i]) for r in rows) for i in range(len(table.header))]
        for row in rows:
            out.write(
                "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
            )

"""``airdrop-desk profiles``: list, add (with wallet addresses) and remove profiles."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context


def _address(text: str) -> tuple[str, str]:
    from airdrop_desk.core.addresses import CHAINS

    chain, equals, address = text.partition("=")
    chain = chain.strip().lower()
    if not equals or not address.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not CHAIN=ADDRESS, e.g. evm=0x…")
    if chain not in CHAINS:
        raise argparse.ArgumentTypeError(f"'{chain}' is not a chain; use {', '.join(CHAINS)}")
    return chain, address.strip()


def _identity(text: str) -> tuple[str, str]:
    from airdrop_desk.core.allocations import parse_handle

    kind, equals, handle = text.partition("=")
    kind = kind.strip().lower()
    if not equals:
        raise argparse.ArgumentTypeError(f"'{text}' is not KIND=HANDLE, e.g. github=octocat")
    try:
        return kind, parse_handle(kind, handle)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "profiles",
        help="list, add and remove profiles (the wallets you farm with)",
        description="List, add and remove profiles. Addresses are checked for their chain "
        "as in the window; one bad address and nothing is saved.",
    )
    actions = p.add_subparsers(dest="profiles_action", metavar="ACTION")
    listing = actions.add_parser("list", help="profiles and their addresses (the default)")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    add = actions.add_parser("add", help="a new profile")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--address",
        action="append",
        type=_address,
        default=[],
        metavar="CHAIN=ADDRESS",
        help="a wallet address (CHAIN: evm, solana, starknet or cosmos); repeat for several",
    )
    add.add_argument(
        "--identity",
        action="append",
        type=_identity,
        default=[],
        metavar="KIND=HANDLE",
        help="another identity allocation lists may name (KIND: github, x or discord); "
        "repeat for several",
    )
    remove = actions.add_parser("remove", help="delete a profile (the window can undo it)")
    remove.add_argument("name", metavar="NAME")
    for action in (listing, add, remove):
        _common(action, suppress=True)
    p.set_defaults(run=tracking.refusing("profiles", run), format="table")
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core import tracking_ops as ops

    store = tracking.repo(context)
    action = args.profiles_action or "list"
    if action == "add":
        done = ops.add_profile(store, args.name, args.address)
        count = len(args.address)
        if args.identity:
            from airdrop_desk.storage.alloc_repo import AllocRepo

            handles = AllocRepo(store.db)
            for kind, handle in dict.fromkeys(args.identity):
                handles.add_identity(done.value.id, kind, handle)
        extra = f" and {len(args.identity)} identity(ies)" if args.identity else ""
        print(f"Created profile “{done.value.name}” with {count} address(es){extra}.")
        return 0
    if action == "remove":
        found = tracking.profile(store, args.name)
        ops.remove_profile(store, found.id)
        print(f"Removed profile “{found.name}”.")
        return 0
    listed = [(p, store.addresses(p.id)) for p in store.profiles()]

    def handles(profile_id: int) -> list[Any]:
        from airdrop_desk.storage.alloc_repo import AllocRepo

        return AllocRepo(store.db).identities(profile_id)

    if args.format == "json":
        records: list[dict[str, Any]] = []
        for p, addresses in listed:
            record: dict[str, Any] = {
                "name": p.name,
                "archived": p.archived,
                "addresses": [{"chain": a.chain, "address": a.address} for a in addresses],
            }
            identities = [{"kind": i.kind, "handle": i.handle} for i in handles(p.id)]
            if identities:  # other identities, when the profile lists any
                record["identities"] = identities
            records.append(record)
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    rows = [
        [
            p.name,
            "archived" if p.archived else "",
            " ".join(
                [f"{a.chain}:{a.address}" for a in addresses]
                + [f"{i.kind}:{i.handle}" for i in handles(p.id)]
            ),
        ]
        for p, addresses in listed
    ]
    sys.stdout.write(tracking.table(["NAME", "STATUS", "ADDRESSES"], rows))
    print(f"{len(rows)} profile(s)")
    return 0

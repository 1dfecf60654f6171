"""``airdrop-desk track``: a profile starts tracking a project (its catalog tasks join)."""

from __future__ import annotations

import argparse
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "track",
        help="track a project with a profile: its catalog tasks become your checklist",
        description="Track a catalog project (name, alias or id) with a profile; tracking "
        "it again brings back its checklist and history.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--profile", metavar="P", help="profile name (default: the last used)")
    p.set_defaults(run=tracking.refusing("track", run))
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core import tracking_ops as ops

    store = tracking.repo(context)
    who = tracking.profile(store, args.profile)
    found = tracking.project(context, args.name)
    name = found.name.name
    if found.id in store.tracked(who.id):
        print(f"Profile “{who.name}” already tracks {name}.")
        return 0
    ops.track(store, who.id, found)
    tasks = len(store.tasks(who.id, found.id))
    print(f"Profile “{who.name}” now tracks {name}: {tasks} task(s) on its checklist.")
    return 0

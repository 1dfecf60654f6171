"""``airdrop-desk tick`` and ``untick``: mark a task done (with its details) or not done."""

from __future__ import annotations

import argparse
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "tick",
        help="mark a task done now, with a note, transaction and fee",
        description="Mark a task done now (TASK_ID from 'airdrop-desk tasks'); the details "
        "are checked as in the window's tick form.",
    )
    p.add_argument("task_id", type=int, metavar="TASK_ID")
    p.add_argument("--note", metavar="T", default="")
    p.add_argument("--tx", metavar="HASH", default="", help="transaction hash or explorer link")
    p.add_argument("--cost-usd", metavar="X", default="", help="the fee in USD")
    p.add_argument("--cost-native", metavar="X", default="", help="the fee in the native token")
    p.add_argument("--cost-token", metavar="SYMBOL", default="", help="that token, e.g. ETH")
    p.set_defaults(run=tracking.refusing("tick", run))
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core import tracking_ops as ops
    from airdrop_desk.core.tracking import parse_tick_details

    details = parse_tick_details(
        args.note, args.tx, args.cost_native, args.cost_token, args.cost_usd
    )
    store = tracking.repo(context)
    task = store.live_task(args.task_id)
    done = ops.tick(store, task.id, details=details)
    print(f"Ticked “{task.title}”. {_progress(store, context, done.changes)}")
    return 0


def _progress(store: Any, context: Context, changes: Any) -> str:
    progress = store.progress(changes.profile_id, None, changes.project_id).get(changes.project_id)
    shown = context.catalog().docs().project(changes.project_id)
    name = shown.name.name if shown is not None else changes.project_id
    if progress is None:
        return ""
    return f"{name}: {progress.done} of {progress.total} done."

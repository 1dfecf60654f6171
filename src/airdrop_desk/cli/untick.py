"""``airdrop-desk untick``: take back the ticks that make a task done in its period."""

from __future__ import annotations

import argparse
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "untick",
        help="mark a task not done (its ticks of the current period are removed)",
        description="Mark a task not done: the ticks of its current period are removed; "
        "earlier ones stay in its history.",
    )
    p.add_argument("task_id", type=int, metavar="TASK_ID")
    p.set_defaults(run=tracking.refusing("untick", run))
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.cli.tick import _progress
    from airdrop_desk.core import tracking_ops as ops

    store = tracking.repo(context)
    task = store.live_task(args.task_id)
    done = ops.untick(store, task.id)
    print(f"Unticked “{task.title}”. {_progress(store, context, done.changes)}")
    return 0

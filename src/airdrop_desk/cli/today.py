"""``airdrop-desk today``: every task due now across profiles and projects, as the
farm board's Today list shows it (``core.board.today_list``), soonest deadline first."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "today",
        help="every task due now across all profiles and projects",
        description="List what is due now for every profile: repeating tasks not done in "
        "their current period, tasks due today or overdue, and catalog snapshots of "
        "tracked projects in the coming week. Soonest deadline first.",
    )
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(run=tracking.refusing("today", run))
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.board import RECORD_KEYS, due_words
    from airdrop_desk.core.clock import now
    from airdrop_desk.storage.board_repo import read_today

    data = read_today(context.database(), now())
    items = list_today(data, context)
    out = sys.stdout
    if args.format == "json":
        json.dump([item.record() for item in items], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(RECORD_KEYS)
        for item in items:
            record = item.record()
            writer.writerow([tracking.csv_cell(_plain(record[key])) for key in RECORD_KEYS])
    else:
        rows = [
            [
                str(item.task_id or ""),
                due_words(item, data.today),
                item.profile or "all",
                item.project,
                item.title,
                item.recurrence.label() if item.recurrence.repeats else "",
            ]
            for item in items
        ]
        header = ["ID", "DUE", "PROFILE", "PROJECT", "TASK", "REPEATS"]
        out.write(tracking.table(header, rows))
        overdue = sum(1 for item in items if item.overdue)
        late = f", {overdue} overdue" if overdue else ""
        out.write(f"{len(items)} due now{late} · {len(data.profiles)} profile(s)\n")
    return 0


def list_today(data: Any, context: Context) -> list[Any]:
    """The Today list of ``data`` with the catalog's names and snapshots."""
    from airdrop_desk.core.board import snapshot_items, today_list

    catalog = context.catalog()
    names = {row.id: row.name for row in catalog.rows}
    docs = catalog.docs()
    projects = [p for p in (docs.project(pid) for pid in data.projects) if p is not None]
    return today_list(data, lambda pid: names.get(pid, pid), snapshot_items(projects, data.today))


def _plain(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value

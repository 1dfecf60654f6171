"""``airdrop-desk tasks``: a profile's checklist tasks as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from typing import Any

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context

FIELDS = ["id", "profile", "project", "title", "done", "last_done", "recurrence", "due"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "tasks",
        help="a profile's checklist tasks, done or not in their current period",
        description="List the tasks of the projects a profile tracks. A task is done when "
        "it was ticked in its current period (today for a daily task).",
    )
    p.add_argument("--profile", metavar="P", help="profile name (default: the last used)")
    p.add_argument("--project", metavar="NAME", help="one project (name, alias or id)")
    p.add_argument(
        "--due",
        action="store_true",
        help="only what is left to do now (not done in its period), earliest due date first",
    )
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(run=tracking.refusing("tasks", run))
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    store = tracking.repo(context)
    who = tracking.profile(store, args.profile)
    project_id = tracking.project(context, args.project).id if args.project else None
    docs = context.catalog().docs()
    found = store.tasks(who.id, project_id)
    if args.due:
        found = [f for f in found if not f[1].done]
        found.sort(key=lambda f: f[1].task.due or dt.date.max)
    records = []
    for pid, state in found:
        task, shown = state.task, docs.project(pid)
        records.append(
            {
                "id": task.id,
                "profile": who.name,
                "project": shown.name.name if shown is not None else pid,
                "title": task.title,
                "done": state.done,
                "last_done": state.last.at.astimezone().isoformat() if state.last else None,
                "recurrence": task.recurrence.label(),
                "due": task.due.isoformat() if task.due else None,
            }
        )
    out = sys.stdout
    if args.format == "json":
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        for record in records:
            writer.writerow([tracking.csv_cell(_plain(record[f])) for f in FIELDS])
    else:
        rows = [
            [
                str(r["id"]),
                str(r["project"]),
                "x" if r["done"] else "",
                str(r["title"]),
                str(r["recurrence"]),
                str(r["due"] or ""),
                str(r["last_done"] or "")[:16].replace("T", " "),
            ]
            for r in records
        ]
        header = ["ID", "PROJECT", "DONE", "TASK", "REPEATS", "DUE", "LAST DONE"]
        out.write(tracking.table(header, rows))
        done = sum(1 for r in records if r["done"])
        out.write(f"{done} of {len(records)} done · profile “{who.name}”\n")
    return 0


def _plain(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value

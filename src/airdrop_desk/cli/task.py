"""``airdrop-desk task add``: a task of your own on a tracked project's checklist, added
by the operation the window's Add task runs (``core.tracking_ops.add_task``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from airdrop_desk.cli import tracking
from airdrop_desk.cli.context import Context

T = TypeVar("T")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "task",
        help="add a task of your own to a tracked project's checklist",
        description="Add a task of your own to the checklist of a project a profile tracks.",
    )
    actions = p.add_subparsers(dest="task_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add a task (it can repeat, and have a due date)",
        description="Add a task to the checklist of a project the profile tracks.",
    )
    add.add_argument("title", metavar="TITLE")
    add.add_argument("--profile", metavar="P", help="profile name (default: the last used)")
    add.add_argument(
        "--project", metavar="NAME", required=True, help="the project (name, alias or id)"
    )
    add.add_argument(
        "--every",
        metavar="daily|weekly|monthly|Nd",
        help="repeat it: daily, weekly (Monday to Sunday), monthly, or every N days (3d)",
    )
    add.add_argument("--due", metavar="YYYY-MM-DD", help="the day it has to be done by")
    add.set_defaults(run=tracking.refusing("task add", run))
    _common(add, suppress=True)
    return p


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core import tracking_ops as ops
    from airdrop_desk.core.clock import today
    from airdrop_desk.core.recurrence import Recurrence, parse_every
    from airdrop_desk.core.tracking import FieldErrors, Task, parse_date, parse_title

    errors: dict[str, str] = {}
    title = _checked(errors, "title", lambda: parse_title(args.title))
    rec = _checked(errors, "every", lambda: parse_every(args.every)) if args.every else None
    due = _checked(errors, "due", lambda: parse_date(args.due or ""))
    if errors:
        raise FieldErrors(errors)
    assert title is not None
    rec = rec or Recurrence()
    store = tracking.repo(context)
    who = tracking.profile(store, args.profile)
    found = tracking.project(context, args.project)
    tracked_id = store.tracked(who.id).get(found.id)
    if tracked_id is None:
        raise tracking.Refusal(
            f"Profile “{who.name}” does not track {found.name.name}; track it first "
            f"with 'airdrop-desk track {found.id} --profile \"{who.name}\"'."
        )
    task = Task(0, tracked_id, title, 0, today(), recurrence=rec, due=due)
    done = ops.add_task(store, tracked_id, task)
    when = [rec.label()] if rec.repeats else []
    if due is not None:
        when.append(f"due {due.isoformat()}")
    extra = f" ({', '.join(when)})" if when else ""
    print(f"Added task {done.value} “{title}”{extra} to {found.name.name} for “{who.name}”.")
    return 0


def _checked(errors: dict[str, str], key: str, parse: Callable[[], T]) -> T | None:
    """``parse()``, or None with its message kept under ``key``."""
    try:
        return parse()
    except ValueError as exc:
        errors[key] = str(exc)
        return None

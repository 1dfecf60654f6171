"""``airdrop-desk project``: add, edit, remove, list and export your own projects.

Exit codes: 0 done, 1 refused (one line naming the field), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airdrop_desk.cli.context import Context

if TYPE_CHECKING:
    from airdrop_desk.core.projects import ProjectDraft

# A field's flag, to name it in a refusal.
FLAGS = {
    "from": "--from",
    "name": "NAME",
    "sites": "--site",
    "status": "--status",
    "tier": "--tier",
    "narratives": "--narrative",
    "ecosystem": "--ecosystem",
    "token": "--token",
    "description": "--description",
    "notes": "--note",
    "sources": "--source",
    "tasks": "--task",
    "points": "--points",
    "events": "--event",
}
# Fields ``project edit --clear`` can empty.
CLEARABLE = ("sites", "status", "narratives", "ecosystem", "token", "description", "notes",
             "sources", "tasks", "points", "events")  # fmt: skip

FORMATS = """\
Formats:
  --task "TITLE[;every=daily|weekly|monthly|N days][;detail=TEXT]"
      e.g. --task "Bridge to the testnet;every=weekly" --task "Swap on the DEX;every=3 days"
  --event KIND=DATE[:LABEL]   KIND: snapshot, registration, checker, claim_open,
      claim_close, tge, mainnet, unlock, deadline, other; DATE: 2026, 2026-12, 2026-12-31
      e.g. --event "snapshot=2027-01-15:Season 1 snapshot"
  --points "NAME[;DESCRIPTION]"   a points program, e.g. --points "Nebula XP;1 XP per bridge"
  --from FILE.json   every field as a JSON object: name, sites, status, tier, narratives,
      ecosystem, token, description, notes, sources, tasks [{title, every, detail}],
      points [{name, description}], events [{kind, date, label}]; flags given as well win.
Every fact you enter cites "Entered by you" (with the date) and the --source pages.
"""


def add_parser(sub: Any) -> argparse.ArgumentParser:
    from airdrop_desk.cli.parser import _common

    p: argparse.ArgumentParser = sub.add_parser(
        "project",
        help="add, edit, remove and export your own projects",
        description="Your own projects: shown, filtered, tracked and exported like the "
        "catalog's, marked as yours. Their official domains drive the safe-link check.",
    )
    actions = p.add_subparsers(dest="project_action", metavar="ACTION", required=True)
    fmt = argparse.RawDescriptionHelpFormatter
    add = actions.add_parser(
        "add", help="add a project of yours", epilog=FORMATS, formatter_class=fmt
    )
    add.add_argument("name", metavar="NAME", nargs="?", help="its name (or in --from)")
    _fields(add)
    edit = actions.add_parser(
        "edit",
        help="change fields of a project of yours (the others stay)",
        epilog=FORMATS,
        formatter_class=fmt,
    )
    edit.add_argument("key", metavar="NAME", help="its name or id")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename it")
    _fields(edit)
    edit.add_argument(
        "--clear",
        action="append",
        default=[],
        choices=CLEARABLE,
        metavar="FIELD",
        help=f"empty a field first (repeat for several): {', '.join(CLEARABLE)}",
    )
    remove = actions.add_parser("remove", help="remove a project of yours")
    remove.add_argument("key", metavar="NAME", help="its name or id")
    listing = actions.add_parser("list", help="your projects")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    export = actions.add_parser(
        "export",
        help="write your projects as a catalog file anyone can 'catalog import'",
    )
    export.add_argument("--out", required=True, metavar="FILE", help="the catalog file to write")
    export.add_argument("names", nargs="*", metavar="NAME", help="only these (default: all)")
    for action in (add, edit, remove, listing, export):
        _common(action, suppress=True)
    p.set_defaults(run=run)
    return p


def _fields(p: argparse.ArgumentParser) -> None:
    from airdrop_desk.core.projects import event_kinds, statuses, tiers

    p.add_argument("--site", action="append", metavar="DOMAIN", help="an official domain "
                   "(repeat for several; the safe-link check trusts these)")  # fmt: skip
    p.add_argument("--status", metavar="S", help=f"one of: {', '.join(statuses())}")
    p.add_argument("--tier", metavar="T", help=f"one of: {', '.join(tiers())}")
    p.add_argument("--narrative", action="append", metavar="N", help="repeat for several")
    p.add_argument("--ecosystem", metavar="E")
    p.add_argument("--token", metavar="SYMBOL")
    p.add_argument("--description", metavar="TEXT")
    p.add_argument("--note", action="append", metavar="TEXT", help="repeat for several")
    p.add_argument("--source", action="append", metavar="URL", help="an https page citing it")
    p.add_argument("--task", action="append", metavar="TASK", help="an eligibility task")
    p.add_argument("--points", action="append", metavar="PROGRAM", help="a points program")
    p.add_argument(
        "--event",
        action="append",
        metavar="KIND=DATE[:LABEL]",
        help=f"a dated event; KIND: {', '.join(event_kinds())}",
    )
    p.add_argument("--from", dest="from_file", metavar="FILE.json", help="fields from a file")


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.projects import ProjectFieldError

    handler = {
        "add": _add,
        "edit": _edit,
        "remove": _remove,
        "list": _list,
        "export": _export,
    }[args.project_action]
    try:
        return handler(args, context)
    except ProjectFieldError as exc:
        flag = FLAGS.get(exc.field, exc.field)
        print(f"airdrop-desk project {args.project_action}: {flag}: {exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"airdrop-desk project {args.project_action}: {exc}", file=sys.stderr)
        return 1


def _now() -> str:
    from airdrop_desk.core import clock

    return clock.iso(clock.now(), "s")


def _ready(context: Context) -> Any:
    """The database with the catalog stored (names and domains are checked against it)."""
    if context.catalog_path.exists():
        context.catalog()
    return context.database()


def _add(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.own_projects import add_project
    from airdrop_desk.core.projects import ProjectDraft

    base = _from_file(args.from_file) if args.from_file else ProjectDraft(name="")
    draft = _apply(args, base, name=args.name)
    project = add_project(_ready(context), draft, _now())
    print(f"Added {project.name.name} ({project.id}).")
    return 0


def _edit(args: argparse.Namespace, context: Context) -> int:
    import dataclasses

    from airdrop_desk.catalog.own_projects import edit_project
    from airdrop_desk.core.projects import ProjectFieldError, draft_of
    from airdrop_desk.storage.projects_repo import ProjectsRepo

    db = _ready(context)
    found = ProjectsRepo(db).get(args.key)
    if found is None:
        raise ProjectFieldError("name", f"you have no project named '{args.key}'")
    base = draft_of(found.project, found.sources)
    if args.from_file:
        base = _from_file(args.from_file, base)
    empty: dict[str, Any] = {"sites": (), "narratives": (), "notes": (), "sources": (), "tasks": (),
             "points": (), "events": (), "status": None, "ecosystem": None, "token": None,
             "description": ""}  # fmt: skip
    base = dataclasses.replace(base, **{f: empty[f] for f in args.clear})
    project = edit_project(db, found.project.id, _apply(args, base, args.new_name), _now())
    print(f"Saved {project.name.name} ({project.id}).")
    return 0


def _remove(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.own_projects import remove_project

    gone = remove_project(_ready(context), args.key)
    print(
        f"Removed {gone.project.name.name}. Its checklists, points and claims are kept: "
        "add a project of the same name to see them again."
    )
    return 0


def _list(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.storage.projects_repo import ProjectsRepo

    mine = ProjectsRepo(_ready(context)).all()
    if args.format == "json":
        records = [
            {
                "id": u.project.id,
                "name": u.project.name.name,
                "official_sites": list(u.project.official_sites),
                "status": u.project.status,
                "tier": u.project.tier,
                "created_at": u.created_at,
                "updated_at": u.updated_at,
            }
            for u in mine
        ]
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for u in mine:
        sites = ", ".join(u.project.official_sites) or "no official domain"
        print(f"{u.project.name.name}  ({sites})")
    print(f"{len(mine)} project(s) of yours")
    return 0


def _export(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.catalog.own_projects import export_catalog

    count = export_catalog(_ready(context), Path(args.out), list(args.names), _now())
    print(f"Wrote {count} project(s) to {args.out}; anyone can 'airdrop-desk catalog import' it.")
    return 0


# -- reading what was typed -------------------------------------------------------------
def _apply(args: argparse.Namespace, base: ProjectDraft, name: str | None) -> ProjectDraft:
    import dataclasses

    from airdrop_desk.core.projects import parse_event, parse_points, parse_task

    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = name
    for attr, key in (("site", "sites"), ("narrative", "narratives"), ("note", "notes"),
                      ("source", "sources")):  # fmt: skip
        if getattr(args, attr):
            changes[key] = tuple(getattr(args, attr))
    for key in ("status", "tier", "ecosystem", "token", "description"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.task:
        changes["tasks"] = tuple(parse_task(t) for t in args.task)
    if args.points:
        changes["points"] = tuple(parse_points(t) for t in args.points)
    if args.event:
        changes["events"] = tuple(parse_event(t) for t in args.event)
    return dataclasses.replace(base, **changes)


def _from_file(path: str, base: ProjectDraft | None = None) -> ProjectDraft:
    """A draft from a JSON object (see FORMATS), over ``base``."""
    import dataclasses

    from airdrop_desk.core.projects import (
        EventInput,
        PointsInput,
        ProjectDraft,
        ProjectFieldError,
        parse_task,
    )

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ProjectFieldError("from", f"{path}: {exc}") from None
    if not isinstance(raw, dict):
        raise ProjectFieldError("from", f"{path}: not a JSON object")
    known = {f.name for f in dataclasses.fields(ProjectDraft)}
    unknown = set(raw) - known
    if unknown:
        raise ProjectFieldError("from", f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
    try:
        changes: dict[str, Any] = {}
        for key, value in raw.items():
            if key == "tasks":
                changes[key] = tuple(
                    parse_task(t["title"] + (f";every={t['every']}" if t.get("every") else ""))
                    if isinstance(t, dict)
                    else parse_task(str(t))
                    for t in value
                )
                changes[key] = tuple(
                    dataclasses.replace(task, detail=str(t.get("detail") or ""))
                    if isinstance(t, dict)
                    else task
                    for task, t in zip(changes[key], value, strict=True)
                )
            elif key == "points":
                changes[key] = tuple(
                    PointsInput(str(p["name"]), str(p.get("description") or "")) for p in value
                )
            elif key == "events":
                changes[key] = tuple(
                    EventInput(str(e["kind"]), str(e["date"]), str(e.get("label") or ""))
                    for e in value
                )
            elif isinstance(value, list):
                changes[key] = tuple(str(v) for v in value)
            else:
                changes[key] = None if value is None else str(value)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ProjectFieldError(
            "from", f"{path}: a field is not in the expected form ({exc})"
        ) from None
    return dataclasses.replace(base or ProjectDraft(name=""), **changes)

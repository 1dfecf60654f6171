"""``airdrop-desk projects``: the filtered catalog as a table, JSON or CSV.

Its filter flags come from the catalog field declarations (``core.fields``), as the
window's filter bar does, and go through the same filter engine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from airdrop_desk.cli.context import Context
from airdrop_desk.core.fields import CHOICES, FACETS, PROFILE, Flag


def _argument_type(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """``parse`` for argparse: its ValueError message becomes the usage error."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def _add_flag(p: argparse.ArgumentParser, flag: Flag) -> None:
    if flag.const is not None:
        p.add_argument(
            flag.option, dest=flag.key, action="store_const", const=flag.const, help=flag.help
        )
    elif flag.repeat:
        p.add_argument(
            flag.option,
            dest=flag.key,
            action="append",
            choices=flag.choices,
            default=[],
            help=flag.help,
        )
    else:
        p.add_argument(
            flag.option,
            dest=flag.key,
            metavar=flag.metavar,
            type=_argument_type(flag.parse) if flag.parse else str,
            choices=flag.choices,
            help=flag.help,
        )


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "projects",
        help="list catalog projects through the same filters as the window",
        description="List catalog projects through the same filters as the window.",
    )
    for _field, facet in FACETS:
        for flag in facet.flags:
            _add_flag(p, flag)
    p.add_argument("--profile", metavar="P", help="the profile whose status --my-status asks about")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(run=run, parser=p)
    return p


def spec_from_args(args: argparse.Namespace) -> Any:
    from airdrop_desk.core.filters import FilterSpec

    values: dict[str, Any] = {}
    for _field, facet in FACETS:
        for key in facet.filter_keys():
            value = getattr(args, key, None)
            values[key] = frozenset(value) if facet.kind == CHOICES else value
    return FilterSpec(**{k: v for k, v in values.items() if v is not None})


def _statuses(args: argparse.Namespace, context: Context) -> dict[str, dict[str, str]] | None:
    """The profile's value per project of each profile filter asked for (my status,
    eligibility), by filter key."""
    asks = [
        f.option
        for _, fc in FACETS
        if fc.kind == PROFILE and getattr(args, fc.key, None)
        for f in fc.flags
    ]
    if not asks:
        return None
    if not args.profile:
        args.parser.error(f"argument {'/'.join(asks)}: needs --profile P (whose status)")
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    repo = TrackingRepo(context.database())
    profiles = repo.profiles()
    want = args.profile.strip().casefold()
    found = next((p for p in profiles if p.name.casefold() == want), None)
    if found is None:
        known = ", ".join(sorted((p.name for p in profiles), key=str.casefold)) or "none yet"
        args.parser.error(
            f"argument --profile: no profile is named '{args.profile}' (profiles: {known})"
        )
    values = {}
    if getattr(args, "my_status", None):
        values["my_status"] = {pid: p.status for pid, p in repo.progress(found.id).items()}
    if getattr(args, "eligible", None):
        import datetime as dt

        from airdrop_desk.eligibility.matching import profile_eligibility

        ids = [r.id for r in context.catalog().rows]
        now = dt.datetime.now(dt.UTC)
        seen = profile_eligibility(repo.db, found.id, ids, now)
        values["eligible"] = {pid: e.status for pid, e in seen.items()}
    return values


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.columns import COLUMNS
    from airdrop_desk.core.filters import ProjectIndex

    spec = spec_from_args(args)
    statuses = _statuses(args, context)
    catalog = context.catalog()
    index = ProjectIndex(catalog.rows)
    for key, values in (statuses or {}).items():
        index.set_profile_values(key, values)
    matches = [catalog.rows[i] for i in index.filter(spec)]
    out = sys.stdout
    if args.format in ("json", "csv"):
        _write_records(args.format, [r.id for r in matches], catalog.docs(), out)
    else:
        rows = [[c.display(p) for c in COLUMNS] for p in matches]
        widths = [max([len(c.title)] + [len(r[i]) for r in rows]) for i, c in enumerate(COLUMNS)]
        line = "  ".join(c.title.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
        out.write(line.rstrip() + "\n")
        for r in rows:
            out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
        out.write(f"{len(matches)} of {len(catalog.rows)} projects\n")
    return 0


CSV_FIELDS = [
    "name",
    "aliases",
    "tier",
    "score",
    "score_kind",
    "narratives",
    "ecosystem",
    "competitors",
    "raised_usd",
    "valuation_usd",
    "investors",
    "token",
    "status",
]


def _write_records(fmt: str, ids: list[str], docs: Any, out: Any) -> None:
    import csv
    import json

    from airdrop_desk.core.records import project_record

    article, sources = docs.sources()
    records = [project_record(docs.project(i), article, sources) for i in ids]
    if fmt == "json":
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for record in records:
        writer.writerow(
            [
                "; ".join(v) if isinstance(v, list) else ("" if v is None else v)
                for v in (record[f] for f in CSV_FIELDS)
            ]
        )

"""``airdrop-desk projects``: the filtered catalog as a table, JSON or CSV.

Its filter flags come from the catalog field declarations (``core.fields``), as the
window's filter bar does, and go through the same filter engine. With ``--search``,
projects named exactly as typed come first, and each JSON record says in ``matched``
why it matched.
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
            metavar=flag.metavar,
            type=_argument_type(flag.parse) if flag.parse else str,
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
    from airdrop_desk.core.filters import FilterSpec, backwards

    values: dict[str, Any] = {}
    for _field, facet in FACETS:
        for key in facet.filter_keys():
            value = getattr(args, key, None)
            values[key] = frozenset(value) if facet.kind == CHOICES else value
    for facet in backwards(values):  # meant the other way round: say so, carry on
        low, high = (_flag_of(key) for key in facet.filter_keys())
        sys.stderr.write(f"note: {low} is above {high}; read the other way round\n")
    return FilterSpec(**{k: v for k, v in values.items() if v is not None})


def _flag_of(key: str) -> str:
    return next(f.option for _, fc in FACETS for f in fc.flags if f.key == key)


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
    matches = [index.rows[i] for i in index.rank(spec, index.filter(spec))]  # today's status
    out = sys.stdout
    if args.format in ("json", "csv"):
        statuses = {r.id: r.status for r in matches}
        _write_records(args.format, statuses, catalog.docs(), out, spec.text)
    else:
        # "From" only when a feed's project or one of yours is listed.
        columns = [c for c in COLUMNS if c.key != "origin" or any(c.display(p) for p in matches)]
        rows = [[c.display(p) for c in columns] for p in matches]
        widths = [max([len(c.title)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
        line = "  ".join(c.title.ljust(w) for c, w in zip(columns, widths, strict=True))
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


def _write_records(
    fmt: str, statuses: dict[str, str | None], docs: Any, out: Any, search: str
) -> None:
    """The projects of ``statuses`` (id: status today), in its order."""
    import json

    from airdrop_desk.core.filters import explain
    from airdrop_desk.core.records import project_record
    from airdrop_desk.storage.csvtext import write_csv

    ids = list(statuses)
    records = []
    for i, status in statuses.items():
        article, sources = docs.sources_of(i)
        record = project_record(docs.project(i), article, sources) | {"status": status}
        record["origin"] = docs.origin(i)  # "catalog", "yours" or the feed's name
        records.append(record)
    if fmt == "json":
        for i, record in zip(ids, records, strict=True):  # why it matched the search
            record["matched"] = [r._asdict() for r in explain(docs.project(i), search)]
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    write_csv(
        out,
        CSV_FIELDS,
        (
            ["; ".join(v) if isinstance(v, list) else v for v in (record[f] for f in CSV_FIELDS)]
            for record in records
        ),
    )

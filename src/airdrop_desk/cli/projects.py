"""``airdrop-desk projects``: the filtered catalog as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from airdrop_desk.core.columns import COLUMNS
from airdrop_desk.cli.context import Context
from airdrop_desk.core.domain import TIERS
from airdrop_desk.core.filters import FilterSpec, ProjectIndex
from airdrop_desk.core.records import project_record


def _score(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is outside 0..100")
    return value


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "projects", help="list catalog projects through the same filters as the window",
        description="List catalog projects through the same filters as the window.")
    p.add_argument("--tier", action="append", choices=TIERS, default=[],
                   help="keep this tier (repeat for several)")
    p.add_argument("--min-score", type=_score, metavar="N", help="minimum score, 0..100")
    p.add_argument("--narrative", metavar="X")
    p.add_argument("--ecosystem", metavar="X")
    p.add_argument("--investor", metavar="X")
    p.add_argument("--search", metavar="Q", default="", help="text search")
    p.add_argument("--has-points", action="store_true", help="only projects with points programs")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(run=run)
    return p


def spec_from_args(args: argparse.Namespace) -> FilterSpec:
    return FilterSpec(text=args.search, tiers=frozenset(args.tier), min_score=args.min_score,
                      narrative=args.narrative, ecosystem=args.ecosystem,
                      investor=args.investor, has_points=args.has_points)


def run(args: argparse.Namespace, context: Context) -> int:
    catalog = context.catalog()
    index = ProjectIndex(catalog.projects)
    projects = [catalog.projects[i] for i in index.filter(spec_from_args(args))]
    out = sys.stdout
    if args.format == "json":
        sources = {s.id: s for s in catalog.sources}
        json.dump([project_record(p, catalog, sources) for p in projects], out,
                  indent=2, ensure_ascii=False)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        fields = ["name", "aliases", "tier", "score", "score_kind", "narratives", "ecosystem",
                  "competitors", "raised_usd", "valuation_usd", "investors", "token", "status"]
        writer.writerow(fields)
        for p in projects:
            record = project_record(p, catalog)
            writer.writerow(["; ".join(v) if isinstance(v, list) else ("" if v is None else v)
                             for v in (record[f] for f in fields)])
    else:
        rows = [[c.display(p) for c in COLUMNS] for p in projects]
        widths = [max([len(c.title)] + [len(r[i]) for r in rows]) for i, c in enumerate(COLUMNS)]
        line = "  ".join(c.title.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
        out.write(line.rstrip() + "\n")
        for r in rows:
            out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
                      + "\n")
        out.write(f"{len(projects)} of {len(catalog.projects)} projects\n")
    return 0

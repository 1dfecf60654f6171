"""``airdrop-desk projects``: the filtered catalog as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from airdrop_desk.cli.context import Context
from airdrop_desk.core.vocab import TIERS


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
        "projects",
        help="list catalog projects through the same filters as the window",
        description="List catalog projects through the same filters as the window.",
    )
    p.add_argument(
        "--tier",
        action="append",
        choices=TIERS,
        default=[],
        help="keep this tier (repeat for several)",
    )
    p.add_argument("--min-score", type=_score, metavar="N", help="minimum score, 0..100")
    p.add_argument("--narrative", metavar="X")
    p.add_argument("--ecosystem", metavar="X")
    p.add_argument("--investor", metavar="X")
    p.add_argument("--search", metavar="Q", default="", help="text search")
    p.add_argument("--has-points", action="store_true", help="only projects with points programs")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(run=run)
    return p


def spec_from_args(args: argparse.Namespace) -> Any:
    from airdrop_desk.core.filters import FilterSpec

    return FilterSpec(
        text=args.search,
        tiers=frozenset(args.tier),
        min_score=args.min_score,
        narrative=args.narrative,
        ecosystem=args.ecosystem,
        investor=args.investor,
        has_points=args.has_points,
    )


def run(args: argparse.Namespace, context: Context) -> int:
    from airdrop_desk.core.columns import COLUMNS
    from airdrop_desk.core.filters import ProjectIndex

    catalog = context.catalog()
    index = ProjectIndex(catalog.rows)
    matches = [catalog.rows[i] for i in index.filter(spec_from_args(args))]
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
    import json

    from airdrop_desk.core.records import project_record
    from airdrop_desk.storage.csvtext import write_csv

    article, sources = docs.sources()
    records = [project_record(docs.project(i), article, sources) for i in ids]
    if fmt == "json":
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

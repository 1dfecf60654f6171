"""resources/catalog/catalog.schema.json is what the domain types say a catalog is."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_schema_file_is_current() -> None:
    generate = runpy.run_path(str(ROOT / "packaging" / "catalog_schema.py"))
    written = (ROOT / "resources" / "catalog" / "catalog.schema.json").read_text(encoding="utf-8")
    assert written == generate["schema_text"](), "run python packaging/catalog_schema.py"


def test_the_schema_names_the_lifecycle_and_the_bounds() -> None:
    schema = json.loads((ROOT / "resources" / "catalog" / "catalog.schema.json").read_text())
    project = schema["$defs"]["Project"]["properties"]
    statuses = next(o for o in project["status"]["anyOf"] if "enum" in o)["enum"]
    assert sorted(statuses) == sorted(
        [
            "rumoured",
            "farming",
            "snapshot taken",
            "claim open",
            "airdropped",
            "token sale",
            "no token",
            "no airdrop confirmed",
        ]
    )
    usd = schema["$defs"]["Amount"]["properties"]["usd"]
    assert (usd["minimum"], usd["maximum"]) == (0, 10**13)

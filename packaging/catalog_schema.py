"""Write resources/catalog/catalog.schema.json from the catalog's domain types.

    python packaging/catalog_schema.py

The JSON Schema is for people and editors writing catalog files (feeds, exports); the
app itself validates with the domain types (``core/domain.py``). A test fails when the
file and the types disagree, so run this after changing them.
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from airdrop_desk.core.domain import Catalog

TARGET = Path(__file__).resolve().parents[1] / "resources" / "catalog" / "catalog.schema.json"


def schema_text() -> str:
    schema = msgspec.json.schema(Catalog)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(schema_text(), encoding="utf-8")
    print(TARGET)

"""Malformed catalog updates: each is refused with a message naming the problem, and the data
folder keeps every byte (hash of every file before and after).

The files are generated here from the bundled catalog: truncated at many offsets, a wrong
type in every kind of field, huge strings, wrong encodings, duplicate ids, unknown schema
versions, garbage, nesting bombs, broken links and one 50 MB file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from data_helpers import folder_state, make_data

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.catalog.update import import_update
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path

RAW = bundled_catalog_path().read_bytes()
DOC = json.loads(RAW)
MB = 1024 * 1024
Case = tuple[str, Callable[[], bytes], str]  # id, make the file, expected text in the message


def edited(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        doc = json.loads(RAW)
        change(doc)
        return json.dumps(doc).encode("utf-8")

    return make


def top(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc.__setitem__(key, value)


def project(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc["projects"][0].__setitem__(key, value)


def cases() -> list[Case]:
    found: list[Case] = []
    for k in range(1, 40):  # cut anywhere: inside strings, numbers, between tokens
        offset = len(RAW) * k // 40
        found.append((f"truncated-at-{offset}", lambda o=offset: RAW[:o], "not valid JSON"))
    for i, (key, value, expected) in enumerate(
        [
            ("schema_version", "1", "field 'schema_version'"),
            ("schema_version", 1.5, "field 'schema_version'"),
            ("schema_version", None, "field 'schema_version'"),
            ("catalog_version", 5, "field 'catalog_version'"),
            ("catalog_version", "", "field 'catalog_version'"),
            ("article_source", ["article"], "field 'article_source'"),
            ("article_source", "Not An Id", "field 'article_source'"),
            ("sources", {}, "field 'sources'"),
            ("sources", [1], "field 'sources[0]'"),
            ("projects", "all of them", "field 'projects'"),
            ("projects", [None], "project '#1'"),
            ("projects", [[]], "project '#1'"),
            ("unexpected", True, "unknown field 'unexpected'"),
        ]
    ):
        found.append((f"top-{i}-{key}", edited(top(key, value)), expected))
    for i, (key, value) in enumerate(
        [
            ("id", 5),
            ("id", "Not An Id"),
            ("name", "Starknet"),
            ("name", {}),
            ("tier", "legendary"),
            ("tier", 1),
            ("description", ""),
            ("description", 5),
            ("status", "moon"),
            ("score", "high"),
            ("score", {"value": 101, "kind": "tech score"}),
            ("score", {"value": 50, "kind": "vibes"}),
            ("narratives", "ZK"),
            ("narratives", [1]),
            ("ecosystem", 5),
            ("competitors", {}),
            ("raised", {"usd": -5, "wording": "x"}),
            ("valuation", "big"),
            ("investors", [{"nom": "x"}]),
            ("token", {"symbol": "strk", "sources": ["article"]}),
            ("official_sites", ["not a domain"]),
            ("events", [{"kind": "party", "date": "2024", "label": "x", "sources": ["article"]}]),
            (
                "events",
                [{"kind": "tge", "date": "24/02/2024", "label": "x", "sources": ["article"]}],
            ),
            ("points_programs", "lots"),
            ("task_templates", [{"id": "a"}]),
            ("facts", [{"text": "x", "sources": []}]),
            ("unconfirmed", [5]),
            ("corrections", 5),
            ("aliases", "x"),
            ("testnet", 5),
            ("notes", [""]),
            ("conflicts", {}),
            ("moon", 1),
        ]
    ):
        expected = {"id": "field 'id'", "moon": "unknown field 'moon'"}.get(
            key, "project 'starknet'"
        )
        found.append((f"project-{i}-{key}", edited(project(key, value)), expected))
    huge = "x" * (10 * MB)
    for name, change in [
        ("description", project("description", huge)),
        ("name", project("name", {"name": huge})),
        ("catalog_version", top("catalog_version", huge)),
        ("source-title", lambda d: d["sources"][0].__setitem__("title", huge)),
        ("id", project("id", huge)),
    ]:
        found.append(
            (
                f"huge-10MB-{name}",
                edited(change),
                "expected text of at most" if name != "id" else "project '#1': field 'id'",
            )
        )
    text = RAW.decode("utf-8")
    for name, blob, expected in [
        ("utf-16", text.encode("utf-16"), "UTF-16"),
        ("utf-16-be", b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16"),
        ("utf-32", text.encode("utf-32"), "UTF-16"),  # its BOM starts like UTF-16's
        ("utf-16-no-bom", text.encode("utf-16-le"), "not valid JSON"),
        (
            "latin-1-byte",
            RAW.replace(b'"description": "', b'"description": "caf\xe9 ', 1),
            "not UTF-8 text (byte 0xe9",
        ),
        (
            "cp1252-quotes",
            RAW.replace(b'"description": "', b'"description": "\x93q\x94', 1),
            "not UTF-8 text (byte 0x93",
        ),
    ]:
        found.append((f"encoding-{name}", lambda b=blob: b, expected))
    found += [
        (
            "duplicate-project-id",
            edited(lambda d: d["projects"].append(dict(d["projects"][0]))),
            "used twice",
        ),
        (
            "duplicate-source-id",
            edited(lambda d: d["sources"].append(dict(d["sources"][1]))),
            "used twice",
        ),
        (
            "duplicate-task-id",
            edited(
                lambda d: next(p for p in d["projects"] if p.get("task_templates"))[
                    "task_templates"
                ].append(
                    next(p for p in d["projects"] if p.get("task_templates"))["task_templates"][0]
                )
            ),
            "two tasks share an id",
        ),
    ]
    for version in (0, 2, 99, -1):
        found.append(
            (
                f"schema-version-{version}",
                edited(top("schema_version", version)),
                f"schema version {version} is not supported",
            )
        )
    rng = random.Random(6)
    for name, blob, expected in [
        ("empty", b"", "empty"),
        ("whitespace", b" \n\t \r\n", "empty"),
        ("nul-bytes", b"\x00" * 100, "not valid JSON"),
        ("null", b"null", "expected an object"),
        ("array", b"[]", "expected an object"),
        ("number", b"42", "expected an object"),
        ("string", b'"catalog"', "expected an object"),
        ("png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(500), "not valid JSON"),
        ("zip", b"PK\x03\x04" + rng.randbytes(500), "not valid JSON"),
        *((f"random-{i}", rng.randbytes(1000 * (i + 1)), "") for i in range(5)),
    ]:
        found.append((f"garbage-{name}", lambda b=blob: b, expected))
    deep = 100_000
    for name, blob in [
        ("arrays", b"[" * deep + b"]" * deep),
        ("objects", b'{"a":' * deep + b"1" + b"}" * deep),
        ("in-sources", RAW.replace(b'"sources": [', b'"sources": [' + b"[" * deep, 1)),
        (
            "in-project-notes",
            json.dumps({**DOC, "projects": [{**DOC["projects"][0], "notes": "@"}]})
            .encode()
            .replace(b'"@"', b"[" * deep + b"]" * deep),
        ),
        ("unknown-key", RAW.replace(b"{", b'{"deep": ' + b"[" * deep, 1)),
    ]:
        found.append((f"depth-bomb-{name}", lambda b=blob: b, ""))
    found += [
        ("unknown-article-source", edited(top("article_source", "nobody")), "unknown source"),
        (
            "unknown-competitor",
            edited(project("competitors", [{"name": "Ghost", "project_id": "ghost-chain"}])),
            "unknown project 'ghost-chain'",
        ),
        (
            "plain-http-source",
            edited(lambda d: d["sources"][1].__setitem__("url", "http://example.com")),
            "https://",
        ),
        (
            "unknown-status-source",
            edited(project("status_sources", ["nowhere"])),
            "unknown source 'nowhere'",
        ),
        (
            "impossible-date",
            edited(
                project(
                    "events",
                    [{"kind": "tge", "date": "2024-02-30", "label": "TGE", "sources": ["article"]}],
                )
            ),
            "not a real date",
        ),
    ]
    return found


CASES = cases()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict[str, str]]:
    paths = make_data(tmp_path_factory.mktemp("malformed-catalog") / "data")
    return paths, folder_state(paths.data_dir)


def refused(world: tuple[Paths, dict[str, str]], file: Path, expected: str) -> str:
    paths, state = world
    with pytest.raises(CatalogError) as caught:
        import_update(paths, str(file))
    message = str(caught.value)
    assert "\n" not in message and message.startswith(file.name)
    assert expected in message
    assert folder_state(paths.data_dir) == state, "the data folder changed"
    return message


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 120 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_malformed_catalog_is_refused(
    world: tuple[Paths, dict[str, str]], tmp_path: Path, make: Callable[[], bytes], expected: str
) -> None:
    file = tmp_path / "update.json"
    file.write_bytes(make())
    message = refused(world, file, expected)
    assert len(message) < 2000


def test_a_50_mb_catalog_is_refused(world: tuple[Paths, dict[str, str]], tmp_path: Path) -> None:
    doc = json.loads(RAW)
    doc["projects"][0]["description"] = "y" * (50 * MB)
    file = tmp_path / "big.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    assert file.stat().st_size > 50 * MB
    refused(world, file, "project 'starknet': field 'description'")


def test_a_missing_file_is_named(world: tuple[Paths, dict[str, str]], tmp_path: Path) -> None:
    paths, state = world
    with pytest.raises(CatalogError, match="cannot read the file"):
        import_update(paths, str(tmp_path / "nowhere.json"))
    assert folder_state(paths.data_dir) == state

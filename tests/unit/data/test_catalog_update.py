"""Catalog updates: validate first, store as a new version, show what changed, roll back."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from data_helpers import folder_state

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.catalog.update import (
    changes_since_last_open,
    download,
    import_update,
    list_versions,
    rollback,
)
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path

BUNDLED = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))


def updated_catalog() -> dict[str, Any]:
    """The bundled catalog a week later: a new project, one gone, tier/score/status/date moves."""
    doc = json.loads(json.dumps(BUNDLED))
    doc["catalog_version"] = "2026.12.20"
    projects = {p["id"]: p for p in doc["projects"]}
    projects["starknet"]["tier"] = "past"
    projects["peaq"]["score"]["value"] = 95
    projects["aztec"]["status"] = "airdropped"
    dated = next(p for p in doc["projects"] if p.get("events"))
    dated["events"][0]["date"] = "2031-02-03"
    doc["projects"] = [p for p in doc["projects"] if p["id"] != "uniswap"]
    doc["projects"].append(
        {
            "id": "newchain",
            "name": {"name": "New Chain"},
            "tier": "possible",
            "description": "A chain announced this week.",
        }
    )
    return doc


def write(path: Path, doc: dict[str, Any]) -> str:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def tracked(paths: Paths) -> list[tuple[str, str | None]]:
    """The user's tracked projects joined to the active catalog by project id."""
    conn = sqlite3.connect(paths.database)
    try:
        active = conn.execute(
            "SELECT value FROM settings WHERE key = 'catalog.active_version'"
        ).fetchone()[0]
        return conn.execute(
            "SELECT t.project_id, c.tier FROM tracked_projects t LEFT JOIN catalog_projects c "
            "ON c.id = t.project_id AND c.version_id = ? ORDER BY t.id",
            [active],
        ).fetchall()
    finally:
        conn.close()


def test_an_update_is_stored_as_a_version_and_says_what_changed(
    data: Paths, tmp_path: Path
) -> None:
    result = import_update(
        data, write(tmp_path / "new.json", updated_catalog()), allow_removals=True
    )
    assert result.stored and result.version.catalog_version == "2026.12.20"
    assert result.previous is not None and result.previous.catalog_version == "2026.12.06"
    diff = result.diff
    assert diff.added == [("newchain", "New Chain")]
    assert diff.removed == [("uniswap", "Uniswap")]
    changes = {(c.project_id, c.field): (c.old, c.new) for c in diff.changed}
    assert changes[("starknet", "tier")] == ("Confirmed", "Past airdrop")
    assert changes[("peaq", "score")] == ("89", "95")
    assert changes[("aztec", "status")] == ("token sale", "airdropped")
    assert any(
        f.startswith("date of ") and new == "2031-02-03" for (_, f), (_, new) in changes.items()
    )
    text = diff.summary()
    dated = next(p["id"] for p in BUNDLED["projects"] if p.get("events"))
    touched = len({"starknet", "peaq", "aztec", dated})
    assert text.splitlines()[0] == (
        f"Catalog 2026.12.06 → 2026.12.20: 1 new project, 1 removed, {touched} changed."
    )
    assert "New: New Chain" in text and "Removed: Uniswap" in text
    assert "Starknet: tier Confirmed → Past airdrop" in text
    versions, active = list_versions(data)
    assert [v.catalog_version for v in versions] == ["2026.12.06", "2026.12.20"]
    assert active == versions[-1].id


def test_user_records_stay_attached_across_versions_and_rollback(
    data: Paths, tmp_path: Path
) -> None:
    assert tracked(data) == [("starknet", "confirmed"), ("scroll", "likely")]
    import_update(data, write(tmp_path / "new.json", updated_catalog()), allow_removals=True)
    assert tracked(data) == [("starknet", "past"), ("scroll", "likely")]
    back = rollback(data)
    assert back.version.catalog_version == "2026.12.06"
    assert ("starknet", "tier") in {(c.project_id, c.field) for c in back.diff.changed}
    assert tracked(data) == [("starknet", "confirmed"), ("scroll", "likely")]
    with pytest.raises(CatalogError, match="no earlier catalog version"):
        rollback(data)
    # The same file again is not stored twice: its version becomes active again.
    again = import_update(data, str(tmp_path / "new.json"), allow_removals=True)
    assert not again.stored and again.version.catalog_version == "2026.12.20"
    assert len(list_versions(data)[0]) == 2


def test_changes_since_last_open(data: Paths, tmp_path: Path) -> None:
    assert changes_since_last_open(data) is None  # the first start has nothing to compare
    assert changes_since_last_open(data) is None
    from airdrop_desk.catalog.update import fetch_and_validate
    from airdrop_desk.storage.catalog_repo import import_catalog
    from airdrop_desk.storage.db import open_database

    # A new catalog arrives without the user seeing it (e.g. an app update at start-up).
    checked = fetch_and_validate(write(tmp_path / "new.json", updated_catalog()))
    db = open_database(data.database, data.backups)
    import_catalog(db, checked.catalog, checked.sha256, checked.name)
    db.close()
    diff = changes_since_last_open(data)
    assert diff is not None and diff.new_label == "2026.12.20"
    assert diff.added == [("newchain", "New Chain")]
    assert changes_since_last_open(data) is None  # seen now
    rollback(data)  # seen as part of the rollback
    assert changes_since_last_open(data) is None


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and self.path != "/unsized":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    body = json.dumps(updated_catalog()).encode()
    _Handler.routes = {
        "/catalog.json": (200, {}, body),
        "/moved": (302, {"Location": "/catalog.json"}, b""),
        "/to-plain-http": (302, {"Location": "http://example.com/catalog.json"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/huge": (200, {"Content-Length": str(10**9)}, b""),
        "/broken.json": (200, {}, body[: len(body) // 2]),
        "/slow": (200, {}, body),
        "/unsized": (200, {}, body),  # HTTP/1.0 without a length: ends when the server closes
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_update_from_a_url_reports_progress(data: Paths, server: str) -> None:
    seen: list[tuple[int, int | None]] = []
    result = import_update(
        data,
        f"{server}/moved",
        progress=lambda n, t: seen.append((n, t)),
        allow_removals=True,
    )
    assert result.version.catalog_version == "2026.12.20"
    assert result.version.origin == f"{server}/moved"
    assert seen and seen[-1][0] == seen[-1][1]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404"),
        ("/to-plain-http", "only https:// addresses"),
        ("/loop", "more than 5 redirects"),
        ("/huge", "the limit is"),
        ("/broken.json", "not valid JSON"),
        ("/slow", "did not answer within 0.5 seconds"),
    ],
)
def test_a_bad_download_changes_nothing(data: Paths, server: str, path: str, message: str) -> None:
    before = folder_state(data.data_dir)
    with pytest.raises(CatalogError) as caught:
        import_update(data, server + path, timeout=0.5)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert folder_state(data.data_dir) == before


def test_only_https_or_loopback_addresses_are_fetched() -> None:
    for url in (
        "http://example.com/c.json",
        "ftp://example.com/c.json",
        "file:///etc/passwd",
        "https:///no-host",
    ):
        with pytest.raises(CatalogError, match="only https://"):
            download(url)


def test_the_download_limit_counts_bytes_without_a_declared_size(server: str) -> None:
    with pytest.raises(CatalogError, match="over the limit of 1,000 bytes"):
        download(f"{server}/unsized", limit=1000)


def gzipped(chunks: Iterator[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: with a gzip header
    return b"".join([*(packer.compress(c) for c in chunks), packer.flush()])


def test_a_gzip_packed_download_is_unpacked(data: Paths, server: str) -> None:
    body = json.dumps(updated_catalog()).encode()
    _Handler.routes["/packed.json"] = (200, {"Content-Encoding": "gzip"}, gzipped(iter([body])))
    result = import_update(data, f"{server}/packed.json", allow_removals=True)
    assert result.version.catalog_version == "2026.12.20"


def test_a_gzip_bomb_stops_at_the_limit_without_holding_what_it_unpacks_to(
    data: Paths, server: str
) -> None:
    # 450 MB of zeros in about 450 KB: over the 256 MiB limit once unpacked
    bomb = gzipped(bytes(1024 * 1024) for _ in range(450))
    assert len(bomb) < 1024 * 1024
    _Handler.routes["/bomb.json"] = (200, {"Content-Encoding": "gzip"}, bomb)
    before = folder_state(data.data_dir)
    tracemalloc.start()
    try:
        with pytest.raises(CatalogError) as caught:
            import_update(data, f"{server}/bomb.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "unpacks to over the limit of 268,435,456 bytes" in str(caught.value)
    assert peak < 64 * 1024 * 1024, f"{peak:,} bytes at the peak"
    assert folder_state(data.data_dir) == before


@pytest.mark.parametrize(
    ("encoding", "body", "message"),
    [
        ("gzip", gzipped(iter([b'{"x": 1}']))[:-12], "ends too early"),
        ("gzip", b"not gzip at all", "damaged"),
        ("br", b"\x0b\x02\x80{}\x03", "packed as 'br', not gzip"),
    ],
)
def test_a_badly_packed_download_is_refused(
    server: str, encoding: str, body: bytes, message: str
) -> None:
    _Handler.routes["/odd.json"] = (200, {"Content-Encoding": encoding}, body)
    with pytest.raises(CatalogError, match=message):
        download(f"{server}/odd.json")

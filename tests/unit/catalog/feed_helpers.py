"""A loopback feed server and real minisign keys for the feed tests.

Keys are made with the ``minisign`` tool in the test's own folder, never committed. The
server serves whatever the test puts at a path, and can misbehave on purpose: drip bytes,
hang, redirect, or announce more bytes than it sends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from airdrop_desk.resources import bundled_catalog_path

BUNDLED = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
MINISIGN = shutil.which("minisign")
# Skipped on a developer's machine without the tool; under CI a missing tool fails instead,
# so a lost install step shows.
needs_minisign = pytest.mark.skipif(
    MINISIGN is None and os.environ.get("CI", "").lower() not in ("1", "true", "yes"),
    reason="the minisign tool is not installed (apt-get install minisign)",
)


@dataclass
class Keys:
    """A minisign key pair made by the real tool: ``public`` is the RW… line."""

    folder: Path
    password: str | None = None

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        args = [MINISIGN or "minisign", "-G", "-p", str(self.pub), "-s", str(self.secret)]
        if self.password is None:
            args.insert(2, "-W")
            stdin = None
        else:
            stdin = f"{self.password}\n{self.password}\n"
        subprocess.run(args, input=stdin, text=True, check=True, capture_output=True)

    @property
    def pub(self) -> Path:
        return self.folder / "feed.pub"

    @property
    def secret(self) -> Path:
        return self.folder / "feed.key"

    @property
    def public(self) -> str:
        return self.pub.read_text(encoding="utf-8").splitlines()[1].strip()

    def sign(self, data: bytes, legacy: bool = False) -> bytes:
        """The .minisig bytes the minisign tool makes for ``data``."""
        target = self.folder / "catalog.json"
        target.write_bytes(data)
        args = [MINISIGN or "minisign", "-S", "-s", str(self.secret), "-m", str(target)]
        if legacy:
            args.append("-l")
        stdin = None if self.password is None else f"{self.password}\n"
        subprocess.run(args, input=stdin, text=True, check=True, capture_output=True)
        return (self.folder / "catalog.json.minisig").read_bytes()


def feed_catalog(version: str = "2026.12.1", expires: str = "2099-01-01", **extra: Any) -> bytes:
    """A feed's file: two projects of its own, with a version and an expiry."""
    doc: dict[str, Any] = {
        "schema_version": BUNDLED["schema_version"],
        "catalog_version": version,
        "expires": expires,
        "article_source": "feed",
        "sources": [{"id": "feed", "title": "Feed notes", "date": "2026-12-01"}],
        "projects": [
            {
                "id": "quarry",
                "name": {"name": "Quarry"},
                "tier": "possible",
                "description": "A points program, live.",
                "official_sites": ["quarry.example"],
            },
            {
                "id": "lantern",
                "name": {"name": "Lantern"},
                "tier": "possible",
                "description": "A testnet, live.",
            },
        ],
    }
    doc.update(extra)
    return json.dumps(doc).encode()


@dataclass
class Route:
    body: bytes
    mode: str = "plain"  # plain | drip | hang | truncate | redirect
    location: str = ""


@dataclass
class FeedServer:
    """An HTTP server on 127.0.0.1; ``routes[path]`` is what a GET of ``path`` gets."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    base: str = ""

    def put(self, path: str, body: bytes, mode: str = "plain", location: str = "") -> str:
        self.routes[path] = Route(body, mode, location)
        return self.base + path

    def publish(self, path: str, keys: Keys, data: bytes) -> str:
        """The file and its signature made by the real minisign tool."""
        self.put(path + ".minisig", keys.sign(data))
        return self.put(path, data)


def serve() -> tuple[FeedServer, ThreadingHTTPServer]:
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            state.hits.append(self.path)
            route = state.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.mode == "redirect":
                self.send_response(302)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            size = len(route.body) * (2 if route.mode == "truncate" else 1)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            try:
                if route.mode == "hang":
                    time.sleep(3)
                elif route.mode == "drip":
                    for i in range(len(route.body)):
                        self.wfile.write(route.body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(0.05)
                        if i > 100:
                            return
                self.wfile.write(route.body)
                self.wfile.flush()
                if route.mode == "truncate":
                    self.close_connection = True
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return state, server

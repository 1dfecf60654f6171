"""Signed catalog feeds: subscribe with a pinned key, apply newer files, refuse the rest."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from feed_helpers import MINISIGN, FeedServer, Keys, feed_catalog, needs_minisign, serve

from airdrop_desk.catalog.errors import CatalogError
from airdrop_desk.catalog.feeds import (
    FeedRefused,
    add_feed,
    check_due,
    check_feed,
    list_feeds,
    remove_feed,
    version_key,
)
from airdrop_desk.catalog.minisign import SignatureError, parse_public_key, verify
from airdrop_desk.catalog.sync import ensure_catalog
from airdrop_desk.paths import Paths
from airdrop_desk.resources import bundled_catalog_path

pytestmark = needs_minisign
NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    state, http = serve()
    try:
        yield state
    finally:
        http.shutdown()
        http.server_close()


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    return Keys(tmp_path / "keys")


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    found = Paths(tmp_path / "data")
    ensure_catalog(found, bundled_catalog_path())
    return found


def stored(paths: Paths) -> list[tuple[str, str, str]]:
    """Every feed version stored: (feed, catalog version, verification)."""
    conn = sqlite3.connect(paths.database)
    try:
        return conn.execute(
            "SELECT feed, catalog_version, verification FROM catalog_versions "
            "WHERE feed IS NOT NULL ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def feed_projects(paths: Paths) -> list[str]:
    conn = sqlite3.connect(paths.database)
    try:
        return [
            row[0]
            for row in conn.execute(
                "SELECT p.id FROM catalog_projects p JOIN catalog_versions v "
                "ON v.id = p.version_id WHERE v.feed IS NOT NULL ORDER BY p.position"
            )
        ]
    finally:
        conn.close()


def subscribe(paths: Paths, server: FeedServer, keys: Keys, **kw: Any) -> str:
    url = server.publish("/feed.json", keys, feed_catalog())
    add_feed(paths, url, keys.public, "Points watch", now=NOW, **kw)
    return url


# -- minisign, both ways against the real tool ------------------------------------------


@pytest.mark.parametrize("legacy", [False, True])
def test_a_signature_made_by_minisign_verifies(keys: Keys, legacy: bool) -> None:
    data = feed_catalog()
    comment = verify(data, keys.sign(data, legacy), parse_public_key(keys.public), "f")
    assert "timestamp:" in comment
    with pytest.raises(SignatureError, match="does not match") as info:
        verify(data + b" ", keys.sign(data, legacy), parse_public_key(keys.public), "f")
    assert info.value.kind == "mismatch"


def test_an_altered_trusted_comment_is_refused(keys: Keys) -> None:
    data = feed_catalog()
    lines = keys.sign(data).splitlines()
    lines[2] = lines[2] + b" (edited)"
    with pytest.raises(SignatureError, match="does not match"):
        verify(data, b"\n".join(lines), parse_public_key(keys.public), "f")


def test_the_pub_file_and_the_rw_line_are_the_same_key(keys: Keys) -> None:
    from_file = parse_public_key(keys.pub.read_text(encoding="utf-8"))
    assert from_file == parse_public_key(keys.public)
    # The id minisign itself prints for the key (hex, no leading zeros).
    assert f"minisign public key {from_file.key_id}\n" in keys.pub.read_text(encoding="utf-8")
    for bad in ("", "RWnot-base64", "hello world", "RU" + keys.public[2:]):
        with pytest.raises(SignatureError, match="not a minisign public key"):
            parse_public_key(bad)


@pytest.mark.parametrize("password", [None, "correct horse"])
def test_catalog_sign_is_verified_by_minisign(tmp_path: Path, password: str | None) -> None:
    keys = Keys(tmp_path / "keys", password=password)
    target = tmp_path / "catalog.json"
    target.write_bytes(feed_catalog())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "airdrop_desk",
            "catalog",
            "sign",
            str(target),
            "--key",
            str(keys.secret),
        ],
        input=f"{password}\n" if password else "",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote catalog.json.minisig" in done.stdout
    checked = subprocess.run(
        [MINISIGN or "minisign", "-V", "-p", str(keys.pub), "-m", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "Signature and comment signature verified" in checked.stdout


def test_catalog_sign_refuses_a_wrong_password_and_a_file_without_expiry(tmp_path: Path) -> None:
    keys = Keys(tmp_path / "keys", password="right")
    target = tmp_path / "catalog.json"
    target.write_bytes(feed_catalog())
    command = [
        sys.executable,
        "-m",
        "airdrop_desk",
        "catalog",
        "sign",
        str(target),
        "--key",
        str(keys.secret),
    ]
    wrong = subprocess.run(command, input="wrong\n", capture_output=True, text=True, check=False)
    assert wrong.returncode == 1 and "wrong password" in wrong.stderr
    assert not (tmp_path / "catalog.json.minisig").exists()
    doc = json.loads(feed_catalog())
    del doc["expires"]
    target.write_text(json.dumps(doc), encoding="utf-8")
    done = subprocess.run(command, input="right\n", capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "expires" in done.stderr


# -- subscribing and checking -----------------------------------------------------------


def test_subscribing_stores_the_feed_and_its_projects(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    subscribe(paths, server, keys)
    [feed] = list_feeds(paths)
    assert (feed.name, feed.catalog_version, feed.expires) == (
        "Points watch",
        "2026.12.1",
        "2099-01-01",
    )
    assert feed.key_id == parse_public_key(keys.public).key_id and feed.outcome == "applied"
    assert stored(paths) == [("Points watch", "2026.12.1", "signed")]
    assert feed_projects(paths) == ["quarry", "lantern"]


def test_a_newer_file_replaces_the_older_and_says_what_changed(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    subscribe(paths, server, keys)
    doc = json.loads(feed_catalog("2026.12.10"))
    doc["projects"][0]["name"]["name"] = "Quarry Points"
    doc["projects"].pop(1)
    server.publish("/feed.json", keys, json.dumps(doc).encode())
    result = check_feed(paths, "points watch", now=NOW)
    assert result.outcome == "applied"
    assert result.diff is not None
    assert result.diff.removed == [("lantern", "Lantern")]
    assert "Quarry Points: name Quarry → Quarry Points" in result.diff.lines()
    assert stored(paths) == [("Points watch", "2026.12.10", "signed")]  # the older is gone
    again = check_feed(paths, "Points watch", now=NOW)
    assert again.outcome == "current" and stored(paths)[0][1] == "2026.12.10"


def refusal(paths: Paths, result: Any) -> str:
    """The refusal's kind, after checking that nothing but the last check changed."""
    assert result.outcome == "refused", result
    assert stored(paths) == [("Points watch", "2026.12.1", "signed")]
    [feed] = list_feeds(paths)
    assert feed.catalog_version == "2026.12.1" and feed.outcome == "refused"
    assert feed.message == result.message
    return str(result.kind)


def test_a_file_that_does_not_match_its_signature_is_refused(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    subscribe(paths, server, keys)
    newer = feed_catalog("2026.12.2")
    server.put("/feed.json.minisig", keys.sign(newer))
    server.put("/feed.json", newer.replace(b"A points program", b"A drainer program"))
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "signature"
    assert "does not match" in result.message


def test_a_missing_signature_is_refused(paths: Paths, server: FeedServer, keys: Keys) -> None:
    subscribe(paths, server, keys)
    server.put("/feed.json", feed_catalog("2026.12.2"))
    del server.routes["/feed.json.minisig"]
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "signature" and "no signature" in result.message


def test_a_file_signed_with_another_key_is_refused(
    paths: Paths, server: FeedServer, keys: Keys, tmp_path: Path
) -> None:
    subscribe(paths, server, keys)
    other = Keys(tmp_path / "other")
    server.publish("/feed.json", other, feed_catalog("2026.12.2"))
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "key" and "another key" in result.message


@pytest.mark.parametrize("version", ["2026.12.1.0", "2026.12.0", "2026.9.30", "2025.12.31"])
def test_an_older_or_equal_version_is_a_rollback(
    paths: Paths, server: FeedServer, keys: Keys, version: str
) -> None:
    subscribe(paths, server, keys)
    server.publish("/feed.json", keys, feed_catalog(version).replace(b"live.", b"live!"))
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "rollback" and "not newer" in result.message


def test_versions_compare_as_numbers() -> None:
    assert version_key("2026.12.10") > version_key("2026.12.9")  # type: ignore[operator]
    assert version_key("2026.12") is not None and version_key("v2") is None


def test_an_expired_file_is_refused(paths: Paths, server: FeedServer, keys: Keys) -> None:
    subscribe(paths, server, keys)
    server.publish("/feed.json", keys, feed_catalog("2026.12.2", expires="2026-12-05"))
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "expired" and "expired on 2026-12-05" in result.message


def test_a_file_over_the_size_cap_is_refused(paths: Paths, server: FeedServer, keys: Keys) -> None:
    subscribe(paths, server, keys)
    server.publish("/feed.json", keys, feed_catalog("2026.12.2"))
    result = check_feed(paths, "Points watch", now=NOW, limit=200)
    assert refusal(paths, result) == "size" and "size cap" in result.message


def test_a_redirect_to_another_host_is_refused_and_to_the_same_one_followed(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    subscribe(paths, server, keys)
    port = server.base.rsplit(":", 1)[1]
    server.publish("/moved.json", keys, feed_catalog("2026.12.2"))
    server.put("/feed.json", b"", "redirect", f"http://localhost:{port}/moved.json")
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "redirect" and "another host" in result.message
    server.put("/feed.json", b"", "redirect", "/moved.json")
    server.put("/feed.json.minisig", b"", "redirect", "/moved.json.minisig")
    assert check_feed(paths, "Points watch", now=NOW).outcome == "applied"


@pytest.mark.parametrize("mode", ["drip", "hang"])
def test_a_feed_that_stalls_stops_at_the_deadline(
    paths: Paths, server: FeedServer, keys: Keys, mode: str
) -> None:
    subscribe(paths, server, keys)
    newer = feed_catalog("2026.12.2")
    server.put("/feed.json.minisig", keys.sign(newer))
    server.put("/feed.json", newer, mode)
    result = check_feed(paths, "Points watch", now=NOW, deadline=1.0, timeout=0.5)
    assert refusal(paths, result) == "deadline"


def test_a_truncated_download_is_refused(paths: Paths, server: FeedServer, keys: Keys) -> None:
    subscribe(paths, server, keys)
    server.publish("/feed.json", keys, feed_catalog("2026.12.2"))
    server.routes["/feed.json"].mode = "truncate"
    result = check_feed(paths, "Points watch", now=NOW, timeout=2)
    assert refusal(paths, result) == "truncated" and "cut short" in result.message


def test_an_invalid_catalog_is_refused_even_when_signed(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    subscribe(paths, server, keys)
    doc = json.loads(feed_catalog("2026.12.2"))
    doc["projects"][0]["name"]["name"] = "Quar\u202ery"
    server.publish("/feed.json", keys, json.dumps(doc).encode())
    result = check_feed(paths, "Points watch", now=NOW)
    assert refusal(paths, result) == "invalid" and "U+202E" in result.message


def test_subscribing_refuses_plain_http_elsewhere_and_stores_nothing(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    with pytest.raises(FeedRefused, match="https://") as info:
        add_feed(paths, "http://feeds.example.org/catalog.json", keys.public, now=NOW)
    assert info.value.kind == "insecure"
    server.put("/feed.json", feed_catalog())
    server.put("/feed.json.minisig", b"untrusted comment: x\nnot a signature\n")
    with pytest.raises(FeedRefused, match="minisign's format"):
        add_feed(paths, server.base + "/feed.json", keys.public, now=NOW)
    assert list_feeds(paths) == [] and stored(paths) == []


def test_removing_a_feed_drops_its_projects(paths: Paths, server: FeedServer, keys: Keys) -> None:
    subscribe(paths, server, keys)
    assert remove_feed(paths, "POINTS WATCH") == "Points watch"
    assert list_feeds(paths) == [] and stored(paths) == [] and feed_projects(paths) == []
    with pytest.raises(CatalogError, match="no feed has this name"):
        remove_feed(paths, "Points watch")


def test_the_background_check_runs_at_most_once_every_six_hours(
    paths: Paths, server: FeedServer, keys: Keys
) -> None:
    subscribe(paths, server, keys)
    server.hits.clear()
    assert check_due(paths, NOW + dt.timedelta(hours=5, minutes=59)) == []
    assert server.hits == []
    [result] = check_due(paths, NOW + dt.timedelta(hours=6))
    assert result.outcome == "current" and server.hits == ["/feed.json", "/feed.json.minisig"]
    assert check_due(paths, NOW + dt.timedelta(hours=7)) == []
    assert len(server.hits) == 2

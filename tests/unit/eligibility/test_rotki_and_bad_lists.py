"""rotki's index layout from a loopback server (real sha256 hashes), and every kind of bad
list: a clear message naming the file (and line), and the database exactly as before."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from alloc_helpers import EVM, EVM_2, dump, filler, write_csv
from sqlite_utils import Database

from airdrop_desk.eligibility import importer, matching
from airdrop_desk.eligibility.sources import AllocationError, Limits


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if self.path.endswith("/truncated.csv"):
            body = b"address,amount\n" + f"{EVM},1\n".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 500))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.endswith("/elsewhere.csv"):
            self.send_response(302)
            self.send_header("Location", "https://example.org/list.csv")
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder laid out as rotki's data repository, served on 127.0.0.1."""
    root = tmp_path / "www"
    (root / "airdrops").mkdir(parents=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rotki_index(
    root: Path, cow_rows: list[tuple[str, str]] | None = None, **changes: dict[str, object]
) -> Path:
    (root / "airdrops").mkdir(exist_ok=True)
    uni = write_csv(root / "airdrops" / "uniswap.csv.gz", [(EVM, "400"), (filler(1), "400")])
    cow_rows = cow_rows or [(EVM_2, "1622117402945374150006871")]
    cow = write_csv(root / "airdrops" / "cow.csv", cow_rows)
    airdrops: dict[str, dict[str, object]] = {
        "uniswap": {"file_path": "airdrops/uniswap.csv.gz", "file_hash": sha(uni),
                    "name": "Uniswap", "url": "https://app.uniswap.org",
                    "asset_identifier": "eip155:1/erc20:0x1f98"},
        "cow_mainnet": {"file_path": "airdrops/cow.csv", "file_hash": sha(cow),
                        "name": "COW", "url": "https://cow.fi", "asset_identifier": "COW",
                        "cutoff_time": 1_900_000_000,
                        "new_asset_data": {"symbol": "COW", "decimals": 18}},
    }  # fmt: skip
    for key, change in changes.items():
        airdrops[key].update(change)
    index = root / "airdrops" / "index_v4.json"
    index.write_text(json.dumps({"airdrops": airdrops, "poap_airdrops": {}}))
    return index


def run(db: Database, source: str, limits: Limits | None = None, **options: object) -> list[str]:
    plan = importer.prepare(importer.Request(source, **options), limits)  # type: ignore[arg-type]
    try:
        return [d.describe() for d in importer.apply(db, plan, limits=limits)]
    finally:
        plan.close()


def test_rotki_index_from_a_loopback_server(served: tuple[str, Path], db: Database) -> None:
    url, root = served
    rotki_index(root)
    done = run(db, f"{url}/airdrops/index_v4.json")
    assert done == [
        "Uniswap: 2 rows, not linked to a project.",
        "COW: 1 rows, not linked to a project.",
    ]
    [uni] = matching.find(db, [matching.address_holder(EVM)])
    [cow] = matching.find(db, [matching.address_holder(EVM_2)])
    assert (uni.list.name, uni.whole, uni.list.deadline) == ("Uniswap", 400, None)
    assert (cow.list.token, f"{cow.whole:.2f}") == ("COW", "1622117.40")
    assert cow.list.deadline is not None and cow.list.deadline.year == 2030
    assert (uni.list.entry, uni.list.source) == ("uniswap", f"{url}/airdrops/index_v4.json")
    assert run(db, f"{url}/airdrops/index_v4.json", only=("cow_mainnet",)) == [
        f"COW: unchanged since {cow.list.imported_at.date().isoformat()}."
    ]


def test_only_some_entries_of_a_local_rotki_folder(tmp_path: Path, db: Database) -> None:
    rotki_index(tmp_path)
    assert run(db, str(tmp_path), only=("uniswap",)) == [
        "Uniswap: 2 rows, not linked to a project."
    ]


def bad_gzip(tmp_path: Path) -> str:
    path = tmp_path / "big.csv.gz"
    path.write_bytes(gzip.compress(b"address,amount\n" + f"{EVM},1\n".encode() * 20_000))
    return str(path)


def truncated_gzip(tmp_path: Path) -> str:
    path = write_csv(tmp_path / "cut.csv.gz", [(filler(n), "1") for n in range(5000)])
    path.write_bytes(path.read_bytes()[:-200])
    return str(path)


@pytest.mark.parametrize(
    ("make", "limits", "message"),
    [
        (lambda p: str(write_csv(p / "a.csv", [(EVM, "1"), ("0x12zz", "2")])), None,
         "a.csv: line 3: '0x12zz' is not an address."),
        (lambda p: str(write_csv(p / "a.csv", [(EVM, "1"), (EVM_2, "1.5x")])), None,
         "a.csv: line 3: '1.5x' is not an amount"),
        (lambda p: str(write_csv(p / "a.csv", [(EVM, "-4")])), None,
         "a.csv: line 2: '-4' is not an amount"),
        (lambda p: str(write_csv(p / "empty.csv", [])), None, "empty.csv: the list is empty."),
        (lambda p: str(write_csv(p / "h.csv", [(EVM, "1")], header="wallet,value")), None,
         "h.csv: line 1: the header is 'wallet,value', not 'address,amount'"),
        (bad_gzip, Limits(max_inflated=100_000), "big.csv.gz: inflates past 100,000 bytes"),
        (truncated_gzip, None, "cut.csv.gz: the file is truncated."),
    ],
    ids=["bad-address", "bad-amount", "negative", "empty", "header", "gzip-cap", "cut-gzip"],
)  # fmt: skip
def test_a_bad_list_changes_nothing(
    make: object, limits: Limits | None, message: str, tmp_path: Path, db: Database, db_path: Path
) -> None:
    run(db, str(write_csv(tmp_path / "good.csv", [(EVM, "7")])))  # something stored before
    before = dump(db_path)
    source = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(AllocationError) as raised:
        run(db, source, limits)
    assert message in str(raised.value)
    assert dump(db_path) == before


def test_a_file_hash_that_does_not_match_changes_nothing(
    served: tuple[str, Path], db: Database, db_path: Path
) -> None:
    url, root = served
    rotki_index(root, cow_mainnet={"file_hash": "00" * 32})
    before = dump(db_path)
    with pytest.raises(
        AllocationError, match=r"cow\.csv: its sha256 is .* but the index says 0000"
    ):
        run(db, f"{url}/airdrops/index_v4.json")
    assert dump(db_path) == before


def test_a_bad_row_in_the_second_list_keeps_the_first_out_too(
    tmp_path: Path, db: Database, db_path: Path
) -> None:
    index = rotki_index(tmp_path, [(EVM_2, "1"), ("nobody", "2")])  # hashes of these files
    before = dump(db_path)
    with pytest.raises(AllocationError, match=r"cow\.csv: line 3: 'nobody' is not an address"):
        run(db, str(index))
    assert dump(db_path) == before


def test_truncated_download_and_redirect_to_another_host(
    served: tuple[str, Path], db: Database, db_path: Path
) -> None:
    url, _root = served
    before = dump(db_path)
    with pytest.raises(AllocationError, match="truncated"):
        run(db, f"{url}/truncated.csv")
    with pytest.raises(AllocationError, match=r"redirected to https://example\.org/list\.csv"):
        run(db, f"{url}/elsewhere.csv")
    with pytest.raises(AllocationError, match="only https addresses"):
        run(db, "http://example.org/list.csv")
    assert dump(db_path) == before


def test_cancel_writes_nothing(tmp_path: Path, db: Database, db_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [(filler(n), "1") for n in range(importer.BATCH + 5)])
    before = dump(db_path)
    plan = importer.prepare(importer.Request(str(path)))
    with pytest.raises(importer.Cancelled):
        importer.apply(db, plan, cancel=lambda: True)
    plan.close()
    assert dump(db_path) == before


def test_progress_every_batch_and_a_cancel_midway_writes_nothing(
    tmp_path: Path, db: Database, db_path: Path
) -> None:
    rows = 2 * importer.BATCH + 7
    path = write_csv(tmp_path / "long.csv.gz", [(filler(n), "2") for n in range(rows)])
    cache_before = db.execute("PRAGMA cache_size").fetchone()[0]
    seen: list[int] = []
    plan = importer.prepare(importer.Request(str(path)))
    try:
        [done] = importer.apply(db, plan, progress=lambda n, _name: seen.append(n))
    finally:
        plan.close()
    assert seen == [importer.BATCH, 2 * importer.BATCH, rows]
    assert (done.list.rows, done.list.total) == (rows, rows * 2 * 10**18)
    assert db.execute("PRAGMA cache_size").fetchone()[0] == cache_before

    before = dump(db_path)
    path.write_bytes(gzip.compress(b"address,amount\n" + b"".join(
        f"{filler(n + 1)},3\n".encode() for n in range(rows))))  # fmt: skip
    asked: list[int] = []
    plan = importer.prepare(importer.Request(str(path)))
    try:
        with pytest.raises(importer.Cancelled):
            importer.apply(db, plan, progress=lambda n, _name: asked.append(n),
                           cancel=lambda: bool(asked))  # fmt: skip
    finally:
        plan.close()
    assert asked == [importer.BATCH]  # cancelled at the next check, midway through the list
    assert dump(db_path) == before
    assert db.execute("PRAGMA cache_size").fetchone()[0] == cache_before

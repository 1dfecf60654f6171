"""Lists in each format, imported into a real database and matched against profiles."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from alloc_helpers import EVM, EVM_2, SOLANA, STARKNET, filler, write_csv
from sqlite_utils import Database

from airdrop_desk.core.allocations import format_tokens
from airdrop_desk.core.rows import ProjectRow
from airdrop_desk.eligibility import importer, matching
from airdrop_desk.storage.alloc_repo import AllocRepo
from airdrop_desk.storage.tracking_repo import TrackingRepo

NOW = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)


def project(id_: str, name: str, token: str | None = None, aliases: str = "") -> ProjectRow:
    return ProjectRow(id_, name, aliases, "confirmed", None, None, None, "", None, "", token,
                      None, 0, name.casefold())  # fmt: skip


PROJECTS = [
    project("uniswap", "Uniswap", "UNI"),
    project("cow", "CoW Protocol", "COW", "CoW Swap"),
    project("starknet", "Starknet", "STRK"),
]


def run(db: Database, source: Path | str, **options: object) -> list[importer.Imported]:
    plan = importer.prepare(importer.Request(str(source), **options))  # type: ignore[arg-type]
    try:
        return importer.apply(db, plan, PROJECTS, now=lambda: NOW)
    finally:
        plan.close()


def profile(db: Database, name: str, *addresses: tuple[str, str]) -> int:
    from airdrop_desk.core import tracking_ops

    return tracking_ops.add_profile(TrackingRepo(db), name, list(addresses)).value.id


def test_a_cow_style_list_in_base_units_reads_in_whole_tokens(db: Database, tmp_path: Path) -> None:
    cow = write_csv(tmp_path / "cow.csv", [
        (EVM.lower(), "1622117402945374150006871"),
        (filler(1), "2000000000000000000"),
    ])  # fmt: skip
    [done] = run(db, cow, project="CoW Swap")
    assert (done.outcome, done.list.token, done.list.decimals) == ("imported", "COW", 18)
    main = profile(db, "Main", ("evm", EVM))
    [match] = matching.find(db, matching.profile_holders(db))
    assert (match.profile_id, match.address) == (main, EVM)  # shown checksummed
    assert match.whole == Decimal("1622117.402945374150006871")
    assert format_tokens(match.amount, 18) == "1,622,117.40"


def test_whole_token_csv_with_chosen_columns_and_decimals(db: Database, tmp_path: Path) -> None:
    tsv = tmp_path / "drop.tsv"
    tsv.write_text(f"wallet\tscore\ttokens\n{EVM.upper().replace('0X', '0x')}\t9\t1250.5\n"
                   f"{filler(2)}\t1\t3\n")  # fmt: skip
    [done] = run(db, tsv, address_column="wallet", amount_column="3", decimals=6, token="drop")
    assert (done.list.rows, done.list.token, done.list.project_id) == (2, "DROP", None)
    profile(db, "Main", ("evm", EVM))
    [match] = matching.find(db, matching.profile_holders(db))
    assert (match.amount, match.whole) == (1_250_500_000, Decimal("1250.5"))


def test_merkle_distributor_amounts_are_hex_base_units(db: Database, tmp_path: Path) -> None:
    claims = {
        EVM: {"index": 0, "amount": hex(400 * 10**18), "proof": ["0x" + "ab" * 32] * 3},
        filler(3): {"index": 1, "amount": "0x01", "proof": []},
    }
    path = tmp_path / "uniswap-merkle.json"
    path.write_text(json.dumps({"merkleRoot": "0x" + "cd" * 32, "tokenTotal": "0x1",
                                "claims": claims}))  # fmt: skip
    [done] = run(db, path, project="uniswap")
    assert (done.list.format, done.list.token, done.list.rows) == ("merkle", "UNI", 2)
    main = profile(db, "Main", ("evm", EVM.lower()))
    [match] = matching.find(db, matching.profile_holders(db, main))
    assert match.whole == 400 and match.list.project_id == "uniswap"


def test_identity_list_matches_github_handles_and_starknet_felts(
    db: Database, tmp_path: Path
) -> None:
    felt = "0x" + STARKNET[2:].lstrip("0").upper()  # no leading zeros, upper case
    path = tmp_path / "github.json"
    path.write_text(json.dumps({"eligibles": [
        {"identity": "@OctoCat", "amount": 111.5, "contributions": 12},
        {"identity": "someone-else", "amount": "1800"},
        {"identity": felt, "amount": 250},
    ]}))  # fmt: skip
    [done] = run(db, path, project="Starknet")
    assert (done.list.format, done.list.rows, done.list.token) == ("identities", 3, "STRK")
    dev = profile(db, "Dev", ("starknet", STARKNET))
    AllocRepo(db).add_identity(dev, "github", "octocat")
    found = {m.address: m.whole for m in matching.find(db, matching.profile_holders(db))}
    assert found == {"github:octocat": Decimal("111.5"), STARKNET: Decimal(250)}
    [by_handle] = matching.find(db, [matching.identity_holder("OCTOCAT")])
    assert by_handle.whole == Decimal("111.5")


def test_solana_addresses_are_compared_exactly(db: Database, tmp_path: Path) -> None:
    other_case = SOLANA[0] + SOLANA[1].lower() + SOLANA[2:]  # another valid address
    path = write_csv(tmp_path / "sol.csv", [(SOLANA, "5"), (other_case, "7")])
    run(db, path)
    [match] = matching.find(db, [matching.address_holder(SOLANA)])
    assert match.whole == 5


def test_duplicates_are_summed_and_reported(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dups.csv", [(EVM, "1"), (EVM.lower(), "2"), (EVM_2, "4"),
                                             (EVM_2.upper().replace("0X", "0x"), "8")])  # fmt: skip
    [done] = run(db, path)
    assert (done.list.rows, done.list.duplicates) == (2, 2)
    assert "2 duplicates summed" in done.describe()
    [match] = matching.find(db, [matching.address_holder(EVM)])
    assert match.whole == 3


def test_unchanged_file_is_a_no_op_and_a_changed_one_replaces_its_list(
    db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "drop.csv", [(EVM, "10"), (EVM_2, "20")])
    [first] = run(db, path)
    [again] = run(db, path)
    assert again.outcome == "unchanged" and again.list == first.list
    write_csv(path, [(EVM_2, "30")])
    [changed] = run(db, path)
    assert (changed.outcome, changed.list.id, changed.list.rows) == ("replaced", first.list.id, 1)
    assert matching.find(db, [matching.address_holder(EVM)]) == []
    [match] = matching.find(db, [matching.address_holder(EVM_2)])
    assert match.whole == 30
    assert db.execute("SELECT count(*) FROM alloc_rows").fetchone()[0] == 1


def test_the_same_file_with_other_settings_is_imported_again(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "drop.csv", [(EVM, "1622117402945374150006871")])
    [first] = run(db, path, token="cow")
    assert first.list.project_id is None
    # The same command again: nothing to do.
    [again] = run(db, path, token="COW")
    assert again.outcome == "unchanged"
    # A project chosen afterwards, and a detection corrected by declaring the units.
    [linked] = run(db, path, token="COW", project="CoW Swap")
    assert (linked.outcome, linked.list.id, linked.list.project_id) == (
        "reimported", first.list.id, "cow",
    )  # fmt: skip
    assert linked.describe("CoW Protocol") == (
        "drop: 1 rows, linked to CoW Protocol (imported again with the settings given)."
    )
    [whole] = run(db, path, units="whole", decimals=0, project="cow")
    assert whole.outcome == "reimported"
    [match] = matching.find(db, [matching.address_holder(EVM)])
    assert match.whole == Decimal("1622117402945374150006871")  # declared: whole tokens
    assert run(db, path, decimals=0, project="cow")[0].outcome == "unchanged"
    assert db.execute("SELECT count(*) FROM alloc_lists").fetchone()[0] == 1


def test_eligibility_per_project_and_claims_pre_filled_once(db: Database, tmp_path: Path) -> None:
    run(db, write_csv(tmp_path / "cow.csv", [(EVM, "1622117402945374150006871")]), project="cow")
    run(db, write_csv(tmp_path / "strk.csv", [(filler(9), "5")]), project="starknet",
        deadline=dt.datetime(2024, 6, 20, tzinfo=dt.UTC))  # fmt: skip
    main = profile(db, "Main", ("evm", EVM))
    ids = [p.id for p in PROJECTS]
    seen = matching.profile_eligibility(db, main, ids, NOW)
    assert {pid: e.status for pid, e in seen.items()} == {
        "cow": "eligible",
        "starknet": "not_on_list",
    }  # uniswap: no list known
    assert seen["cow"].summary() == "Eligible: 1,622,117.40 COW (cow)"
    store = TrackingRepo(db)
    done = matching.pre_fill(store, matching.find(db, matching.profile_holders(db)), NOW)
    claim = store.claims.claim(main, "cow")
    assert claim is not None and (claim.status, claim.token) == ("eligible", "COW")
    assert claim.amount == pytest.approx(1622117.40)
    assert matching.pre_fill(store, matching.find(db, matching.profile_holders(db)), NOW) == []
    done[0].undo(store)  # the operation's undo takes the pre-filled claim back
    assert store.claims.claim(main, "cow") is None


def test_a_passed_deadline_without_a_claim_reads_missed(db: Database, tmp_path: Path) -> None:
    run(db, write_csv(tmp_path / "old.csv", [(EVM, "5")]), project="uniswap",
        deadline=dt.datetime(2024, 6, 20, tzinfo=dt.UTC))  # fmt: skip
    main = profile(db, "Main", ("evm", EVM))
    [match] = matching.find(db, matching.profile_holders(db))
    assert match.status(NOW) == "deadline passed"
    seen = matching.profile_eligibility(db, main, ["uniswap"], NOW)
    assert seen["uniswap"].status == "missed"
    assert matching.pre_fill(TrackingRepo(db), [match], NOW) == []

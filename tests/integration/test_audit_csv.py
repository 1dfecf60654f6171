"""``keys audit --format csv``: what an exchange sent back reaches a spreadsheet as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

from fakes.secret_service import SecretService

import airdrop_desk
from airdrop_desk.storage.audit_repo import AuditEntry, AuditRepo
from airdrop_desk.storage.db import open_database

SRC = str(Path(airdrop_desk.__file__).resolve().parents[1])
AT = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)


def test_audit_cells_from_an_exchange_never_run_as_formulas(
    tmp_path: Path, secret_service: SecretService
) -> None:
    data = tmp_path / "data"
    db = open_database(data / "airdrop-desk.sqlite3", data / "backups")
    AuditRepo(db).add_many(
        [
            AuditEntry(
                AT,
                "binance",
                "main",
                None,
                "GET",
                "/api/v3/account",
                "error",
                400,
                80,
                '=HYPERLINK("https://drainer.example","Re-verify")',
            ),
            AuditEntry(
                AT, "okx", "@SUM(A1)", None, "GET", "/api/v5/account", "error", None, 5, "\t=1+1"
            ),
        ]
    )
    db.close()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "airdrop_desk",
            "keys",
            "audit",
            "--format",
            "csv",
            "--data-dir",
            str(data),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**secret_service.env, "PYTHONPATH": SRC, "LANG": "C.UTF-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["detail"] for r in rows) == [
        "'\t=1+1",
        '\'=HYPERLINK("https://drainer.example","Re-verify")',
    ]
    assert "'@SUM(A1)" in [r["label"] for r in rows]

"""The project's import contracts catch what they promise to catch.

CI runs ``lint-imports`` with the contracts in pyproject.toml; here the same contracts
run over a small stand-in package laid out like the app, first as it should be (kept),
then with one forbidden import each (the check fails, naming the import).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "ui",
    "ui.views",
    "ui.widgets",
    "ui.dialogs",
    "cli",
    "portfolio",
    "catalog",
    "keys",
    "prices",
    "eligibility",
    "storage",
    "exchanges",
    "core",
]
# How the app's layers lean on each other today, each arrow pointing down.
ALLOWED = {
    "app": "from standin import ui, cli",
    "ui/views/checklist": "from standin import catalog, portfolio",
    "cli/projects": "from standin import catalog, storage",
    "portfolio/service": "from standin import keys, prices, storage",
    "catalog/sync": "from standin import storage, core",
    "keys/vault": "from standin import storage, exchanges",
    "eligibility/importer": "from standin import storage, core",
    "storage/db": "from standin.storage import backup_copy",
    "storage/backup": "from standin.storage import db, backup_copy",
    "storage/backup_copy": "from standin import core",
    "exchanges/base": "from standin import core",
}


def contracts_for(package: str) -> str:
    """pyproject.toml's import-linter section, aimed at ``package`` instead of the app."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    section = config["tool"]["importlinter"]
    lines = ["[importlinter]", f"root_package = {package}"]
    for contract in section["contracts"]:
        lines.append(f"\n[importlinter:contract:{contract['id']}]")
        for key, value in contract.items():
            if key == "id":
                continue
            if isinstance(value, list):
                value = "\n    " + "\n    ".join(value)
            lines.append(f"{key} = {str(value).replace('airdrop_desk', package)}")
    return "\n".join(lines) + "\n"


def write_package(root: Path, modules: dict[str, str]) -> None:
    for name in PACKAGES:
        folder = root / "standin" / name.replace(".", "/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
    (root / "standin" / "__init__.py").write_text("")
    for name, source in modules.items():
        (root / "standin" / f"{name}.py").write_text(source + "\n")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    (root / ".importlinter").write_text(contracts_for("standin"))
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
        ],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_contracts_name_the_layers_the_views_rule_and_cycles() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    kinds = {c["id"]: c["type"] for c in config["tool"]["importlinter"]["contracts"]}
    assert kinds == {
        "layers": "layers",
        "views-no-storage": "forbidden",
        "acyclic": "acyclic_siblings",
    }


def test_a_package_laid_out_as_intended_keeps_every_contract(tmp_path: Path) -> None:
    write_package(tmp_path, ALLOWED)
    result = lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "named"),
    [
        ("core/domain", "from standin import storage", "standin.core.domain -> standin.storage"),
        ("storage/repo", "from standin.ui import views", "standin.storage.repo -> standin.ui"),
        ("exchanges/base", "from standin import keys", "standin.exchanges.base -> standin.keys"),
        ("catalog/load", "from standin import cli", "standin.catalog.load -> standin.cli"),
        ("cli/keys", "from standin import ui", "standin.cli.keys -> standin.ui"),
        ("ui/views/detail", "from standin import storage", "standin.ui.views.detail ->"),
        ("ui/dialogs/backups", "from standin.storage import db", "standin.ui.dialogs.backups ->"),
        ("storage/backup_copy", "from standin.storage import backup", ".backup_copy -> .backup"),
    ],
    ids=[
        "core-up",
        "storage-up",
        "exchanges-keys",
        "catalog-cli",
        "cli-ui",
        "view",
        "dialog",
        "cycle",
    ],
)
def test_one_forbidden_import_fails_the_check(
    tmp_path: Path, module: str, source: str, named: str
) -> None:
    write_package(tmp_path, {**ALLOWED, module: source})
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert named in " ".join(result.stdout.split()), result.stdout

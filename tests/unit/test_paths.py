"""Where the app keeps its data, and where it finds its bundled resources."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from airdrop_desk import resources
from airdrop_desk.cli import build_parser
from airdrop_desk.paths import APP_NAME, DATA_DIR_ENV, Paths, resolve_paths
from airdrop_desk.resources import bundled_catalog_path, resources_dir

CHECKOUT = Path(__file__).resolve().parents[2]


def test_data_dir_option_beats_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_paths(tmp_path / "from-option").data_dir == tmp_path / "from-option"
    assert resolve_paths(str(tmp_path / "as-text")).data_dir == tmp_path / "as-text"


def test_environment_beats_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_paths().data_dir == tmp_path / "from-env"
    assert resolve_paths(None).data_dir == tmp_path / "from-env"


@pytest.mark.parametrize("env", [None, ""], ids=["unset", "empty"])
def test_platform_folder_when_nothing_is_given(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    if env is None:
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(DATA_DIR_ENV, env)
    expected = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    assert resolve_paths().data_dir == expected
    assert expected.name == APP_NAME


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_platform_folder_follows_xdg_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_paths().data_dir == tmp_path / "xdg" / APP_NAME


def test_relative_and_home_folders_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_paths("relative/data").data_dir == tmp_path / "relative" / "data"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))  # what Windows expands ~ with
    assert resolve_paths("~/desk").data_dir == tmp_path / "home" / "desk"
    monkeypatch.setenv(DATA_DIR_ENV, "from-env")
    assert resolve_paths().data_dir == tmp_path / "from-env"


def test_resolving_creates_nothing(tmp_path: Path) -> None:
    resolve_paths(tmp_path / "not-yet")
    assert not (tmp_path / "not-yet").exists()


def test_files_in_the_data_folder(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    assert paths.database == tmp_path / "airdrop-desk.sqlite3"
    assert paths.backups == tmp_path / "backups"
    assert paths.window_state == tmp_path / "window-state.ini"


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "{dir}"],
        ["--data-dir", "{dir}", "projects"],
        ["projects", "--data-dir", "{dir}"],
    ],
    ids=["window", "before-command", "after-command"],
)
def test_command_line_option_reaches_the_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    args = build_parser().parse_args([a.format(dir=tmp_path / "chosen") for a in argv])
    assert resolve_paths(args.data_dir).data_dir == tmp_path / "chosen"


@pytest.mark.parametrize("argv", [[], ["projects"]], ids=["window", "command"])
def test_without_the_option_the_environment_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    args = build_parser().parse_args(argv)
    assert resolve_paths(args.data_dir).data_dir == tmp_path / "from-env"


def test_resources_found_in_the_checkout() -> None:
    assert resources_dir() == CHECKOUT / "resources"
    assert bundled_catalog_path() == CHECKOUT / "resources" / "catalog" / "catalog.json"
    assert bundled_catalog_path().is_file()


def test_frozen_build_resources_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources" / "catalog").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_frozen_build_without_resources_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == CHECKOUT / "resources"


def test_missing_resources_say_where_they_were_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "airdrop_desk"
    package.mkdir(parents=True)
    monkeypatch.setattr(resources, "_HERE", package)
    with pytest.raises(FileNotFoundError) as info:
        resources_dir()
    assert str(package / "resources") in str(info.value)
    assert str(tmp_path / "resources") in str(info.value)

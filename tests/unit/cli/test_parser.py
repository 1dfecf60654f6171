"""The command line: the window's options alone, or a command with its own."""

from __future__ import annotations

import pytest

from airdrop_desk.cli.parser import build_parser, names_no_command, parse_window_args


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "projects"],
        ["--select", "Starknet", "--theme", "dark"],
        ["--size=1024x640", "--exit-after-paint"],
        ["--screenshot", "shot.png"],
    ],
)
def test_window_options_alone_name_no_command(argv: list[str]) -> None:
    assert names_no_command(argv)
    args = build_parser(argv).parse_args(argv)
    assert args.command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["projects"],
        ["--data-dir", "d", "projects"],
        ["--help"],
        ["-h"],
        ["--data", "d"],
    ],
)
def test_anything_else_may_name_a_command(argv: list[str]) -> None:
    assert not names_no_command(argv)


def test_a_command_after_window_options_is_parsed(tmp_path) -> None:
    argv = ["--data-dir", str(tmp_path), "projects", "--min-score", "90"]
    args = build_parser(argv).parse_args(argv)
    assert (args.command, args.data_dir, args.min_score) == ("projects", str(tmp_path), 90)


def test_an_unknown_command_is_named_in_the_error(capsys) -> None:
    argv = ["--theme", "dark", "portfolo"]
    with pytest.raises(SystemExit) as exit_info:
        build_parser(argv).parse_args(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'portfolo'" in err and "portfolio" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "projects"],
        ["--data-dir=projects"],
        ["--data-dir="],
        ["--select", "Starknet", "--theme", "dark"],
        ["--theme=light", "--theme", "auto"],
        ["--size=1024x640", "--exit-after-paint"],
        ["--size", "320x240"],
        ["--screenshot", "shot.png", "--select", "zkSync Era", "--catalog", "c.json"],
        ["--data-dir", "a", "--data-dir", "b"],
        ["--select", "name with = sign"],
        ["--screenshot", "board.png", "--view", "board", "--size", "1024x640"],
        ["--view=portfolio"],
    ],
)
def test_the_window_options_read_directly_as_argparse_reads_them(argv: list[str]) -> None:
    direct = parse_window_args(argv)
    assert direct is not None
    assert vars(direct) == vars(build_parser(argv).parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["projects"],
        ["--data-dir", "d", "projects"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--data", "d"],
        ["--data-dir"],
        ["--data-dir", "--theme", "dark"],
        ["--theme", "blue"],
        ["--size", "big"],
        ["--size=10x10"],
        ["--exit-after-paint=1"],
        ["--"],
        [""],
        ["-x"],
        ["--select", "-5"],
        ["--view", "boards"],
        ["--view"],
    ],
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert parse_window_args(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir"],
        ["--theme", "blue"],
        ["--size", "big"],
        ["--exit-after-paint=1"],
        ["--view", "main"],
    ],
)
def test_a_bad_window_option_gets_argparse_s_error(argv: list[str], capsys) -> None:
    from airdrop_desk.app import run

    with pytest.raises(SystemExit) as exit_info:
        run(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: airdrop-desk") and argv[0].split("=")[0] in err

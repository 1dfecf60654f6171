"""The command line: ``airdrop-desk [options]`` opens the window, subcommands run headless."""

from airdrop_desk.cli.parser import build_parser

__all__ = ["build_parser"]

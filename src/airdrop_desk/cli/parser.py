"""One argparse parser for the window options and every subcommand.

Subcommand modules register themselves through ``SUBCOMMANDS``: each has
``add_parser(subparsers)`` and ``run(args, context) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Sequence

from airdrop_desk import __version__

_SIZE_RE = re.compile(r"^(\d{2,5})x(\d{2,5})$")


def window_size(text: str) -> tuple[int, int]:
    match = _SIZE_RE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x800")
    width, height = int(match[1]), int(match[2])
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x240 .. 7680x4320")
    return width, height


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder for the database and settings "
        "(default: $AIRDROP_DESK_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--catalog",
        metavar="FILE",
        default=default,
        help="use this catalog file instead of the bundled one",
    )


# name -> (module, one-line help). A command's module, and everything it imports, is
# loaded only when that command is on the command line: opening the window stays fast.
COMMANDS = {
    "projects": (
        "airdrop_desk.cli.projects",
        "list catalog projects through the same filters as the window",
    ),
    "project": (
        "airdrop_desk.cli.project",
        "add, edit, remove and export your own projects",
    ),
    "keys": (
        "airdrop_desk.cli.keys",
        "link read-only exchange API keys (kept in the system keyring)",
    ),
    "portfolio": (
        "airdrop_desk.cli.portfolio",
        "exchange balances, holdings, airdrop receipts and their value",
    ),
    "catalog": (
        "airdrop_desk.cli.catalog",
        "update the catalog from a file or https URL, roll back, list versions",
    ),
    "feeds": (
        "airdrop_desk.cli.feeds",
        "subscribe to signed catalog feeds, list, check and remove them",
    ),
    "export": ("airdrop_desk.cli.data", "export your data as JSON or CSV (never secrets)"),
    "import": (
        "airdrop_desk.cli.data_import",
        "replace your data with an export (a backup is made first)",
    ),
    "backup": ("airdrop_desk.cli.backup", "list, create and restore database backups"),
    "profiles": (
        "airdrop_desk.cli.profiles",
        "list, add and remove profiles (the wallets you farm with)",
    ),
    "tasks": (
        "airdrop_desk.cli.tasks",
        "a profile's checklist tasks, done or not in their current period",
    ),
    "tick": ("airdrop_desk.cli.tick", "mark a task done now, with a note, transaction and fee"),
    "untick": ("airdrop_desk.cli.untick", "mark a task not done"),
    "track": ("airdrop_desk.cli.track", "track a project with a profile"),
    "task": ("airdrop_desk.cli.task", "add a task of your own to a tracked project's checklist"),
    "today": ("airdrop_desk.cli.today", "every task due now across all profiles and projects"),
    "eligibility": (
        "airdrop_desk.cli.eligibility",
        "published allocation lists matched against your wallets, on this computer",
    ),
}


# The window's options that take a value: a word after one of them is that value.
_VALUE_OPTIONS = frozenset(
    {"--data-dir", "--catalog", "--screenshot", "--select", "--size", "--theme", "--view"}
)


def names_no_command(argv: Sequence[str]) -> bool:
    """True when ``argv`` holds only the window's options and their values, so the
    subcommands need no parsers (each costs start-up time)."""
    value_next = False
    for arg in argv:
        if value_next:
            value_next = False
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return False
        else:
            value_next = arg in _VALUE_OPTIONS
    return True


# The window's options that take a value, and the attribute each sets.
_WINDOW_VALUES = {
    "--data-dir": "data_dir",
    "--catalog": "catalog",
    "--screenshot": "screenshot",
    "--select": "select",
    "--size": "size",
    "--theme": "theme",
    "--view": "view",
}
THEMES = ("auto", "light", "dark")
VIEWS = ("board", "portfolio")  # windows besides the main one that --view opens


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options read straight from ``argv``, with the values ``build_parser``
    gives them; None for anything else.

    Building the argparse parser costs about 3 ms of a quarter-second start (each help
    text goes through a gettext lookup, each option's formatter asks for the terminal
    size), so a plain command line for the window skips it. Anything else — a command,
    ``--help`` or ``--version``, an abbreviated or unknown option, a missing or invalid
    value — returns None and goes through ``build_parser``, for the same result or its
    error message. A test holds the two readings equal.
    """
    values: dict[str, object] = {
        "data_dir": None,
        "catalog": None,
        "screenshot": None,
        "select": None,
        "size": None,
        "theme": "auto",
        "view": None,
        "exit_after_paint": False,
        "command": None,
    }
    words = iter(argv)
    for word in words:
        if word == "--exit-after-paint":
            values["exit_after_paint"] = True
            continue
        option, equals, value = word.partition("=")
        key = _WINDOW_VALUES.get(option)
        if key is None:
            return None
        if not equals:
            following = next(words, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        values[key] = value
    if values["theme"] not in THEMES or values["view"] not in (None, *VIEWS):
        return None
    if isinstance(values["size"], str):
        try:
            values["size"] = window_size(values["size"])
        except argparse.ArgumentTypeError:
            return None
    return argparse.Namespace(**values)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; ``argv`` (when given) says which command needs its full set of options,
    and a command line without a command gets a parser for the window's options only."""
    parser = argparse.ArgumentParser(
        prog="airdrop-desk",
        description="Airdrop Desk: track crypto airdrops, tasks and holdings. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common(parser, suppress=False)
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="render the main window (or the --view window) to a PNG once data has "
        "loaded, then exit",
    )
    parser.add_argument(
        "--select", metavar="NAME", help="select this project (name, alias or id) at start"
    )
    parser.add_argument(
        "--size", metavar="WxH", type=window_size, help="window size, e.g. 1024x640"
    )
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--theme", choices=THEMES, default="auto", help="colour scheme (default: follow the system)"
    )
    parser.add_argument(
        "--view",
        choices=VIEWS,
        help="also open this window at start: the farm board or the portfolio",
    )
    if argv is not None and names_no_command(argv):
        parser.set_defaults(command=None)
        return parser
    argv = argv or ()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = next((arg for arg in argv if arg in COMMANDS), None)
    for name, (module_name, summary) in COMMANDS.items():
        if name == wanted or "-h" in argv or "--help" in argv:
            command = importlib.import_module(module_name).add_parser(sub)
        else:
            command = sub.add_parser(name, help=summary)
        _common(command, suppress=True)
    return parser

"""What the tracking commands share: the repository, the profile and project they name,
one-line refusals and CSV cells that a spreadsheet will not run as formulas.

The commands (``profiles``, ``tasks``, ``tick``, ``untick``, ``track``) are argparse
wiring only: every change goes through ``core.tracking_ops``, the same operations
the window runs, with the same checks and the same words when input is refused.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from airdrop_desk.cli.context import Context

if TYPE_CHECKING:
    import argparse

    from airdrop_desk.core.domain import Project
    from airdrop_desk.core.tracking import Profile
    from airdrop_desk.storage.tracking_repo import TrackingRepo

# A cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Refusal(Exception):
    """A command that cannot do what was asked; ``str()`` is the one line to print."""


def repo(context: Context) -> TrackingRepo:
    from airdrop_desk.storage.tracking_repo import TrackingRepo

    return TrackingRepo(context.database())


def profile(store: TrackingRepo, name: str | None) -> Profile:
    """The profile named ``name``; without one, the last used (as the window) or the only one."""
    from airdrop_desk.core.settings import LAST_PROFILE

    profiles = store.profiles()
    names = ", ".join(p.name for p in profiles)
    if name is not None:
        wanted = " ".join(name.split()).casefold()
        found = next((p for p in profiles if p.name.casefold() == wanted), None)
        if found is None:
            known = f"; the profiles are: {names}" if profiles else "; there are no profiles yet"
            raise Refusal(f"There is no profile named “{name}”{known}.")
        return found
    if not profiles:
        raise Refusal("There is no profile yet: create one with 'airdrop-desk profiles add NAME'.")
    last = store.settings.read(LAST_PROFILE)
    found = next((p for p in profiles if p.id == last), None)
    active = [p for p in profiles if not p.archived]
    if found is None and len(active) == 1:
        found = active[0]
    if found is None:
        raise Refusal(f"Which profile? Name one with --profile ({names}).")
    return found


def project(context: Context, key: str) -> Project:
    """A catalog project by id, name or alias (as the window's --select)."""
    catalog = context.catalog()
    wanted = key.strip().casefold()
    for row in catalog.rows:
        if wanted in (n.casefold() for n in (row.id, row.name, *row.alias_list)):
            found = catalog.docs().project(row.id)
            if found is not None:
                return found
    raise Refusal(f"There is no project “{key}” in the catalog; try 'airdrop-desk projects'.")


def refusing(
    command: str, run: Callable[[argparse.Namespace, Context], int]
) -> Callable[[argparse.Namespace, Context], int]:
    """``run`` with refused input and unknown ids as one line on stderr and exit code 1."""
    from airdrop_desk.core.tracking import FieldErrors

    def wrapped(args: argparse.Namespace, context: Context) -> int:
        try:
            return run(args, context)
        except FieldErrors as exc:
            print(f"airdrop-desk {command}: {' '.join(exc.errors.values())}", file=sys.stderr)
        except (Refusal, ValueError, LookupError) as exc:
            print(f"airdrop-desk {command}: {exc}", file=sys.stderr)
        return 1

    return wrapped


def csv_cell(value: object) -> str:
    """Text for a CSV cell; one a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [header, *rows]
    return "".join(
        "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in lines
    )

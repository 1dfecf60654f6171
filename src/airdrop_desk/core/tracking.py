"""What a person tracks per profile: tasks, ticks, claims, and the status they add up to.

Plain data shared by the repository (which builds it from rows) and the window
(which shows it). Form input is parsed here too, so the window and the command
line reject the same bad values with the same words; ``FieldErrors`` carries one
message per form field, so nothing is saved until every field is right.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from airdrop_desk.core.recurrence import Recurrence, is_done, next_reset
from airdrop_desk.core.tracking_vocab import CLAIM_STATUSES, MY_STATUSES

__all__ = ["CLAIM_STATUSES", "MY_STATUSES"]  # re-exported: forms and tests name them here
MAX_NAME = 80
MAX_TEXT = 2000
MAX_TITLE = 200
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TX_HASH_RE = re.compile(r"^(0x)?[0-9a-fA-F]{64}$|^[1-9A-HJ-NP-Za-km-z]{64,90}$")


class FieldErrors(ValueError):
    """Form input that cannot be saved: field name -> message to show at that field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Profile:
    """A wallet identity someone farms with."""

    id: int
    name: str
    notes: str = ""
    archived: bool = False


@dataclass(frozen=True)
class WalletAddress:
    id: int
    profile_id: int
    chain: str
    address: str
    label: str = ""


@dataclass(frozen=True)
class Task:
    """One line of a checklist: from a catalog template or written by the user."""

    id: int
    tracked_id: int
    title: str
    position: int
    created: dt.date
    template_id: str | None = None
    detail: str = ""
    link: str = ""
    recurrence: Recurrence = field(default_factory=Recurrence)
    due: dt.date | None = None


@dataclass(frozen=True)
class Tick:
    """One time a task was done: when, a note, the transaction and what it cost."""

    id: int
    task_id: int
    at: dt.datetime  # aware, UTC in storage
    note: str = ""
    tx: str = ""
    cost_native: float | None = None
    cost_token: str = ""
    cost_usd: float | None = None


@dataclass(frozen=True)
class TickDetails:
    """The optional part of a tick, as entered in the tick form."""

    note: str = ""
    tx: str = ""
    cost_native: float | None = None
    cost_token: str = ""
    cost_usd: float | None = None


@dataclass(frozen=True)
class Claim:
    """A claim record; ``value_usd`` is its dollar value when received, as recorded."""

    status: str
    amount: float | None = None
    token: str = ""
    day: dt.date | None = None
    note: str = ""
    value_usd: Decimal | None = None


@dataclass(frozen=True)
class TaskState:
    """A task as the checklist shows it now: done in this period or not."""

    task: Task
    done: bool
    last: Tick | None
    tick_count: int
    resets_at: dt.datetime | None


@dataclass(frozen=True)
class Checklist:
    """One tracked project of one profile."""

    tracked_id: int
    project_id: str
    tasks: tuple[TaskState, ...]
    claim: Claim | None

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.done)

    @property
    def total(self) -> int:
        return len(self.tasks)

    @property
    def status(self) -> str:
        return my_status(True, self.done, self.total, self.claim)


@dataclass(frozen=True)
class Progress:
    """What the project table shows for a tracked project."""

    done: int
    total: int
    status: str


def my_status(tracked: bool, done: int, total: int, claim: Claim | None) -> str:
    if not tracked:
        return "not_tracked"
    if claim is not None and claim.status == "claimed":
        return "claimed"
    if total and done == total:
        return "done"
    return "in_progress"


def task_state(task: Task, ticks: Sequence[Tick], now: dt.datetime) -> TaskState:
    """``ticks`` newest first."""
    done = is_done(task.recurrence, (t.at for t in ticks), now, task.created)
    return TaskState(
        task,
        done,
        ticks[0] if ticks else None,
        len(ticks),
        next_reset(task.recurrence, now, task.created),
    )


# -- parsing form input --------------------------------------------------------------


def parse_date(text: str, required: bool = False) -> dt.date | None:
    """YYYY-MM-DD; raises ValueError naming what is wrong (e.g. 2025-02-30)."""
    text = text.strip()
    if not text:
        if required:
            raise ValueError("Enter a date as YYYY-MM-DD.")
        return None
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14.")
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"There is no month {month}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{year}-{month:02d} has no day {day}.") from None


def parse_amount(text: str, what: str = "An amount") -> float | None:
    """An optional non-negative number ("0.0012", "1,250.5"), bounded by
    ``core.numbers``; empty means none."""
    from airdrop_desk.core.numbers import parse_number

    cleaned = text.strip().replace(",", "").replace(" ", "").lstrip("$")
    if not cleaned:
        return None
    return float(parse_number(cleaned, what))


def parse_name(text: str, what: str = "A name") -> str:
    """A name as typed: spaces collapsed, at most ``MAX_NAME`` characters, no hidden
    characters (``core.text.check_name`` names one that is there)."""
    from airdrop_desk.core.text import check_name

    name = " ".join(text.split())
    if name:
        check_name(name, what)  # a hidden character is refused by name and position
    if not name:
        raise ValueError(f"{what} cannot be empty.")
    if len(name) > MAX_NAME:
        raise ValueError(f"{what} is at most {MAX_NAME} characters.")
    return name


def parse_title(text: str) -> str:
    """A task's title, spaces collapsed; raises ValueError with the message to show."""
    title = " ".join(text.split())
    if not title:
        raise ValueError("A task needs a title.")
    if len(title) > MAX_TITLE:
        raise ValueError(f"A title is at most {MAX_TITLE} characters.")
    return title


def parse_tick_details(
    note: str, tx: str, cost_native: str, cost_token: str, cost_usd: str
) -> TickDetails:
    """The tick form, checked whole; raises FieldErrors naming each bad field."""
    errors: dict[str, str] = {}
    values: dict[str, float | None] = {}
    for key, text, what in (("cost_native", cost_native, "A fee"), ("cost_usd", cost_usd, "A fee")):
        try:
            values[key] = parse_amount(text, what)
        except ValueError as exc:
            errors[key] = str(exc)
    tx = tx.strip()
    if tx and not (_TX_HASH_RE.match(tx) or tx.startswith("https://")):
        errors["tx"] = (
            "Paste a transaction hash (0x + 64 hex digits, or a Solana "
            "signature) or an https:// explorer link."
        )
    if len(note) > MAX_TEXT:
        errors["note"] = f"A note is at most {MAX_TEXT} characters."
    token = cost_token.strip().upper()
    if token and not re.fullmatch(r"[A-Z0-9.]{1,12}", token):
        errors["cost_token"] = "A token symbol is letters and digits, e.g. ETH."
    if errors:
        raise FieldErrors(errors)
    return TickDetails(note.strip(), tx, values["cost_native"], token, values["cost_usd"])


def parse_claim(status: str, amount: str, token: str, day: str, value_usd: str = "") -> Claim:
    """The claim form, checked whole: status, tokens received, token, date and their
    dollar value when received (optional)."""
    from airdrop_desk.core.numbers import NumberError, parse_number

    errors: dict[str, str] = {}
    if status not in CLAIM_STATUSES:
        errors["status"] = "Choose a claim status."
    parsed_amount = parsed_day = parsed_value = None
    try:
        parsed_amount = parse_amount(amount, "An amount")
    except ValueError as exc:
        errors["amount"] = str(exc)
    try:
        parsed_day = parse_date(day)
    except ValueError as exc:
        errors["day"] = str(exc)
    dollars = value_usd.strip().replace(",", "").replace(" ", "").lstrip("$")
    if dollars:
        try:
            parsed_value = parse_number(dollars, "A value")
        except NumberError as exc:
            errors["value_usd"] = str(exc)
    symbol = token.strip().upper()
    if symbol and not re.fullmatch(r"[A-Z0-9.]{1,12}", symbol):
        errors["token"] = "A token symbol is letters and digits, e.g. STRK."
    if errors:
        raise FieldErrors(errors)
    return Claim(status, parsed_amount, symbol, parsed_day, value_usd=parsed_value)

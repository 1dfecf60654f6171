"""Allocation lists and eligibility, as plain data the window, the command line and storage share.

Amounts are kept in a token's base units (an ``int``) and shown in whole tokens, always:
``tokens(base, decimals)`` is the exact ``Decimal`` and ``format_tokens`` the text a
person reads (``1,622,117.40``), never ``1.6e24``. No float touches an amount.

Eligibility of a profile with a project, from the lists it has:

- ``eligible``: on a list, before its deadline (or it has none);
- ``claimed``: on a list, and the profile's claim is recorded as claimed;
- ``missed``: on a list, its deadline passed and no claim was recorded;
- ``not_on_list``: the project has a list, none of the profile's addresses is on it;
- ``no_list``: no list is linked to the project.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from airdrop_desk.core.eligibility_vocab import ELIGIBILITY

__all__ = ["ELIGIBILITY"]  # re-exported: the statuses are named here
# What ``airdrop-desk eligibility check`` prints per match: a profile's match is eligible,
# claimed (its claim is recorded as claimed) or missed (the deadline passed without one);
# an address or handle asked for directly is eligible or its deadline passed.
ELIGIBLE, DEADLINE_PASSED, CLAIMED, MISSED = "eligible", "deadline passed", "claimed", "missed"
FORMATS: dict[str, str] = {
    "rotki": "rotki airdrop index (index_v4.json)",
    "merkle": "merkle-distributor JSON",
    "identities": "identity list (eligibles: identity, amount)",
    "csv": "CSV or TSV with chosen columns",
}
IDENTITY_KINDS: dict[str, str] = {"github": "GitHub", "x": "X", "discord": "Discord"}
MAX_DECIMALS = 36
_HANDLE_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
INT64 = 1 << 63  # amounts below it are stored as an INTEGER


@dataclass(frozen=True)
class AllocList:
    """One imported list: what it pays out, for which project, and where it came from."""

    id: int
    name: str
    project_id: str | None
    token: str
    decimals: int
    rows: int
    duplicates: int
    total: int  # base units
    deadline: dt.datetime | None
    format: str
    source: str
    entry: str  # the key of a rotki index entry; "" otherwise
    sha256: str
    imported_at: dt.datetime


@dataclass(frozen=True)
class Identity:
    """A handle a profile lists besides its wallets (GitHub, X, Discord)."""

    id: int
    profile_id: int
    kind: str
    handle: str


@dataclass(frozen=True)
class Match:
    """One address or handle of a profile found on one list."""

    profile_id: int | None  # None: an address asked for directly, not a profile's
    profile: str
    address: str  # as the profile writes it (EVM: checksummed) or the handle
    list: AllocList
    amount: int  # base units

    @property
    def whole(self) -> Decimal:
        return tokens(self.amount, self.list.decimals)

    def status(self, now: dt.datetime) -> str:
        deadline = self.list.deadline
        return DEADLINE_PASSED if deadline is not None and deadline <= now else ELIGIBLE

    def outcome(self, claim_status: str | None, now: dt.datetime) -> str:
        """eligible, claimed or missed for a profile's match, given its claim record for
        the list's project; ``status`` for an address asked for directly."""
        passed = self.status(now) == DEADLINE_PASSED
        if self.profile_id is None:
            return DEADLINE_PASSED if passed else ELIGIBLE
        if claim_status == CLAIMED:
            return CLAIMED
        return MISSED if passed else ELIGIBLE


@dataclass(frozen=True)
class ProjectEligibility:
    """A profile's eligibility with one project: the status and the matches behind it."""

    status: str  # a key of ELIGIBILITY
    matches: tuple[Match, ...] = ()

    @property
    def amount(self) -> Decimal:
        return sum((m.whole for m in self.matches), Decimal(0))

    @property
    def token(self) -> str:
        return next((m.list.token for m in self.matches if m.list.token), "")

    @property
    def deadline(self) -> dt.datetime | None:
        found = [m.list.deadline for m in self.matches if m.list.deadline]
        return min(found) if found else None

    def summary(self) -> str:
        """ "Eligible: 1,250.50 STRK (Provisions), claim by 2024-06-20"; the label otherwise."""
        label = ELIGIBILITY[self.status]
        if not self.matches:
            return label
        names = ", ".join(dict.fromkeys(m.list.name for m in self.matches))
        text = f"{label}: {format_tokens_decimal(self.amount)} {self.token}".rstrip()
        text += f" ({names})"
        deadline = self.deadline
        if deadline is not None:
            day = deadline.date().isoformat()
            text += f", claim by {day}" if self.status == "eligible" else f", deadline {day}"
        return text


def eligibility_status(
    matched: bool,
    has_list: bool,
    deadline: dt.datetime | None,
    claim_status: str | None,
    now: dt.datetime,
) -> str:
    """The ELIGIBILITY key for a profile and a project."""
    if not has_list:
        return "no_list"
    if not matched:
        return "not_on_list"
    if claim_status == "claimed":
        return "claimed"
    if deadline is not None and deadline <= now:
        return "missed"
    return "eligible"


# -- amounts -----------------------------------------------------------------------------
def tokens(base: int, decimals: int) -> Decimal:
    """``base`` units as whole tokens, exactly."""
    return Decimal(base).scaleb(-decimals)


def format_tokens_decimal(amount: Decimal) -> str:
    """1,622,117.40 (two places from 1 up); small amounts keep their significant digits."""
    if amount >= 1 or amount == 0:
        return f"{amount.quantize(Decimal('0.01')):,.2f}"
    text = f"{amount.normalize():f}"
    return text if len(text) <= 12 else f"{amount:.10f}".rstrip("0")


def format_tokens(base: int, decimals: int) -> str:
    return format_tokens_decimal(tokens(base, decimals))


def encode_amount(base: int) -> int | bytes:
    """How a row keeps its amount: an INTEGER when it fits 64 bits, else big-endian bytes."""
    if base < INT64:
        return base
    return base.to_bytes((base.bit_length() + 7) // 8, "big")


def decode_amount(stored: int | bytes) -> int:
    return stored if isinstance(stored, int) else int.from_bytes(stored, "big")


def parse_handle(kind: str, text: str) -> str:
    """A handle without its leading @; raises ValueError saying what is wrong."""
    from airdrop_desk.core.text import check_name

    if kind not in IDENTITY_KINDS:
        raise ValueError(f"'{kind}' is not an identity kind; use {', '.join(IDENTITY_KINDS)}.")
    # Hidden characters are named first (where they are), as in every name a user enters.
    handle = check_name(text, f"{IDENTITY_KINDS[kind]} handle").removeprefix("@")
    if not _HANDLE_RE.match(handle):
        raise ValueError(
            f"'{text.strip()}' is not a {IDENTITY_KINDS[kind]} handle: letters, digits, "
            "_ . or -, at most 100."
        )
    return handle

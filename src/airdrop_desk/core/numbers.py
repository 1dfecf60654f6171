"""Numbers typed by people, checked once with bounds: amounts, points, ranks.

Every form and every command reads its numbers through ``parse_number``, so a value
that the database, the sums or the formatting cannot hold (``1e308`` dollars, a rank
of 10^23, ``1e999999999`` tokens) is refused where it is typed, in words, and never
reaches storage. The bounds are far above any real amount yet small enough that any
sum of a few thousand of them still formats with cents.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

MAX_AMOUNT = Decimal(10) ** 15  # tokens or dollars in one entry
MAX_POINTS = Decimal(10) ** 15
MAX_RANK = 10**9
MAX_DIGITS = 40  # significant digits of one amount
MAX_PLACES = 18  # the smallest unit of most tokens


class NumberError(ValueError):
    """Text that is not a usable number; ``str()`` says why, naming the field."""


def limit_text(limit: Decimal | int) -> str:
    return f"{int(limit):,}"


def parse_number(
    text: str,
    what: str = "An amount",
    *,
    limit: Decimal | int = MAX_AMOUNT,
    allow_zero: bool = True,
) -> Decimal:
    """A finite, non-negative decimal no larger than ``limit``; ``text`` already cleaned
    of separators by the caller. Raises ``NumberError`` naming ``what`` is wrong."""
    cleaned = text.strip()
    if not cleaned:
        raise NumberError(f"{what} is empty.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise NumberError(
            f"'{cleaned[:40]}' is not a number (use a dot for decimals, e.g. 1250.5)."
        ) from None
    if not value.is_finite():
        raise NumberError(f"'{cleaned[:40]}' is not a finite number.")
    if value < 0 or (value == 0 and not allow_zero):
        raise NumberError(
            f"{what} cannot be negative." if allow_zero else f"{what} must be more than zero."
        )
    # Exact to the last digit is the point of a decimal: refuse rather than round.
    if len(value.as_tuple().digits) > MAX_DIGITS:
        raise NumberError(f"{what} has more than {MAX_DIGITS} digits.")
    if value > limit:
        raise NumberError(f"{what} is too large: at most {limit_text(limit)}.")
    if value and (
        value.adjusted() < -MAX_PLACES or int(value.normalize().as_tuple().exponent) < -MAX_PLACES
    ):
        raise NumberError(f"{what} has more than {MAX_PLACES} decimal places.")
    return value


def parse_whole(text: str, what: str, *, low: int = 1, limit: int = MAX_RANK) -> int:
    """A whole number from ``low`` to ``limit``."""
    cleaned = text.strip()
    if not cleaned.isdigit() or int(cleaned) < low:
        raise NumberError(f"{what} is a whole number from {low} up.")
    if len(cleaned) > len(str(limit)) or int(cleaned) > limit:
        raise NumberError(f"{what} is too large: at most {limit_text(limit)}.")
    return int(cleaned)

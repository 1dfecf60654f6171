"""Every number a person types is bounded where it is typed: forms and commands alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from airdrop_desk.app import run as app_run
from airdrop_desk.core.points import parse_points, parse_rank
from airdrop_desk.core.portfolio import AmountError, parse_amount
from airdrop_desk.core.tracking import FieldErrors, parse_claim, parse_tick_details


@pytest.mark.parametrize("text", ["1e308", "1e999999999", "1000000000000001", "1e16"])
def test_amounts_beyond_the_bound_are_refused_in_words(text: str) -> None:
    with pytest.raises(FieldErrors) as fee:
        parse_tick_details("", "", "", "", text)
    assert fee.value.errors["cost_usd"] == "A fee is too large: at most 1,000,000,000,000,000."
    with pytest.raises(FieldErrors) as claim:
        parse_claim("claimed", text, "STRK", "")
    assert "too large" in claim.value.errors["amount"]
    with pytest.raises(AmountError, match="too large"):
        parse_amount(text)
    with pytest.raises(ValueError, match="too large"):
        parse_points(text)


def test_the_bound_itself_and_tiny_amounts() -> None:
    assert parse_tick_details("", "", "", "", "1,000,000,000,000,000").cost_usd == 1e15
    assert str(parse_amount("0.000000000000000001")) == "1E-18"
    with pytest.raises(AmountError, match="18 decimal places"):
        parse_amount("1e-999999999")


def test_a_rank_is_at_most_a_billion() -> None:
    assert parse_rank("#1,000,000,000") == 10**9
    with pytest.raises(ValueError, match="too large: at most 1,000,000,000"):
        parse_rank("100000000000000000000000")


def test_holdings_add_with_an_absurd_amount_says_so_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = app_run(
        ["portfolio", "holdings", "add", "ETH", "1e999999999", "--data-dir", str(tmp_path)]
    )
    out = capsys.readouterr()
    assert code == 1 and out.out == ""
    assert out.err == ("airdrop-desk: The amount is too large: at most 1,000,000,000,000,000.\n")

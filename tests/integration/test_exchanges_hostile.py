"""Replies a hostile or broken server might send: never a verdict, never a secret shown."""

from __future__ import annotations

import traceback

import pytest
from fakes.all import FAST
from fakes.server import FakeExchanges

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.exchanges.model import ExchangeError, Failure, PermissionVerdict, RequestRecord
from airdrop_desk.keys.verify import client_for

NAMES = list(registry.NAMES)
QUICK = {**FAST, "deadline": 0.5}


def ask(
    fakes: FakeExchanges, name: str, scenario: str
) -> tuple[PermissionVerdict | ExchangeError, list[RequestRecord], Credentials]:
    account = fakes.add(name, scenario)
    credentials = Credentials.of(**account.credentials())
    records: list[RequestRecord] = []
    with client_for(name, credentials, records, **QUICK) as client:
        try:
            return client.permissions(), records, credentials
        except ExchangeError as exc:
            return exc, records, credentials


@pytest.mark.parametrize("name", NAMES)
def test_a_redirect_carrying_a_report_is_not_a_report(fakes: FakeExchanges, name: str) -> None:
    error, records, _ = ask(fakes, name, "redirect")
    assert isinstance(error, ExchangeError), error
    assert "HTTP 302" in str(error)
    assert [r.http_status for r in records] == [302]


@pytest.mark.parametrize("name", NAMES)
def test_a_reply_dripped_a_byte_at_a_time_stops_at_the_deadline(
    fakes: FakeExchanges, name: str
) -> None:
    error, records, _ = ask(fakes, name, "drip")
    assert isinstance(error, ExchangeError) and error.kind is Failure.TIMEOUT, error
    assert "did not finish its reply within 0.5 s" in str(error)
    assert [r.outcome for r in records] == ["timeout"]


@pytest.mark.parametrize("scenario", ["huge", "gzip_bomb"])
@pytest.mark.parametrize("name", ["binance", "okx"])
def test_a_reply_over_one_mebibyte_is_refused(
    fakes: FakeExchanges, name: str, scenario: str
) -> None:
    error, records, _ = ask(fakes, name, scenario)
    assert isinstance(error, ExchangeError) and error.kind is Failure.MALFORMED, error
    assert "larger than 1024 KiB" in str(error)
    assert [r.outcome for r in records] == ["malformed"]


@pytest.mark.parametrize("name", NAMES)
def test_secrets_echoed_in_any_field_are_never_shown_or_recorded(
    fakes: FakeExchanges, name: str
) -> None:
    error, records, credentials = ask(fakes, name, "echo")
    assert isinstance(error, ExchangeError), error
    kept = [str(error)] + [f"{r.outcome} {r.detail}" for r in records]
    for text in kept:
        for secret in credentials.values():
            assert secret not in text
            assert secret[:24] not in text  # not even a prefix
        assert "\x1b" not in text and "\u202e" not in text
        assert "\n" not in text
    assert all(len(r.detail) <= 40 for r in records)


def test_a_traceback_that_prints_locals_shows_nothing_secret(fakes: FakeExchanges) -> None:
    """The signed request, the client and the credentials all mask themselves."""
    credentials = Credentials.of(**fakes.add("okx", "drip").credentials())

    def check_key() -> None:
        with client_for("okx", credentials, [], **QUICK) as client:
            client.permissions()

    with pytest.raises(ExchangeError) as caught:
        check_key()
    shown = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert "signed = Signed(" in shown and "self = <Okx" in shown  # the locals are there
    signature = fakes.requests[-1].header("OK-ACCESS-SIGN") or ""
    for secret in [*credentials.values(), signature]:
        assert secret and secret not in shown

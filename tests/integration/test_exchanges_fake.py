"""Every exchange client against its fake: signatures, scenarios, retries, clock sync."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from fakes.all import FAST
from fakes.server import FakeExchanges

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.credentials import Credentials
from airdrop_desk.exchanges.model import ExchangeError, Failure, PermissionVerdict, RequestRecord
from airdrop_desk.keys.verify import client_for

NAMES = list(registry.NAMES)


def ask(
    fakes: FakeExchanges, name: str, scenario: str, **options: str
) -> tuple[PermissionVerdict | ExchangeError, list[RequestRecord]]:
    account = fakes.add(name, scenario, **options)
    records: list[RequestRecord] = []
    with client_for(name, Credentials.of(**account.credentials()), records, **FAST) as client:
        try:
            return client.permissions(), records
        except ExchangeError as exc:
            return exc, records


@pytest.mark.parametrize("name", NAMES)
def test_read_only_key_is_accepted(fakes: FakeExchanges, name: str) -> None:
    verdict, records = ask(fakes, name, "read_only")
    assert isinstance(verdict, PermissionVerdict)
    assert verdict.read_only and verdict.problems == () and verdict.unknown == ()
    assert verdict.ip_restricted is (None if name == "coinbase" else False)
    assert [(r.outcome, r.http_status) for r in records] == [("ok", 200)]


@pytest.mark.parametrize("scenario", ["trade", "withdraw", "transfer"])
@pytest.mark.parametrize("name", NAMES)
def test_write_rights_are_named_in_the_exchanges_words(
    fakes: FakeExchanges, name: str, scenario: str
) -> None:
    verdict, _ = ask(fakes, name, scenario)
    assert isinstance(verdict, PermissionVerdict)
    assert not verdict.read_only
    assert verdict.problems == fakes.fakes[name].problems[scenario]


@pytest.mark.parametrize("name", NAMES)
def test_ip_restriction_is_reported(fakes: FakeExchanges, name: str) -> None:
    verdict, _ = ask(fakes, name, "ip_restricted")
    assert isinstance(verdict, PermissionVerdict) and verdict.read_only
    assert verdict.ip_restricted is (None if name == "coinbase" else True)


@pytest.mark.parametrize("name", NAMES)
def test_expired_key_is_never_accepted(fakes: FakeExchanges, name: str) -> None:
    verdict, _ = ask(fakes, name, "expired")
    if name == "kraken":  # Kraken reports the expiry date in the key's info
        assert isinstance(verdict, PermissionVerdict)
        assert verdict.expires_at is not None
        assert verdict.expires_at < dt.datetime.now(dt.UTC)
    else:
        assert isinstance(verdict, ExchangeError) and verdict.kind is Failure.AUTH
        if name == "bybit":
            assert "expired" in str(verdict)


@pytest.mark.parametrize("name", NAMES)
def test_unauthorized_key(fakes: FakeExchanges, name: str) -> None:
    error, records = ask(fakes, name, "unauthorized")
    assert isinstance(error, ExchangeError) and error.kind is Failure.AUTH
    assert f"{registry.title(name)} rejected the key" in str(error)
    assert records[-1].outcome == "auth_rejected"


@pytest.mark.parametrize("name", NAMES)
def test_malformed_reply(fakes: FakeExchanges, name: str) -> None:
    error, records = ask(fakes, name, "malformed")
    assert isinstance(error, ExchangeError) and error.kind is Failure.MALFORMED
    assert "cannot read" in str(error)
    assert [r.outcome for r in records] == ["malformed"]


@pytest.mark.parametrize("name", NAMES)
def test_rate_limit_is_retried_then_ok(fakes: FakeExchanges, name: str) -> None:
    verdict, records = ask(fakes, name, "rate_limited")
    assert isinstance(verdict, PermissionVerdict) and verdict.read_only
    assert [r.outcome for r in records] == ["rate_limited", "ok"]


@pytest.mark.parametrize("name", NAMES)
def test_server_error_is_retried_a_bounded_number_of_times(fakes: FakeExchanges, name: str) -> None:
    error, records = ask(fakes, name, "server_error")
    assert isinstance(error, ExchangeError) and error.kind is Failure.SERVER
    assert [(r.outcome, r.http_status) for r in records] == [("server_error", 500)] * 3
    assert "HTTP 500" in str(error)


@pytest.mark.parametrize("name", NAMES)
def test_slow_exchange_times_out(fakes: FakeExchanges, name: str) -> None:
    error, records = ask(fakes, name, "slow")
    assert isinstance(error, ExchangeError) and error.kind is Failure.TIMEOUT
    assert "did not answer within 0.5 s" in str(error)
    assert [r.outcome for r in records] == ["timeout"]
    assert records[0].latency_ms >= 450


@pytest.mark.parametrize(
    "name",
    [n for n in NAMES if registry.client_class(n).time_request is not None and n != "coinbase"],
)
def test_clock_skew_is_fixed_by_syncing_server_time(skewed: FakeExchanges, name: str) -> None:
    verdict, records = ask(skewed, name, "read_only")
    assert isinstance(verdict, PermissionVerdict) and verdict.read_only
    assert [r.outcome for r in records] == ["clock_skew", "ok"]


def test_coinbase_ed25519_key(fakes: FakeExchanges) -> None:
    verdict, _ = ask(fakes, "coinbase", "read_only", algorithm="EdDSA")
    assert isinstance(verdict, PermissionVerdict) and verdict.read_only


def test_kraken_nonce_rises_and_a_stale_one_is_retried(fakes: FakeExchanges) -> None:
    account = fakes.add("kraken", "read_only")
    records: list[RequestRecord] = []
    frozen = 1_700_000_000.0  # a clock that never moves: nonces must still rise
    with client_for(
        "kraken", Credentials.of(**account.credentials()), records, clock=lambda: frozen, **FAST
    ) as client:
        client.permissions()
        client.permissions()
        account.last_nonce += 1  # another request with this key took our next nonce
        assert client.permissions().read_only
    assert [r.outcome for r in records] == ["ok", "ok", "clock_skew", "ok"]


def test_wrong_secret_is_rejected_and_the_echoed_key_is_scrubbed(fakes: FakeExchanges) -> None:
    account = fakes.add("bybit", "read_only")
    records: list[RequestRecord] = []
    wrong = Credentials.of(account.api_key, "0" * 64)
    with (
        client_for("bybit", wrong, records, **FAST) as client,
        pytest.raises(ExchangeError) as caught,
    ):
        client.permissions()
    assert caught.value.kind is Failure.AUTH
    assert "error sign" in str(caught.value)
    assert account.api_key not in str(caught.value)
    assert "********" in str(caught.value)


def test_secrets_never_travel_and_logs_hold_no_signature(
    fakes: FakeExchanges, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in NAMES:
        ask(fakes, name, "read_only")
    assert "signature=" not in caplog.text
    assert "HTTP Request" in caplog.text  # httpx did log, without the query
    secrets = {a.api_secret for a in fakes.accounts.values()}
    for request in fakes.requests:
        wire = (request.path + request.query + repr(request.headers)).encode() + request.body
        assert not any(s.encode() in wire for s in secrets)


def test_audit_records_name_the_endpoint_without_query(fakes: FakeExchanges) -> None:
    _, records = ask(fakes, "binance", "read_only")
    assert records[0].endpoint == "/sapi/v1/account/apiRestrictions"
    assert records[0].method == "GET" and records[0].exchange == "binance"
    assert records[0].latency_ms >= 0

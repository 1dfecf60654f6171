"""The base of every exchange client: sign, send, retry, sync the clock, record, unwrap.

Subclasses hold what differs between exchanges, as data where it can be (URLs, paths,
error codes) and as small methods where it cannot (signing, envelope, parsing).
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypedDict
from urllib.parse import urlencode, urlsplit

import httpx

from airdrop_desk.core import clock
from airdrop_desk.core.text import one_line
from airdrop_desk.exchanges.credentials import MASK, Credentials
from airdrop_desk.exchanges.http import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    MAX_REPLY_BYTES,
    Reply,
    ReplyTooLarge,
    ReplyTooSlow,
    connect_timeout,
    fetch,
    open_http,
    resolve_base_url,
)
from airdrop_desk.exchanges.model import (
    Balance,
    ExchangeError,
    ExchangeInfo,
    Failure,
    PermissionVerdict,
    RequestRecord,
)

Recorder = Callable[[RequestRecord], None]


class ClientOptions(TypedDict, total=False):
    """How a client talks to its exchange; tests shorten the timeout, deadline and backoff."""

    timeout: float
    deadline: float
    backoff: float
    clock: Callable[[], float]


@dataclass(frozen=True)
class ApiRequest:
    """An unsigned call: method, API path and parameters (query for GET, body for POST)."""

    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, repr=False)
class Signed:
    """What goes on the wire: the query string, body and headers after signing.

    They hold the key, the passphrase and the signature, so the repr names only the
    header names and the sizes (a traceback that prints locals shows nothing secret).
    """

    query: str = ""
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        names = ", ".join(f"{name}={MASK}" for name in self.headers)
        body = "None" if self.body is None else f"<{len(self.body)} bytes>"
        return f"Signed(query=<{len(self.query)} chars>, body={body}, headers={{{names}}})"

    __str__ = __repr__


@dataclass(frozen=True)
class ApiFault:
    """An error the exchange reported in its reply: its code and message."""

    code: str
    message: str


class ExchangeClient:
    """One exchange's signed REST API used with one key.

    ``info`` is the exchange's line in ``exchanges.registry`` (its name, title and whether
    keys have a passphrase); the other class attributes describe its API. ``permissions()``
    and ``balances()`` are the two things the app asks. Every signed request is passed to
    ``record`` (the audit log).
    """

    info: ClassVar[ExchangeInfo]
    default_url: ClassVar[str]
    permission_request: ClassVar[ApiRequest]
    time_request: ClassVar[ApiRequest | None] = None
    clock_codes: ClassVar[frozenset[str]] = frozenset()
    auth_codes: ClassVar[frozenset[str]] = frozenset()
    rate_codes: ClassVar[frozenset[str]] = frozenset()
    clock_advice: ClassVar[str] = (
        "It still disagreed after syncing with its clock; set this "
        "computer's clock to update automatically."
    )

    max_attempts: ClassVar[int] = 3
    max_wait: ClassVar[float] = 2.0

    def __init__(
        self,
        credentials: Credentials,
        *,
        record: Recorder | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        backoff: float = 0.25,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.credentials = credentials
        self.base_url = resolve_base_url(self.name, self.default_url)
        self.timeout = timeout
        self.deadline = deadline
        self._record = record or (lambda _r: None)
        self._backoff = backoff
        self._clock = clock
        self._offset_ms = 0
        self._started = time.perf_counter()
        self._http = open_http(self.base_url, timeout)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.base_url} key={self.credentials.masked_key}>"

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def title(self) -> str:
        return self.info.title

    # -- what the app asks -------------------------------------------------------------

    def permissions(self) -> PermissionVerdict:
        """The exchange's verdict on this key's rights, read fail-closed."""
        data = self.call(self.permission_request)
        try:
            return self.verdict(data)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError):
            raise self._malformed("its permission report has an unexpected shape") from None

    def balances(self) -> list[Balance]:
        """Non-zero balances of every wallet this client reads."""
        try:
            return [b for b in self.read_balances() if b.amount != 0]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            raise self._malformed("its balance report has an unexpected shape") from None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ExchangeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what subclasses provide ---------------------------------------------------------

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        raise NotImplementedError

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        """The exchange's error in ``payload``, or None when it reports success."""
        raise NotImplementedError

    def unwrap(self, payload: Any) -> Any:
        """The data inside the exchange's success envelope."""
        return payload

    def server_time_ms(self, payload: Any) -> int:
        raise NotImplementedError

    def verdict(self, data: Any) -> PermissionVerdict:
        raise NotImplementedError

    def read_balances(self) -> list[Balance]:
        raise NotImplementedError

    # -- the request loop ----------------------------------------------------------------

    def now_ms(self) -> int:
        return int(self._clock() * 1000) + self._offset_ms

    def new_nonce(self) -> str:
        return secrets.token_hex(16)

    def call(self, request: ApiRequest) -> Any:
        """Send ``request`` signed; retry 429/5xx with backoff, resync the clock once."""
        synced = False
        attempt = 0
        while True:
            attempt += 1
            response = self._send(request, self.sign(request, self.now_ms(), self.new_nonce()))
            status = response.status_code
            if status in (418, 429) or status >= 500:
                kind = Failure.SERVER if status >= 500 else Failure.RATE_LIMITED
                fault = ApiFault("", f"HTTP {status}")
            else:
                payload = self._json(request, response)
                found = self.fault(status, payload)
                if found is None and not 200 <= status < 300:
                    # A redirect (or any other non-2xx) is never a report, whatever it holds.
                    found = ApiFault("", f"HTTP {status}")
                if found is None:
                    self._log(request, "ok", status)
                    try:
                        return self.unwrap(payload)
                    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
                        raise self._malformed("its reply has an unexpected shape", status) from None
                fault = ApiFault(self.scrub(found.code, 40), self.scrub(found.message))
                kind = self._classify(status, fault)
            self._log(request, kind.value, status, fault.code)
            if kind is Failure.CLOCK and not synced:
                self.sync_clock()
                synced = True
                continue
            # 418 means "banned for a while": retrying would only extend the ban.
            if (
                kind in (Failure.RATE_LIMITED, Failure.SERVER)
                and status != 418
                and attempt < self.max_attempts
            ):
                time.sleep(self._delay(attempt, response.headers.get("retry-after")))
                continue
            raise ExchangeError(kind, self._explain(kind, status, fault, attempt), status)

    def _send(self, request: ApiRequest, signed: Signed) -> Reply:
        self._started = time.perf_counter()
        try:
            return fetch(
                self._http,
                request.method,
                self.base_url + request.path + (f"?{signed.query}" if signed.query else ""),
                deadline=self.deadline,
                content=signed.body,
                headers=signed.headers,
            )
        except ReplyTooSlow:
            self._log(request, Failure.TIMEOUT.value, None)
            raise ExchangeError(
                Failure.TIMEOUT,
                f"{self.title} did not finish its reply within "
                f"{self.deadline:g} s ({request.method} {request.path}).",
            ) from None
        except ReplyTooLarge:
            self._log(request, Failure.MALFORMED.value, None)
            raise self._malformed(
                f"its reply is larger than {MAX_REPLY_BYTES // 1024} KiB or compressed "
                "in a way this app does not read"
            ) from None
        except httpx.TimeoutException as exc:
            self._log(request, Failure.TIMEOUT.value, None)
            what = (
                f"did not accept a connection within {connect_timeout(self.timeout):g} s"
                if isinstance(exc, httpx.ConnectTimeout)
                else f"did not answer within {self.timeout:g} s"
            )
            raise ExchangeError(
                Failure.TIMEOUT, f"{self.title} {what} ({request.method} {request.path})."
            ) from None
        except httpx.HTTPError as exc:
            self._log(request, Failure.NETWORK.value, None)
            host = urlsplit(self.base_url).netloc
            raise ExchangeError(
                Failure.NETWORK, f"Could not reach {self.title} at {host} ({type(exc).__name__})."
            ) from None

    def _json(self, request: ApiRequest, response: Reply) -> Any:
        """The reply's JSON; None for a non-JSON 401/403, which ``fault`` then reports."""
        try:
            return json.loads(response.content)
        except ValueError:
            if response.status_code in (401, 403):
                return None
            self._log(request, Failure.MALFORMED.value, response.status_code)
            raise self._malformed(
                f"HTTP {response.status_code}, not JSON", response.status_code
            ) from None

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay: float = self._backoff * 2 ** (attempt - 1)
        if retry_after and retry_after.isdigit():
            delay = max(delay, float(retry_after))
        return min(delay, self.max_wait)

    def sync_clock(self) -> None:
        """Measure this computer's clock against the exchange's (an unsigned call)."""
        if self.time_request is None:
            return
        before = time.time()
        try:
            reply = fetch(
                self._http, "GET", self.base_url + self.time_request.path, deadline=self.deadline
            )
            if not 200 <= reply.status_code < 300:
                return
            server_ms = self.server_time_ms(json.loads(reply.content))
        except (
            httpx.HTTPError,
            ReplyTooSlow,
            ReplyTooLarge,
            ValueError,
            KeyError,
            TypeError,
            IndexError,
            OverflowError,
        ):
            return  # the signed retry then fails with the exchange's own clock message
        local_ms = int((before + time.time()) / 2 * 1000)
        self._offset_ms = server_ms - local_ms

    def _classify(self, status: int, fault: ApiFault) -> Failure:
        if fault.code in self.clock_codes:
            return Failure.CLOCK
        if fault.code in self.rate_codes:
            return Failure.RATE_LIMITED
        if fault.code in self.auth_codes or status in (401, 403):
            return Failure.AUTH
        return Failure.REJECTED

    def _explain(self, kind: Failure, status: int, fault: ApiFault, attempts: int) -> str:
        said = self.scrub(fault.message) or f"HTTP {status}"
        code = f" (code {fault.code})" if fault.code and fault.code not in said else ""
        if kind is Failure.SERVER:
            return (
                f"{self.title} had a server error ({said}) {attempts} times in a row; "
                "try again later."
            )
        if kind is Failure.AUTH:
            what = "key, secret and passphrase" if self.info.needs_passphrase else "key and secret"
            return (
                f"{self.title} rejected the key: {said}{code}. Check the {what}, that the "
                "key still exists and that this computer's IP address is allowed."
            )
        if kind is Failure.CLOCK:
            return f"{self.title} rejected the request: {said}{code}. {self.clock_advice}"
        if kind is Failure.RATE_LIMITED:
            return (
                f"{self.title} is limiting requests ({said}{code}); wait a few minutes and "
                "try again."
            )
        return f"{self.title} refused the request: {said}{code}."

    def scrub(self, text: str, limit: int = 200) -> str:
        """Text from the exchange made safe to show, store and log: no part of the key,
        secret or passphrase (before and after cleaning), no control or invisible
        characters, one line of at most ``limit`` characters."""
        for _ in range(2):  # again after cleaning: a secret split by invisible characters
            for value in sorted(self.credentials.values(), key=len, reverse=True):
                text = text.replace(value, MASK)
            text = one_line(text, 10_000)
        return one_line(text, limit)

    def _malformed(self, what: str, status: int | None = None) -> ExchangeError:
        return ExchangeError(
            Failure.MALFORMED, f"{self.title} sent a reply this app cannot read ({what}).", status
        )

    def _log(self, request: ApiRequest, outcome: str, status: int | None, detail: str = "") -> None:
        latency = int((time.perf_counter() - self._started) * 1000)
        self._record(
            RequestRecord(
                clock.utc_now(),
                self.name,
                request.method,
                request.path,
                outcome,
                status,
                latency,
                detail,
            )
        )

    # -- helpers for subclasses ------------------------------------------------------------

    def key(self) -> str:
        return self.credentials.api_key.reveal()

    def secret(self) -> bytes:
        return self.credentials.api_secret.reveal().encode()

    def passphrase(self) -> str:
        p = self.credentials.passphrase
        if p is None:
            raise ExchangeError(Failure.CONFIG, f"{self.title} keys need their passphrase.")
        return p.reveal()


def query_string(params: dict[str, str]) -> str:
    return urlencode(params)


class CodeEnvelopeClient(ExchangeClient):
    """Exchanges that answer ``{"code": ..., "msg": ..., "data": ...}`` (OKX, KuCoin, Bitget).

    Only the success code differs between them: ``ok_code``.
    """

    ok_code: ClassVar[str]

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        if isinstance(payload, dict) and str(payload.get("code", self.ok_code)) != self.ok_code:
            return ApiFault(str(payload["code"]), str(payload.get("msg", "")))
        if status >= 400 or not isinstance(payload, dict) or "data" not in payload:
            return ApiFault("", f"HTTP {status}")
        return None

    def unwrap(self, payload: Any) -> Any:
        return payload["data"]

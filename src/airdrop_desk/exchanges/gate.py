"""Gate v4: hex HMAC-SHA512 over method, path, query, body hash and timestamp."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from airdrop_desk.exchanges import registry
from airdrop_desk.exchanges.base import ApiFault, ApiRequest, ExchangeClient, Signed, query_string
from airdrop_desk.exchanges.model import (
    Balance,
    ExchangeError,
    Failure,
    PermissionVerdict,
    case_twins,
    decimal,
    list_of_str,
)

# The areas a Gate key's rights cover, as ``perms[].name`` spells them.
PERM_NAMES = frozenset(
    {"wallet", "spot", "futures", "delivery", "earn", "options", "account", "unified", "loan"}
)
RIGHTS_FIELDS = frozenset({"perms", "ip_whitelist"})


def verdict(entry: Any) -> PermissionVerdict:
    """Read one key's entry of ``GET /api/v4/account/main_keys``, as an allow-list.

    ``perms`` is a list of ``{"name", "read_only"}`` objects; each must name a known area
    (``PERM_NAMES``) with ``read_only`` the boolean true. A right that is not read-only
    is a problem; an unknown area, an extra field or another type is unknown.
    """
    if not isinstance(entry, dict):
        raise TypeError("the key's entry is not an object")
    perms = entry["perms"]
    if not isinstance(perms, list):
        raise TypeError("perms is not a list")
    problems: list[str] = []
    unknown = case_twins(entry, RIGHTS_FIELDS)
    readable = 0
    for perm in perms:
        if not isinstance(perm, dict) or set(perm) != {"name", "read_only"}:
            unknown.append(f"perms[]={perm!r}"[:120])
            continue
        name, read_only = perm["name"], perm["read_only"]
        if not isinstance(name, str) or name not in PERM_NAMES:
            unknown.append(f"{name!r}"[:60])
        elif read_only is not True:
            problems.append(name)
        else:
            readable += 1
    ips = entry.get("ip_whitelist")
    return PermissionVerdict.judge(
        can_read=readable > 0,
        problems=problems,
        unknown=unknown,
        ip_restricted=bool(ips) if list_of_str(ips) else None,
    )


def find_key(entries: Any, api_key: str) -> Any:
    """This key's entry in the list of all main-account keys, matched by its masked form.

    Gate lists keys masked (``abcd****wxyz``); when no entry or more than one matches,
    the key cannot be verified and the caller fails closed.
    """

    def matches(masked: str) -> bool:
        head, _, tail = masked.partition("*")
        tail = tail.lstrip("*")
        return bool(head) and api_key.startswith(head) and api_key.endswith(tail)

    found = [e for e in entries if isinstance(e.get("key"), str) and matches(e["key"])]
    if len(found) != 1:
        raise ExchangeError(
            Failure.MALFORMED,
            "Gate's key list does not show this key exactly once, so its rights cannot be checked.",
        )
    return found[0]


class Gate(ExchangeClient):
    """Gate REST API v4 (``KEY`` / ``Timestamp`` / ``SIGN`` headers)."""

    info = registry.info("gate")
    default_url = "https://api.gateio.ws"
    permission_request = ApiRequest("GET", "/api/v4/account/main_keys")
    time_request = ApiRequest("GET", "/api/v4/spot/time")
    clock_codes = frozenset({"REQUEST_EXPIRED"})
    auth_codes = frozenset(
        {
            "INVALID_KEY",
            "INVALID_SIGNATURE",
            "IP_FORBIDDEN",
            "FORBIDDEN",
            "MISSING_REQUIRED_HEADER",
            "READ_ONLY",
        }
    )
    rate_codes = frozenset({"TOO_MANY_REQUESTS"})

    def sign(self, request: ApiRequest, timestamp_ms: int, nonce: str) -> Signed:
        ts = str(timestamp_ms // 1000)
        query = query_string(dict(sorted(request.params.items())))
        body_hash = hashlib.sha512(b"").hexdigest()
        payload = "\n".join([request.method, request.path, query, body_hash, ts])
        signature = hmac.new(self.secret(), payload.encode(), hashlib.sha512).hexdigest()
        return Signed(
            query=query,
            headers={
                "KEY": self.key(),
                "Timestamp": ts,
                "SIGN": signature,
                "Content-Type": "application/json",
            },
        )

    def fault(self, status: int, payload: Any) -> ApiFault | None:
        if isinstance(payload, dict) and "label" in payload:
            return ApiFault(str(payload["label"]), str(payload.get("message", "")))
        if status >= 400:
            return ApiFault("", f"HTTP {status}")
        return None

    def server_time_ms(self, payload: Any) -> int:
        return int(payload["server_time"])

    def verdict(self, data: Any) -> PermissionVerdict:
        return verdict(find_key(data, self.key()))

    def read_balances(self) -> list[Balance]:
        data = self.call(ApiRequest("GET", "/api/v4/spot/accounts"))
        return [
            Balance(
                a["currency"],
                decimal(a["available"], "available") + decimal(a["locked"], "locked"),
                "spot",
            )
            for a in data
        ]

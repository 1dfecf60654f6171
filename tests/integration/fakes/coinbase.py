"""Fake Coinbase Advanced Trade: verifies the CDP JWT (ES256 or EdDSA) with the key's public key."""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from typing import Any, ClassVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from fakes.common import FakeBase, Problems, Routes
from fakes.server import Account, FakeExchanges, Incoming, Reply


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


UNAUTHORIZED = Reply(401, b"Unauthorized\n", {"Content-Type": "text/plain"})


class FakeCoinbase(FakeBase):
    name = "coinbase"
    problems: ClassVar[Problems] = {
        "trade": ("can_trade",),
        "withdraw": ("can_transfer",),
        "transfer": ("can_transfer",),
    }
    routes: ClassVar[Routes] = {
        ("GET", "/api/v3/brokerage/key_permissions"): "permission_reply",
        ("GET", "/api/v3/brokerage/accounts"): "accounts",
    }

    def new_account(self, scenario: str, algorithm: str = "ES256") -> Account:
        if algorithm == "ES256":
            private = ec.generate_private_key(ec.SECP256R1())
            secret = private.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            ).decode()
            name = f"organizations/{uuid.uuid4()}/apiKeys/{uuid.uuid4()}"
            # Users copy the PEM out of the downloaded JSON file with literal "\n".
            secret = secret.replace("\n", "\\n")
            public: Any = private.public_key()
        else:
            ed = ed25519.Ed25519PrivateKey.generate()
            secret = base64.b64encode(
                ed.private_bytes_raw() + ed.public_key().public_bytes_raw()
            ).decode()
            name = str(uuid.uuid4())
            public = ed.public_key()
        return Account(self.name, name, secret, None, scenario, public_key=public)

    def public(self, server: FakeExchanges, req: Incoming) -> Reply | None:
        if req.path == "/api/v3/brokerage/time":
            ms = server.now_ms()
            return Reply(200, {"iso": "", "epochSeconds": str(ms // 1000), "epochMillis": str(ms)})
        return None

    def authenticate(self, server: FakeExchanges, req: Incoming) -> Account | Reply:
        auth = req.header("Authorization") or ""
        if not auth.startswith("Bearer "):
            return UNAUTHORIZED
        try:
            head_b64, claims_b64, sig_b64 = auth.removeprefix("Bearer ").split(".")
            header = json.loads(b64url(head_b64))
            claims = json.loads(b64url(claims_b64))
            signature = b64url(sig_b64)
        except ValueError:
            return UNAUTHORIZED
        account = server.account(header.get("kid"))
        if account is None or account.exchange != self.name or claims.get("sub") != header["kid"]:
            return UNAUTHORIZED
        signed = f"{head_b64}.{claims_b64}".encode()
        try:
            if isinstance(account.public_key, ec.EllipticCurvePublicKey):
                if header.get("alg") != "ES256" or len(signature) != 64:
                    return UNAUTHORIZED
                der = encode_dss_signature(
                    int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
                )
                account.public_key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
                uris = [claims.get("uri")]
            else:
                if header.get("alg") != "EdDSA" or claims.get("aud") != ["cdp_service"]:
                    return UNAUTHORIZED
                account.public_key.verify(signature, signed)
                uris = claims.get("uris") or []
        except InvalidSignature:
            return UNAUTHORIZED
        now = server.now_ms() // 1000
        lifetime = claims.get("exp", 0) - claims.get("nbf", 0)
        if (
            claims.get("iss") != "cdp"
            or not header.get("nonce")
            or not claims.get("nbf", now + 99) <= now + 5 < claims.get("exp", 0) + 5
            or not 0 < lifetime <= 120
        ):
            return UNAUTHORIZED
        if f"{req.method} {req.host}{req.path}" not in uris:
            return UNAUTHORIZED
        return account

    def rejected_key(self) -> Reply:
        return UNAUTHORIZED

    def rate_limited(self) -> Reply:
        return Reply(429, {"error": "rate_limit_exceeded", "message": "Too many requests"})

    def permissions(self, server: FakeExchanges, scenario: str, account: Account) -> Any:
        body = {
            "can_view": True,
            "can_trade": False,
            "can_transfer": False,
            "portfolio_uuid": str(uuid.uuid4()),
            "portfolio_type": "DEFAULT",
        }
        if scenario == "trade":
            body["can_trade"] = True
        elif scenario in ("withdraw", "transfer"):
            body["can_transfer"] = True
        return body

    def accounts(self, server: FakeExchanges, account: Account, req: Incoming) -> Reply:
        # Two pages, so the client has to follow the cursor.
        first = "cursor=" not in req.query
        page = [
            {
                "uuid": str(uuid.uuid4()),
                "name": "BTC Wallet",
                "currency": "BTC",
                "available_balance": {"value": "0.1", "currency": "BTC"},
                "hold": {"value": "0.05", "currency": "BTC"},
                "type": "ACCOUNT_TYPE_CRYPTO",
            }
        ]
        if first:
            return Reply(
                200, {"accounts": page, "has_next": True, "cursor": secrets.token_hex(4), "size": 1}
            )
        page[0].update(
            currency="ETH",
            name="ETH Wallet",
            available_balance={"value": "2", "currency": "ETH"},
            hold={"value": "0", "currency": "ETH"},
        )
        return Reply(200, {"accounts": page, "has_next": False, "cursor": "", "size": 1})

"""Signatures in minisign's format: verify a feed's file, sign a catalog for publishing.

A feed's file is signed with ``minisign -Sm catalog.json``; the detached signature
(``catalog.json.minisig``) holds the algorithm (``ED``: Ed25519 over the file's BLAKE2b-512,
``Ed``: legacy, over the file itself), the signing key's 8-byte id, the signature, a
trusted comment and a global signature over signature and trusted comment. Both
signatures must verify. Public keys are given in minisign's ``RW…`` form (or as the
two-line ``.pub`` file).

The format itself comes from py-minisign, a maintained implementation co-written by
minisign's author on top of ``cryptography``'s Ed25519 and scrypt (which the app already
uses): parsing, both signatures, and secret keys encrypted with scrypt or not. This module
only says what went wrong in the app's words and bounds what it reads. Tests sign and
verify against the real ``minisign`` tool in both directions.
"""

from __future__ import annotations

import binascii
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from airdrop_desk.catalog.errors import CatalogError

MAX_SIGNATURE_BYTES = 16 * 1024  # a trusted comment is at most 8 KiB
MAX_KEY_FILE_BYTES = 4 * 1024


class SignatureError(CatalogError):
    """A signature or key that cannot be used; ``kind`` says which refusal it is:
    ``format`` (not minisign's), ``key`` (signed with another key) or ``mismatch``."""

    def __init__(self, file: str, message: str, kind: str) -> None:
        super().__init__(file, message)
        self.kind = kind


@dataclass(frozen=True)
class PublicKey:
    """A minisign public key: its ``RW…`` text and its key id (hex, as minisign prints
    it)."""

    text: str
    key_id: str


def _key_id(raw: bytes) -> str:
    # As minisign prints it: a little-endian 64-bit number in hex, no leading zeros.
    return format(int.from_bytes(raw, "little"), "X")


def parse_public_key(text: str) -> PublicKey:
    """The key in ``text``: the ``RW…`` line alone or a ``.pub`` file's two lines."""
    import minisign

    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) != 1 or len(lines[0]) > 100:
        raise SignatureError("key", "not a minisign public key (RW… in base64)", "format")
    try:
        key = minisign.PublicKey.from_base64(lines[0])
        raw = binascii.a2b_base64(lines[0])
    except (minisign.Error, ValueError, binascii.Error):
        raise SignatureError("key", "not a minisign public key (RW… in base64)", "format") from None
    return PublicKey(key.to_base64().decode("ascii"), _key_id(raw[2:10]))


def signature_key_id(signature: bytes) -> str | None:
    """The id of the key that made ``signature``, None if it is not minisign's format."""
    import minisign

    try:
        parsed = minisign.Signature.from_bytes(signature[:MAX_SIGNATURE_BYTES])
    except (minisign.Error, ValueError):
        return None
    return _key_id(parsed._key_id)


def verify(data: bytes, signature: bytes, key: PublicKey, name: str) -> str:
    """Check ``signature`` (a ``.minisig`` file's bytes) over ``data`` with ``key``.

    Returns the trusted comment; raises ``SignatureError`` naming what is wrong.
    """
    import minisign

    if len(signature) > MAX_SIGNATURE_BYTES:
        raise SignatureError(name, "the signature file is too large to be minisign's", "format")
    try:
        parsed = minisign.Signature.from_bytes(signature)
    except (minisign.Error, ValueError):
        raise SignatureError(name, "the signature is not in minisign's format", "format") from None
    signed_by = _key_id(parsed._key_id)
    if signed_by != key.key_id:
        raise SignatureError(
            name,
            f"the file is signed with another key (key id {signed_by}; "
            f"the pinned key is {key.key_id})",
            "key",
        )
    try:
        minisign.PublicKey.from_base64(key.text).verify(data, parsed)
    except minisign.Error:
        raise SignatureError(
            name, "the signature does not match the file (altered or not this file's)", "mismatch"
        ) from None
    return str(parsed.trusted_comment)


@dataclass(frozen=True)
class SecretKeyFile:
    """A minisign secret key file, read but not decrypted; ``encrypted``: it needs the
    password it was made with."""

    path: Path
    encrypted: bool
    _data: bytes

    def sign(self, data: bytes, file_name: str, password: Callable[[], str]) -> bytes:
        """The ``.minisig`` bytes for ``data`` (prehashed, as ``minisign -S`` makes them)."""
        import time

        import minisign

        key = minisign.SecretKey.from_bytes(self._data)
        try:
            if key.is_encrypted():
                try:
                    key.decrypt(password())
                except minisign.Error:
                    raise CatalogError(
                        str(self.path), "wrong password for this secret key"
                    ) from None
            comment = f"timestamp:{int(time.time())}\tfile:{_printable(file_name)}\thashed"
            signature = key.sign(data, prehash=True, trusted_comment=comment)
            return bytes(signature) + b"\n"
        finally:
            key.wipe()


def _printable(text: str) -> str:
    return "".join(c if " " <= c < "\x7f" else "?" for c in text)


def read_secret_key(path: Path) -> SecretKeyFile:
    """Read a secret key file made by ``minisign -G`` (scrypt-encrypted or with ``-W``)."""
    import minisign

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise CatalogError(str(path), f"cannot read the file ({exc.strerror})") from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise CatalogError(str(path), "not a minisign secret key file (too large)")
    try:
        key = minisign.SecretKey.from_bytes(data)
        encrypted = key.is_encrypted()
        key.wipe()
    except (minisign.Error, ValueError):
        raise CatalogError(str(path), "not a minisign secret key file") from None
    return SecretKeyFile(path, encrypted, data)

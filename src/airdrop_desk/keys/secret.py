"""The key vault's name for the credential types, which live with the exchanges."""

from __future__ import annotations

from airdrop_desk.exchanges.credentials import MASK, Credentials, Secret, fingerprint, mask_key

__all__ = ["MASK", "Credentials", "Secret", "fingerprint", "mask_key"]

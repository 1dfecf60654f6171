"""Exchange API keys: secrets in the OS keyring, metadata in the database, verified read-only.

Kept free of imports so ``airdrop_desk.exchanges`` can use ``keys.secret`` without a cycle.
"""

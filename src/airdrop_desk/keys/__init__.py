"""Exchange API keys: secrets in the OS keyring, metadata in the database, verified read-only.

Layer order: ``keys`` uses ``exchanges`` (clients, credentials), never the other way round.
"""

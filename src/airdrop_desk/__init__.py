"""Airdrop Desk: a local-first desktop app for people who hunt crypto airdrops."""

__version__ = "0.1.0"

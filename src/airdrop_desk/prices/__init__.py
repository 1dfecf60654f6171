"""Prices of assets in US dollars: a provider on a public API and what to call things there."""

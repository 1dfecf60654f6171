"""Allocation lists matched against a person's wallets, on this computer.

``sources`` fetches what the user asked for (a file, a folder, an https or loopback
URL: the only network request), ``readers`` turns each published format into rows of
(line, identity, amount), ``importer`` streams them into storage in one transaction,
``matching`` looks every profile's addresses and handles up in every list, ``handles``
keeps a profile's other identities (undoable operations for the window). Nothing here
sends an address or handle anywhere.
"""

"""Exchange clients: one small module per exchange, all on ``base.ExchangeClient``.

``registry`` lists them; nothing here imports a client, so asking for a name or a
title never loads the HTTP and crypto stack.
"""

"""Loading at client creation what a client's first request would otherwise load, without network I/O.

A first call should cost what a later one costs plus the connection set-up. Without this it also pays for
imports: every operation's generated module, the models and their decoders (`_operations.warm_up`), the
IDNA codec the resolver encodes host names with, and for httpx's async engine anyio's asyncio backend,
which httpcore imports on its first lock. Each is imported once per process; later clients pay nothing.
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["warm_up"]

#: Imported lazily by httpcore's async pool on its first request (its anyio backend, and anyio's own).
_HTTPX_ASYNC_FIRST_REQUEST = ("httpcore._backends.anyio", "anyio._backends._asyncio", "anyio.streams.tls")


def warm_up(*, httpx_async: bool) -> None:
    """Import everything a first request needs; `httpx_async` when the client sends through httpx's async pool."""
    from ._operations import warm_up as resolve_operations  # the facade imports the client bases: not at import

    resolve_operations()
    "localhost".encode("idna")  # socket.getaddrinfo encodes every host name with it
    if httpx_async and "anyio._backends._asyncio" not in sys.modules:
        for module in _HTTPX_ASYNC_FIRST_REQUEST:
            importlib.import_module(module)

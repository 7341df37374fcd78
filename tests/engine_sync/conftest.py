"""Fixtures for the blocking engine's tests: the raw-socket server of `tests.engine`, and sync clients over
either engine.

`engine` runs a test over the default blocking engine (`SyncSocketEngine`) and over httpx (what a client
given `transport=` uses), so each rule is shown to hold for both and to agree between them.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from atlas_extras import RetryPolicy, SyncControlPlaneClient
from atlas_extras._sync_engine import SyncSocketEngine

from ..engine.raw_server import BEHAVIOURS, RawServer

#: Real waits, but of about a millisecond.
FAST_RETRIES = RetryPolicy(max_retries=2, backoff_base=0.001, max_backoff=0.004)
#: Small enough that a lost slot shows at once.
POOL_OF_2 = httpx.Limits(max_connections=2, max_keepalive_connections=2)


def _drip_headers(server: RawServer, connection: socket.socket) -> None:
    """The status line, then header bytes one every 50 ms (each read comes well in time), never ending."""
    if server.read(connection, bytearray()) is None:
        return
    connection.sendall(b"HTTP/1.1 200 OK\r\n")
    for _ in range(1000):
        time.sleep(0.05)
        connection.sendall(b"X")


def _answer_once_then_close_quietly(server: RawServer, connection: socket.socket) -> None:
    """A keep-alive answer (no `Connection: close`), then the connection closed, as idle servers do."""
    if server.read(connection, bytearray()) is not None:
        body = b'{"status":"healthy"}'
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))


BEHAVIOURS.setdefault("drip headers", _drip_headers)
BEHAVIOURS.setdefault("answer once, then close quietly", _answer_once_then_close_quietly)


def all_closed(server: RawServer, timeout: float = 5.0) -> bool:
    """True once the server has seen every client connection closed (the client released what failed)."""
    deadline = time.monotonic() + timeout
    while server.open_connections and time.monotonic() < deadline:
        time.sleep(0.01)
    return server.open_connections == 0


@pytest.fixture
def server() -> Iterator[RawServer]:
    running = RawServer()
    yield running
    running.stop()


@pytest.fixture(params=["socket", "httpx"])
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_client(engine: str) -> Iterator[Callable[..., SyncControlPlaneClient]]:
    """Builds a `SyncControlPlaneClient` over this test's engine (fast retries unless told); closed after."""
    clients: list[SyncControlPlaneClient] = []

    def make(base_url: str, **kwargs: Any) -> SyncControlPlaneClient:
        kwargs.setdefault("retry_policy", FAST_RETRIES)
        if engine == "httpx":
            kwargs["transport"] = httpx.HTTPTransport(limits=kwargs.get("limits", httpx.Limits()))
        client = SyncControlPlaneClient(base_url, **kwargs)
        assert isinstance(client._engine, SyncSocketEngine) == (engine == "socket")
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()

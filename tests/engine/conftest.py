"""Fixtures for the engine tests: a misbehaving raw-socket server, and async clients over either engine.

`engine` runs a test over the default engine (aiohttp), over the httpx engine a client falls back to when
aiohttp is not installed (the one a client given `transport=` also uses), and, where asked for with
`all_engines`, over the opt-in `aiohttp_transport()` too: each rule holds for every one of them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from atlas_extras import ControlPlaneClient, RetryPolicy, _aiohttp
from atlas_extras.transports import aiohttp_transport

from .raw_server import RawServer

#: Real waits, but of about a millisecond.
FAST_RETRIES = RetryPolicy(max_retries=2, backoff_base=0.001, max_backoff=0.004)
#: Small enough that a lost slot shows at once.
POOL_OF_2 = httpx.Limits(max_connections=2, max_keepalive_connections=2)


@pytest.fixture
def server() -> Iterator[RawServer]:
    running = RawServer()
    yield running
    running.stop()


ENGINES = ["aiohttp", "httpx"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        marked = metafunc.definition.get_closest_marker("all_engines") is not None
        metafunc.parametrize("engine", [*ENGINES, "aiohttp_transport()"] if marked else ENGINES)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "all_engines: also run over the opt-in aiohttp_transport()")


@pytest.fixture
async def make_client(engine: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[..., ControlPlaneClient]]:
    """Builds a `ControlPlaneClient` over this test's engine (fast retries unless told); closed after the test."""
    clients: list[ControlPlaneClient] = []
    if engine == "httpx":  # as without aiohttp installed
        monkeypatch.setattr(_aiohttp, "engine_for", lambda connection, base_url: None)

    def make(base_url: str, **kwargs: Any) -> ControlPlaneClient:
        kwargs.setdefault("retry_policy", FAST_RETRIES)
        if engine == "aiohttp_transport()":
            kwargs["transport"] = aiohttp_transport(kwargs.pop("limits", None))
        client = ControlPlaneClient(base_url, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()

"""Fixtures for the error, redaction and logging tests: a client of each flavour, and a server that echoes
the credentials it receives."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from atlas_extras import ControlPlaneClient, RetryPolicy, SyncControlPlaneClient

from ..client.conftest import Caller
from .echo_server import EchoServer, serve_echo

BASE_URL = "http://test"
#: The API key every test client sends; no test output may show it.
KEY = "sk-live-7d1e5c0a9b8f4e21"
#: Fast retries: real waits of about a millisecond.
FAST_RETRIES = RetryPolicy(max_retries=2, backoff_base=0.001, max_backoff=0.004, max_retry_after=0.05)


@pytest.fixture(params=["async", "sync"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def make_call(flavour: str) -> AsyncIterator[Callable[..., Caller]]:
    """Builds a `Caller` over a ControlPlane client of this test's flavour (no retries unless asked);
    every client is closed after the test."""
    clients: list[Any] = []

    def make(**kwargs: Any) -> Caller:
        kwargs.setdefault("base_url", BASE_URL)
        kwargs.setdefault("api_key", KEY)
        kwargs.setdefault("max_retries", 0)
        client = (ControlPlaneClient if flavour == "async" else SyncControlPlaneClient)(**kwargs)
        clients.append(client)
        return Caller(client)

    yield make
    for client in clients:
        if flavour == "async":
            await client.close()
        else:
            client.close()


@pytest.fixture
def call(make_call: Callable[..., Caller]) -> Caller:
    """A Caller over a default client: `http://test`, api_key=KEY, no retries."""
    return make_call()


@pytest.fixture
def echo_server() -> Iterator[EchoServer]:
    """A loopback HTTP server that answers 401, quoting the Authorization header it got in its headers,
    body and `X-Request-ID`."""
    with serve_echo() as server:
        yield server

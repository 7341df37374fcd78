"""The default blocking engine's pool keeps `httpx.Limits`: connections are reused, at most
`max_connections` are open, at most `max_keepalive_connections` kept, none past `keepalive_expiry`, and a
connection the server closed while idle is replaced without an error."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from atlas_control_plane_client.models import AgentClassCreate
from atlas_extras import AtlasRequestTimeoutError, SyncControlPlaneClient

from ..engine.raw_server import RawServer
from .conftest import all_closed

MakeClient = Callable[..., SyncControlPlaneClient]


@pytest.fixture
def engine() -> str:
    return "socket"


def run_in_threads(count: int, call: Callable[[], object]) -> None:
    threads = [threading.Thread(target=call) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)


def test_connections_are_reused(server: RawServer, make_client: MakeClient) -> None:
    client = make_client(server.base_url)
    for _ in range(20):
        client.health()
    assert (server.connections, len(server.requests)) == (1, 20)


def test_at_most_max_connections_are_open(server: RawServer, make_client: MakeClient) -> None:
    server.latency = 0.05
    client = make_client(server.base_url, limits=httpx.Limits(max_connections=3, max_keepalive_connections=3))
    run_in_threads(12, client.health)
    assert len(server.requests) == 12
    assert server.peak_open == 3
    assert server.connections == 3


def test_at_most_max_keepalive_connections_stay_idle(server: RawServer, make_client: MakeClient) -> None:
    server.latency = 0.05
    client = make_client(server.base_url, limits=httpx.Limits(max_connections=4, max_keepalive_connections=1))
    run_in_threads(4, client.health)
    deadline = time.monotonic() + 5
    while server.open_connections > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (server.connections, server.open_connections) == (4, 1)


def test_no_connection_is_kept_past_keepalive_expiry(server: RawServer, make_client: MakeClient) -> None:
    client = make_client(server.base_url, limits=httpx.Limits(keepalive_expiry=0.05))
    client.health()
    time.sleep(0.1)
    client.health()
    assert server.connections == 2
    assert server.open_connections == 1  # the expired one was closed


def test_a_connection_the_server_closed_while_idle_is_replaced_without_error(
    server: RawServer, make_client: MakeClient
) -> None:
    server.behaviour = "answer once, then close quietly"
    client = make_client(server.base_url, max_retries=0)  # no retry to hide an error
    assert client.health().get("status") == "healthy"
    assert all_closed(server)
    assert client.health().get("status") == "healthy"
    assert server.connections == 2


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A listener whose backlog is full and which never accepts: connecting to it hangs."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.1)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_a_connect_timeout_is_never_sent_so_even_a_post_is_retried(
    unanswered_port: int, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="atlas_extras")
    probe = socket.socket()
    probe.settimeout(0.2)
    try:
        if probe.connect_ex(("127.0.0.1", unanswered_port)) == 0:
            pytest.skip("this kernel accepts past a full backlog: no connect timeout to observe")
    except TimeoutError:
        pass
    finally:
        probe.close()
    client = make_client(f"http://127.0.0.1:{unanswered_port}", timeout=httpx.Timeout(5.0, connect=0.2))
    started = time.monotonic()
    with pytest.raises(AtlasRequestTimeoutError, match=r"never sent.*ConnectTimeout") as caught:
        client.create_agent_class(AgentClassCreate(name="x"), idempotency_key=None)
    assert isinstance(caught.value.__cause__, httpx.ConnectTimeout)
    assert sum(r.getMessage().startswith("Retrying POST") for r in caplog.records) == 2
    assert time.monotonic() - started < 4.0  # three attempts of 0.2 s, generously

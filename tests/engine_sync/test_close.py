"""Closing a default blocking client while threads are mid-call: nothing is sent again, every call ends at
once with `AtlasClientClosedError`, and no socket stays open (counted in /proc/self/fd and by the server).

Only the default engine: httpx's `Client.close()` does not interrupt a call under way (it ends with its
read timeout), so a client given `transport=` keeps that behaviour."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable

import httpx
import pytest

from atlas_extras import SyncControlPlaneClient
from atlas_extras.errors import AtlasClientClosedError

from ..engine.raw_server import RawServer
from .conftest import all_closed

MakeClient = Callable[..., SyncControlPlaneClient]
CALLS = 10


@pytest.fixture
def engine() -> str:
    return "socket"


def open_sockets() -> int:
    """Sockets this process holds (client and server side alike)."""
    fds = os.listdir("/proc/self/fd")
    count = 0
    for fd in fds:
        with contextlib.suppress(OSError):  # closed meanwhile (the listing's own descriptor, for one)
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc/self/fd (Linux)")
@pytest.mark.parametrize("phase", ["waiting for the response", "waiting for a connection"])
def test_closing_mid_call_resends_nothing_ends_every_call_and_leaves_no_socket(
    server: RawServer, make_client: MakeClient, phase: str
) -> None:
    server.behaviour = "hang"  # reads each request, answers nothing
    baseline = open_sockets()
    pool = CALLS if phase == "waiting for the response" else 3  # else 7 calls wait for a connection
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    client = make_client(server.base_url, timeout=30.0, limits=limits)  # retries allowed: none may happen
    outcomes: list[BaseException | object] = []
    lock = threading.Lock()

    def call() -> None:
        try:
            result: BaseException | object = client.health()
        except BaseException as error:
            result = error
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=call) for _ in range(CALLS)]
    for thread in threads:
        thread.start()
    expected = pool
    deadline = time.monotonic() + 10
    while len(server.requests) < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(server.requests) == expected
    closed_at = time.monotonic()
    client.close()
    for thread in threads:
        thread.join(10)
    assert time.monotonic() - closed_at < 5.0  # generous: "ends at once", not after the 30 s read timeout
    assert len(outcomes) == CALLS
    assert all(isinstance(outcome, AtlasClientClosedError) for outcome in outcomes), outcomes
    time.sleep(0.2)  # a re-sent request would arrive now
    assert len(server.requests) == expected
    assert all_closed(server)
    assert open_sockets() == baseline

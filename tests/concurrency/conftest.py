"""Fixtures for the concurrency tests: the fake Control Plane served on loopback (reset before each test),
clients on it, a thread runner, and checks that nothing is left running."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator

import pytest

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ThreadRunner
from atlas_extras.testing import FakeControlPlane

#: Latency injected by the tests that measure concurrency at the fake: long enough for calls to overlap.
LATENCY = 0.03


@pytest.fixture
def fake(fake_control_plane: FakeControlPlane) -> FakeControlPlane:
    """The fake Control Plane served on loopback (the `testing` plugin's), reset for this test."""
    return fake_control_plane


@pytest.fixture
async def client(fake: FakeControlPlane) -> AsyncIterator[ControlPlaneClient]:
    async with ControlPlaneClient(fake.base_url, max_retries=0) as client:
        yield client


@pytest.fixture
def sync_client(fake: FakeControlPlane) -> Iterator[SyncControlPlaneClient]:
    with SyncControlPlaneClient(fake.base_url, max_retries=0) as client:
        yield client


@pytest.fixture
def runner() -> Iterator[ThreadRunner]:
    with ThreadRunner(max_workers=8) as runner:
        yield runner


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """Every test ends with no runner or pagination thread left alive."""
    yield
    leaked = [t.name for t in threading.enumerate() if t.name.startswith(("atlas-runner", "atlas-paginate"))]
    assert not leaked, f"threads left running: {leaked}"


def other_tasks() -> set[asyncio.Task[object]]:
    """The tasks alive besides the current one (a helper that returned must leave none)."""
    return {task for task in asyncio.all_tasks() if task is not asyncio.current_task()}


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll `condition` until true or `timeout` seconds (for state the server updates on its own thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


async def async_wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """`wait_until` for async tests."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True

"""Fixtures for the migration tests: our clients, async or blocking, against the fake Control Plane served on
loopback (the `fake_control_plane` fixture: reset before each test, lifecycle step 0.2 s)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient
from atlas_extras.testing import FakeControlPlane

from ..client.conftest import Caller

#: Seconds: a bound for "does not hang", not a speed check.
GENEROUS = 30.0

Connect = Callable[..., Caller]


@dataclass
class Clients:
    """A ControlPlane and a Workflow client of one flavour, each behind a `Caller` (awaits when async)."""

    flavour: str
    admin: Caller
    workflow: Caller
    fake: FakeControlPlane


@pytest.fixture(params=["async", "sync"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def _clients_on(fake: FakeControlPlane, flavour: str) -> AsyncIterator[Connect]:
    made: list[Any] = []

    def build(*, workflow: bool = False, **kwargs: Any) -> Caller:
        pair = (WorkflowClient, SyncWorkflowClient) if workflow else (ControlPlaneClient, SyncControlPlaneClient)
        made.append(pair[flavour == "sync"](base_url=fake.base_url, **kwargs))
        return Caller(made[-1])

    yield build
    for client in made:
        closing = client.close()
        if closing is not None:
            await closing


@pytest.fixture
async def connect(fake_control_plane: FakeControlPlane, flavour: str) -> AsyncIterator[Connect]:
    """`connect(workflow=False, **client_arguments)`: a client of this test's flavour on the fake, closed after."""
    async for build in _clients_on(fake_control_plane, flavour):
        yield build


@pytest.fixture
def clients(connect: Connect, fake_control_plane: FakeControlPlane, flavour: str) -> Clients:
    return Clients(flavour, connect(), connect(workflow=True), fake_control_plane)


@pytest.fixture
async def slow_clients(flavour: str) -> AsyncIterator[Clients]:
    """Clients on a fake of its own whose lifecycles take a minute a step: they move only by `fake.advance()`."""
    fake = FakeControlPlane(lifecycle_step=60.0)
    with fake.serve():
        async for build in _clients_on(fake, flavour):
            yield Clients(flavour, build(), build(workflow=True), fake)

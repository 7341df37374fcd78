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


@pytest.fixture
async def connect(fake_control_plane: FakeControlPlane, flavour: str) -> AsyncIterator[Connect]:
    """`connect(workflow=False, **client_arguments)`: a client of this test's flavour on the fake, closed after."""
    made: list[Any] = []

    def build(*, workflow: bool = False, **kwargs: Any) -> Caller:
        pair = (WorkflowClient, SyncWorkflowClient) if workflow else (ControlPlaneClient, SyncControlPlaneClient)
        made.append(pair[flavour == "sync"](base_url=fake_control_plane.base_url, **kwargs))
        return Caller(made[-1])

    yield build
    for client in made:
        closing = client.close()
        if closing is not None:
            await closing


@pytest.fixture
def clients(connect: Connect, fake_control_plane: FakeControlPlane, flavour: str) -> Clients:
    return Clients(flavour, connect(), connect(workflow=True), fake_control_plane)

"""Fixtures for the client tests: every test runs against the async and the blocking client alike."""

from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from atlas_extras import ControlPlaneClient, RetryPolicy, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient

BASE_URL = "http://control-plane.test"
API_KEY = "sk-test-9f8e7d6c5b4a"
NOW = "2026-11-27T10:00:00Z"


def agent_class(**overrides: Any) -> dict[str, Any]:
    """A valid AgentClassRead body."""
    return {"id": str(uuid.uuid4()), "name": "reviewer", "created_at": NOW, "updated_at": NOW, **overrides}


def agent_definition(**overrides: Any) -> dict[str, Any]:
    """A valid AgentDefinitionRead body."""
    return {
        "id": str(uuid.uuid4()),
        "agent_class_id": str(uuid.uuid4()),
        "name": "Code reviewer",
        "slug": "code-reviewer",
        "status": "published",
        "execution_mode": "ephemeral",
        "config": {"temperature": 0.2},
        "allow_outbound_a2a": False,
        "created_at": NOW,
        "updated_at": NOW,
        **overrides,
    }


class Caller:
    """Calls a client method and awaits it when the client is async: one test body for both clients."""

    def __init__(self, client: Any) -> None:
        self.client = client

    async def __call__(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, method)(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    async def collect(self, method: str, *args: Any, **kwargs: Any) -> list[Any]:
        """Every item of an `iter_*` method, sync or async."""
        items = getattr(self.client, method)(*args, **kwargs)
        if hasattr(items, "__aiter__"):
            return [item async for item in items]
        return list(items)


@pytest.fixture(params=["async", "sync"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_caller(flavour: str) -> Callable[..., Caller]:
    """Builds a `Caller` over a ControlPlane client of this test's flavour; closed after the test."""
    clients: list[Any] = []

    def make(*, workflow: bool = False, **kwargs: Any) -> Caller:
        kwargs.setdefault("base_url", BASE_URL)
        kwargs.setdefault("api_key", API_KEY)
        kwargs.setdefault("retry_policy", FAST_RETRIES)
        if flavour == "async":
            client: Any = (WorkflowClient if workflow else ControlPlaneClient)(**kwargs)
        else:
            client = (SyncWorkflowClient if workflow else SyncControlPlaneClient)(**kwargs)
        clients.append(client)
        return Caller(client)

    yield make  # type: ignore[misc]
    for client in clients:
        if flavour == "sync":
            client.close()
        else:
            _pending_async_closes.append(client)


_pending_async_closes: list[Any] = []


@pytest.fixture(autouse=True)
async def _close_async_clients() -> AsyncIterator[None]:
    yield
    while _pending_async_closes:
        await _pending_async_closes.pop().close()


@pytest.fixture
def call(make_caller: Callable[..., Caller]) -> Caller:
    """A Caller over a default ControlPlane client with fast retries."""
    return make_caller()


#: Fast retries for tests: real waits, but of about a millisecond.
FAST_RETRIES = RetryPolicy(max_retries=2, backoff_base=0.001, max_backoff=0.004, max_retry_after=0.05)


@pytest.fixture
def retry_delays(caplog: pytest.LogCaptureFixture) -> Callable[[], list[float]]:
    """The waits the clients logged before each retry, in order."""
    caplog.set_level(logging.WARNING, logger="atlas_extras")

    def delays() -> list[float]:
        return [float(r.args[3]) for r in caplog.records if r.getMessage().startswith("Retrying")]  # type: ignore[index]

    return delays

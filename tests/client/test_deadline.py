"""The call deadline: nothing sleeps or reads past it, sync and async, whatever the server does."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from pytest_httpx import HTTPXMock

from atlas_extras import (
    AtlasRateLimitError,
    AtlasRequestTimeoutError,
    AtlasServerError,
    AtlasWaitTimeoutError,
    RetryPolicy,
)
from atlas_extras._pipeline import deadline_scope
from atlas_extras.concurrency import with_timeout

from ..engine.raw_server import RawServer
from .conftest import Caller

#: A generous bound that still proves "did not wait for the server's hint" (hints here are 2 s and more).
SLACK = 0.8


@pytest.fixture
def patient(make_caller: Callable[..., Caller]) -> Caller:
    """A client whose policy would honour long `Retry-After` hints: only the deadline can cut them."""
    return make_caller(retry_policy=RetryPolicy(max_retries=5, max_retry_after=1e9), workflow=True)


async def test_a_waiter_ends_on_time_against_a_server_that_asks_to_come_back_later(
    patient: Caller, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "2"}, json={"detail": "busy"}, is_reusable=True)
    started = time.monotonic()
    with pytest.raises(AtlasWaitTimeoutError) as caught:
        await patient("wait_until_deployment_active", uuid.uuid4(), timeout=0.5, poll_interval=0.1)
    assert time.monotonic() - started < SLACK
    assert isinstance(caught.value.__cause__, AtlasServerError)
    assert caught.value.__cause__.deadline_exceeded


async def test_a_huge_retry_after_ends_the_call_at_its_deadline_and_keeps_the_hint(
    patient: Caller, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=429, headers={"Retry-After": "1000000000"}, is_reusable=True)
    started = time.monotonic()
    with pytest.raises(AtlasRateLimitError) as caught:
        await patient("get_deployment", uuid.uuid4(), deadline=1)
    assert time.monotonic() - started < 1.3
    assert caught.value.retry_after == 1000000000
    assert caught.value.deadline_exceeded
    assert len(httpx_mock.get_requests()) == 1


async def test_retries_continue_while_the_deadline_leaves_time(patient: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0"})
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0"})
    httpx_mock.add_response(json={"status": "healthy"})
    health = await patient("health", deadline=5)
    assert health["status"] == "healthy"
    assert len(httpx_mock.get_requests()) == 3


async def test_the_client_deadline_applies_and_a_call_can_lift_it(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    caller = make_caller(deadline=0.3, retry_policy=RetryPolicy(max_retries=3, max_retry_after=1e9))
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0.5"})
    with pytest.raises(AtlasServerError) as caught:
        await caller("health")
    assert caught.value.deadline_exceeded
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0.5"})
    httpx_mock.add_response(json={"status": "healthy"})
    assert (await caller("health", deadline=None))["status"] == "healthy"


@pytest.mark.parametrize("deadline", [0, -1, float("nan"), float("inf"), "1", True])
async def test_a_bad_deadline_fails_before_anything_is_sent(
    call: Caller, httpx_mock: HTTPXMock, deadline: object
) -> None:
    with pytest.raises((TypeError, ValueError), match=r"health\(\): deadline"):
        await call("health", deadline=deadline)
    assert httpx_mock.get_requests() == []


@pytest.fixture(params=["drip", "hang"])
def slow_server(request: pytest.FixtureRequest) -> Iterator[RawServer]:
    """A server that drips its body a byte at a time (never a read timeout), or never answers."""
    server = RawServer(behaviour=request.param)
    yield server
    server.stop()


async def test_a_slow_server_cannot_hold_a_call_past_its_deadline(
    make_caller: Callable[..., Caller], slow_server: RawServer
) -> None:
    caller = make_caller(base_url=slow_server.base_url, timeout=5.0)
    started = time.monotonic()
    with pytest.raises(AtlasRequestTimeoutError) as caught:
        await caller("health", deadline=0.5)
    assert time.monotonic() - started < 0.5 + SLACK
    assert caught.value.deadline_exceeded
    assert str(caught.value)


async def test_with_timeout_bounds_the_request_itself(httpx_mock: HTTPXMock) -> None:
    from atlas_extras import ControlPlaneClient

    httpx_mock.add_response(status_code=503, headers={"Retry-After": "30"}, is_reusable=True)
    async with ControlPlaneClient(
        base_url="http://control-plane.test", retry_policy=RetryPolicy(max_retry_after=1e9)
    ) as client:
        started = time.monotonic()
        assert await with_timeout(client.health(), 0.3, default="fallback") == "fallback"
        assert time.monotonic() - started < SLACK


async def test_a_deadline_scope_bounds_every_call_inside_and_its_tasks(httpx_mock: HTTPXMock) -> None:
    from atlas_extras import ControlPlaneClient

    httpx_mock.add_response(status_code=503, headers={"Retry-After": "30"}, is_reusable=True)
    async with ControlPlaneClient(
        base_url="http://control-plane.test", retry_policy=RetryPolicy(max_retry_after=1e9)
    ) as client:
        started = time.monotonic()
        with deadline_scope(0.3):
            outcomes = await asyncio.gather(client.health(), client.metrics(), return_exceptions=True)
        assert time.monotonic() - started < SLACK
        assert all(isinstance(outcome, AtlasServerError) and outcome.deadline_exceeded for outcome in outcomes)


def test_the_thread_runners_with_timeout_ends_the_call_itself(httpx_mock: HTTPXMock) -> None:
    """A thread cannot be stopped: the deadline handed to every SDK call inside is what frees it."""
    from atlas_extras import SyncControlPlaneClient
    from atlas_extras.concurrency import ThreadRunner

    httpx_mock.add_response(status_code=503, headers={"Retry-After": "30"}, is_reusable=True)
    with (
        SyncControlPlaneClient(
            base_url="http://control-plane.test", retry_policy=RetryPolicy(max_retry_after=1e9)
        ) as client,
        ThreadRunner(max_workers=2) as runner,
    ):
        started = time.monotonic()
        # The call ignores the timeout it is given: only the deadline scope can bound it.
        assert runner.with_timeout(lambda _: client.health(), 0.3, default="fallback") == "fallback"
        runner.close()  # waits for the running call: it must already be over
        assert time.monotonic() - started < SLACK


async def test_a_call_can_lift_the_clients_timeout_with_none(make_caller: Callable[..., Caller]) -> None:
    slow = RawServer(latency=0.5)  # answers every request, half a second late
    try:
        caller = make_caller(base_url=slow.base_url, timeout=0.2, max_retries=0)
        with pytest.raises(AtlasRequestTimeoutError):
            await caller("health")
        assert (await caller("health", timeout=None))["status"] == "healthy"
    finally:
        slow.stop()

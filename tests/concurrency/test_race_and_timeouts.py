"""first_success and with_timeout, async and on threads, against the fake Control Plane."""

from __future__ import annotations

import gc
import socket
import time
import uuid
import warnings
from collections.abc import AsyncIterator, Awaitable, Iterator

import pytest

from atlas_extras import (
    AtlasConnectionError,
    AtlasNotFoundError,
    AtlasRequestTimeoutError,
    ControlPlaneClient,
    SyncControlPlaneClient,
)
from atlas_extras.concurrency import AllFailedError, ThreadRunner, first_success, with_timeout
from atlas_extras.testing import FakeControlPlane

from .conftest import LATENCY, async_wait_until, other_tasks, wait_until


def _unused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
async def down() -> AsyncIterator[ControlPlaneClient]:
    """A client of a Control Plane that is down (connection refused at once)."""
    async with ControlPlaneClient(_unused_url(), max_retries=0) as client:
        yield client


@pytest.fixture
def sync_down() -> Iterator[SyncControlPlaneClient]:
    with SyncControlPlaneClient(_unused_url(), max_retries=0) as client:
        yield client


# -- first_success ---------------------------------------------------------------------------------------


async def test_a_fast_failure_does_not_end_the_race(
    fake: FakeControlPlane, client: ControlPlaneClient, down: ControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY)
    health = await first_success([down.health, client.health])  # the down one fails first
    assert health.status == "healthy"


def test_runner_a_fast_failure_does_not_end_the_race(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, sync_down: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    fake.inject_latency(LATENCY)
    assert runner.first_success([sync_down.health, sync_client.health]).status == "healthy"


async def test_all_failed_lists_every_failure(down: ControlPlaneClient) -> None:
    with pytest.raises(AllFailedError) as raised:
        await first_success([down.health, lambda: down.list_agent_classes(limit=1)])
    assert [type(e) for e in raised.value.errors] == [AtlasConnectionError, AtlasConnectionError]
    assert "GET /api/v1/health failed" in str(raised.value)
    assert "GET /api/v1/agent-classes failed" in str(raised.value)


def test_runner_all_failed_lists_every_failure(sync_down: SyncControlPlaneClient, runner: ThreadRunner) -> None:
    with pytest.raises(AllFailedError) as raised:
        runner.first_success([sync_down.health, sync_down.health])
    assert len(raised.value.errors) == 2


async def test_the_losers_are_cancelled(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    fake.inject_hang(operation="list_deployments")
    winner = await first_success([lambda: client.list_deployments(limit=1), client.health])
    assert winner.status == "healthy"
    assert other_tasks() == set()
    assert await async_wait_until(lambda: fake.stats.in_flight == 0)  # the hanging request was cancelled


async def test_hedging_starts_no_backup_when_the_primary_is_fast(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY)
    await first_success([client.health, lambda: client.list_agent_classes(limit=1)], hedge_delay=1.0)
    assert fake.stats.total == 1


async def test_hedging_starts_the_backup_when_the_primary_is_slow(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_deployments")
    start = time.monotonic()
    winner = await first_success([lambda: client.list_deployments(limit=1), client.health], hedge_delay=0.1)
    assert winner.status == "healthy"
    assert time.monotonic() - start >= 0.1 * 0.9  # the backup waited for the hedge delay
    assert (fake.stats.requests["list_deployments"], fake.stats.requests["health"]) == (1, 1)


def test_runner_hedging_and_queued_backups(fake: FakeControlPlane, sync_client: SyncControlPlaneClient) -> None:
    fake.inject_latency(LATENCY)
    with ThreadRunner(1) as runner:  # the backup is queued behind the primary: it must never run
        assert runner.first_success([sync_client.health, sync_client.health]).status == "healthy"
        with ThreadRunner(2) as hedged:
            hedged.first_success([sync_client.health, sync_client.health], hedge_delay=1.0)
    assert fake.stats.requests["health"] == 2


async def test_unstarted_awaitables_are_closed_and_bad_input_rejected(client: ControlPlaneClient) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await first_success([client.health(), client.health()], hedge_delay=5.0)
        with pytest.raises(ValueError, match="hedge_delay must be >= 0"):
            await first_success([client.health()], hedge_delay=-1)
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
    with pytest.raises(ValueError, match="needs at least one call"):
        await first_success([])


# -- with_timeout ---------------------------------------------------------------------------------------


async def test_with_timeout_gives_the_default_and_ends_the_request(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_deployments")
    given: list[float] = []

    def call(timeout: float) -> Awaitable[object]:
        given.append(timeout)
        return client.list_deployments(limit=5, timeout=timeout)

    assert await with_timeout(call, 0.2, default=[]) == []
    assert given == [0.2]  # the SDK call got the timeout
    assert other_tasks() == set()
    assert await async_wait_until(lambda: fake.stats.in_flight == 0)


async def test_with_timeout_returns_the_value_and_raises_other_errors(client: ControlPlaneClient) -> None:
    health = await with_timeout(lambda t: client.health(timeout=t), 5.0)
    assert health is not None
    assert health.status == "healthy"
    assert await with_timeout(client.health(), 5.0) is not None  # a plain awaitable: wall clock only
    with pytest.raises(AtlasNotFoundError):
        await with_timeout(lambda t: client.get_agent_class(uuid.UUID(int=0), timeout=t), 5.0)


async def test_a_request_timeout_also_gives_the_default(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    fake.inject_hang(operation="health")
    raised: list[type[Exception]] = []

    async def call(timeout: float) -> object:
        try:
            return await client.health(timeout=timeout / 10)  # fires well before the deadline
        except Exception as exc:
            raised.append(type(exc))
            raise

    assert await with_timeout(call, 5.0, default="late") == "late"
    assert raised == [AtlasRequestTimeoutError]


async def test_with_timeout_rejects_bad_timeouts_without_leaking_the_awaitable(client: ControlPlaneClient) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for bad in (0, -1.0, True, "1"):
            with pytest.raises(ValueError, match="timeout must be a number of seconds > 0"):
                await with_timeout(client.health(), bad)  # type: ignore[arg-type]
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]


def test_runner_with_timeout_gives_the_default_and_the_request_ends_by_its_own_timeout(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_deployments")
    with ThreadRunner(2) as runner:
        result = runner.with_timeout(lambda t: sync_client.list_deployments(limit=5, timeout=t), 0.3, default=[])
        assert result == []
        # The thread cannot be stopped; the request's own timeout ends it, so nothing stays stuck.
        assert wait_until(lambda: fake.stats.in_flight == 0)


def test_runner_with_timeout_returns_the_value_and_raises_other_errors(
    sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    assert runner.with_timeout(lambda t: sync_client.health(timeout=t), 5.0).status == "healthy"
    with pytest.raises(AtlasNotFoundError):
        runner.with_timeout(lambda t: sync_client.get_agent_class(uuid.UUID(int=0), timeout=t), 5.0)
    with pytest.raises(ValueError, match="timeout must be"):
        runner.with_timeout(lambda t: None, 0)

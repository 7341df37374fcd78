"""1,000 cancellations of in-flight requests (first-success losers, timeouts, all-or-nothing aborts) against
the fake over loopback, with latency and hanging requests, through a 5-connection pool: the pool must come
out whole and serve the next 100 requests.

The control (`test_plain_httpx_transport_fails_the_same_scenario`) runs the same scenario over plain
`httpx.AsyncHTTPTransport` (httpx 0.28 / httpcore 1.0.9): cancelled requests leave connections stuck in
CONNECTING (or ACTIVE with nobody reading them), each a pool slot lost for good, until every request fails
with `PoolTimeout` (encode/httpx#1461, encode/httpcore#1093). So passing the first test means something.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from atlas_extras import AtlasRequestTimeoutError, ControlPlaneClient
from atlas_extras.concurrency import fan_out, first_success, gather_all, with_timeout
from atlas_extras.testing import FakeControlPlane
from atlas_extras.transports import CancelSafeAsyncHTTPTransport

from .conftest import async_wait_until

LIMITS = httpx.Limits(max_connections=5, max_keepalive_connections=5)
TIMEOUT = httpx.Timeout(5.0, pool=2.0)
CANCELLATIONS = 1_000
LATENCY = 0.01  # seconds per response (+/- half): requests end, and get cancelled, at any stage
BATCH = 30  # composite operations at once: far more requests than connections, so most wait for the pool


def stuck_connections(transport: httpx.AsyncHTTPTransport) -> list[str]:
    """With no request in flight: the pool's connections that are not idle, each a slot lost for good."""
    return [repr(c) for c in transport._pool.connections if not (c.is_idle() or c.is_closed())]


def leaked_slots(transport: httpx.AsyncHTTPTransport) -> list[str]:
    """Stuck connections, and the pool's requests never released (httpcore keeps those privately)."""
    unreleased = [f"unreleased request {r.request.url}" for r in transport._pool._requests]
    return stuck_connections(transport) + unreleased


class Scenario:
    """Random mixes of the three ways the helpers cancel requests, counting each cancelled request."""

    def __init__(self, client: ControlPlaneClient, seed: int = 7) -> None:
        self.client = client
        self.random = random.Random(seed)
        self.cancelled = 0
        self.pool_timeouts = 0

    async def _counted(self, call: Callable[[], Awaitable[Any]]) -> Any:
        try:
            return await call()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        except AtlasRequestTimeoutError as exc:
            self.pool_timeouts += "PoolTimeout" in str(exc)
            raise

    def _race(self) -> Awaitable[Any]:
        client = self.client
        return first_success(
            [
                lambda: self._counted(client.health),
                lambda: self._counted(lambda: client.list_agent_classes(limit=1)),
                lambda: self._counted(lambda: client.list_deployments(limit=1)),  # hangs now and then
            ]
        )

    def _deadline(self) -> Awaitable[Any]:
        client, deadline = self.client, self.random.uniform(0.001, 2 * LATENCY)
        return with_timeout(lambda t: self._counted(lambda: client.list_model_providers(limit=1, timeout=t)), deadline)

    def _abort(self) -> Awaitable[Any]:
        client, delay = self.client, self.random.uniform(0.0, 2 * LATENCY)

        async def fail_soon() -> None:
            await asyncio.sleep(delay)
            raise RuntimeError("abort")

        return gather_all(
            health=lambda: self._counted(client.health),
            tools=lambda: self._counted(lambda: client.list_tools(limit=1)),
            abort=fail_soon,
        )

    async def run(self, cancellations: int, stop: Callable[[], bool] = lambda: False) -> None:
        kinds = [self._race, self._deadline, self._abort]
        while self.cancelled < cancellations and not stop():
            batch = [self.random.choice(kinds)() for _ in range(BATCH)]
            await asyncio.gather(*batch, return_exceptions=True)


def faulty(fake: FakeControlPlane) -> None:
    fake.inject_latency(LATENCY, jitter=LATENCY / 2)
    fake.inject_hang(rate=0.1, operation="list_deployments")
    fake.inject_hang(rate=0.1, operation="list_model_providers")


async def test_the_pool_is_whole_after_1000_cancellations(fake: FakeControlPlane) -> None:
    faulty(fake)
    transport = CancelSafeAsyncHTTPTransport(limits=LIMITS)
    async with ControlPlaneClient(fake.base_url, transport=transport, timeout=TIMEOUT, max_retries=0) as client:
        scenario = Scenario(client)
        await scenario.run(CANCELLATIONS)
        assert scenario.cancelled >= CANCELLATIONS
        assert scenario.pool_timeouts == 0

        fake.reset_faults()  # hangs released, no more faults
        assert await async_wait_until(lambda: fake.stats.in_flight == 0)
        await asyncio.sleep(0.05)  # connections closed in the background finish closing
        assert leaked_slots(transport) == []

        fake.inject_latency(0.05)  # long enough for all five connections to be busy at once
        fake.stats.reset()
        outcomes = await fan_out(lambda _: client.health(), range(100), max_concurrency=20).collect()
        assert outcomes.ok, outcomes.errors[:3]  # no PoolTimeout
        assert fake.stats.peak_in_flight == LIMITS.max_connections  # all five slots serve requests again
        assert leaked_slots(transport) == []


async def test_plain_httpx_transport_fails_the_same_scenario(fake: FakeControlPlane) -> None:
    """The control: plain httpx loses pool slots for good in the same scenario, in most runs (the leak is
    a race, so a run where it does not show is skipped, not passed). It stops at the first slot lost, to
    save time; run to the end, it lost all five after 160 to 1,000 cancellations here, and then
    every request failed with PoolTimeout."""
    faulty(fake)
    transport = httpx.AsyncHTTPTransport(limits=LIMITS)
    async with ControlPlaneClient(fake.base_url, transport=transport, timeout=TIMEOUT, max_retries=0) as client:
        scenario = Scenario(client)
        await scenario.run(CANCELLATIONS, stop=lambda: bool(stuck_connections(transport)))
        fake.reset_faults()
        assert await async_wait_until(lambda: fake.stats.in_flight == 0)
        await asyncio.sleep(0.05)
        stuck = stuck_connections(transport)  # with no request in flight: lost for good
        if not stuck:
            # The leak is a race: on a loaded 2-core machine it sometimes takes more cancellations than
            # this run makes. A control that did not reproduce proves nothing either way; say so.
            pytest.skip(f"plain httpx happened to survive {scenario.cancelled} cancellations this run")
        if len(stuck) == LIMITS.max_connections:
            with pytest.raises(AtlasRequestTimeoutError, match="PoolTimeout"):
                await client.health(timeout=httpx.Timeout(5.0, pool=0.2))

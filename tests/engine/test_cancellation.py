"""The default engine's pool survives cancelled requests: 1,000 `asyncio.wait_for` cancellations at random
moments (waiting for a slot, connecting, sending, reading) through a pool of 5 against a 50 ms endpoint,
then 100 requests all succeed with all 5 connections serving again."""

from __future__ import annotations

import asyncio
import random
import time

import httpx

from atlas_extras import ControlPlaneClient
from atlas_extras.concurrency import fan_out
from atlas_extras.testing import FakeControlPlane

POOL = httpx.Limits(max_connections=5, max_keepalive_connections=5)
LATENCY = 0.05
CANCELLATIONS = 1_000
BATCH = 30  # requests at once: six times the pool, so most wait for a slot


async def _until(condition: object, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


async def test_1000_random_cancellations_lose_no_pool_slot(fake_control_plane: FakeControlPlane) -> None:
    fake = fake_control_plane
    fake.inject_latency(LATENCY)
    timeout = httpx.Timeout(5.0, pool=2.0)
    async with ControlPlaneClient(fake.base_url, limits=POOL, timeout=timeout, max_retries=0) as client:
        rng = random.Random(20261201)
        cancelled = completed = 0

        async def one() -> None:
            nonlocal cancelled, completed
            try:
                await asyncio.wait_for(client.health(), rng.uniform(0.0, 2 * LATENCY))
            except TimeoutError:
                cancelled += 1
            else:
                completed += 1

        while cancelled < CANCELLATIONS:
            await asyncio.gather(*(one() for _ in range(BATCH)))
        assert completed > 0  # the storm mixed finished and cancelled requests

        assert await _until(lambda: fake.stats.in_flight == 0)
        fake.stats.reset()
        outcomes = await fan_out(lambda _: client.health(), range(100), max_concurrency=20).collect()
        assert len(outcomes.errors) == 0, outcomes.errors[:3]
        assert sum(outcome.ok for outcome in outcomes) == 100
        assert fake.stats.peak_in_flight == POOL.max_connections  # every slot serves again: none was lost

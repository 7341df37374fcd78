"""Request statistics: per operation, in flight, peaks; resettable."""

from __future__ import annotations

import asyncio

import httpx

from atlas_extras.testing import FakeControlPlane

from .conftest import API


async def test_requests_are_counted_per_operation(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    await client.get(f"{API}/health")
    await client.get(f"{API}/tools/")
    await client.get(f"{API}/tools", params={"limit": 0})
    await client.get(f"{API}/not-an-operation")
    assert fake.stats.requests == {"health": 1, "list_tools": 2}
    assert fake.stats.total == 3
    assert fake.stats.statuses["list_tools"] == {200: 1, 422: 1}


async def test_in_flight_and_peaks_overall_and_per_operation(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject_latency(0.3, operation="list_tools")
    fake.inject_latency(0.3, operation="health")
    calls = [client.get(f"{API}/tools") for _ in range(5)] + [client.get(f"{API}/health") for _ in range(2)]
    running = asyncio.gather(*calls)
    await asyncio.sleep(0.1)
    assert fake.stats.in_flight == 7
    assert fake.stats.in_flight_by_operation["list_tools"] == 5
    await running
    assert fake.stats.in_flight == 0
    assert fake.stats.peak_in_flight == 7
    assert fake.stats.peak_in_flight_by_operation == {"list_tools": 5, "health": 2}


async def test_reset_zeroes_the_counters(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject_status(500, times=1)
    await asyncio.gather(*(client.get(f"{API}/health") for _ in range(3)))
    assert fake.stats.faults == {"500": 1}
    fake.stats.reset()
    assert (fake.stats.total, fake.stats.peak_in_flight, dict(fake.stats.faults)) == (0, 0, {})
    assert fake.stats.statuses == {}
    await client.get(f"{API}/health")
    assert fake.stats.requests == {"health": 1}
    assert "total=1" in repr(fake.stats)

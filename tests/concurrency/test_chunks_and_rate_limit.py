"""map_in_chunks and RateLimiter, async and on threads: chunks never overlap and pause between them; the
rate holds in every window. Only lower bounds on time are asserted (a pause lasted at least so long)."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
import uuid
from typing import Any

import pytest

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import RateLimiter, ThreadRunner, fan_out, map_in_chunks
from atlas_extras.testing import FakeControlPlane, seed_id

from .conftest import LATENCY

IDS = [uuid.UUID(seed_id("class", key)) for key in ["code-reviewer", "test-writer", "incident-responder"] * 3]
DELAY = 0.1


def max_in_window(stamps: list[float], window: float) -> int:
    """The most timestamps that fall within any `window` seconds."""
    stamps = sorted(stamps)
    best, first = 0, 0
    for last, stamp in enumerate(stamps):
        while stamp - stamps[first] >= window:
            first += 1
        best = max(best, last - first + 1)
    return best


def assert_chunks(spans: dict[int, tuple[float, float]], chunk_size: int) -> None:
    """Each chunk starts `DELAY` after the previous one has entirely finished."""
    chunks = [range(start, min(start + chunk_size, len(spans))) for start in range(0, len(spans), chunk_size)]
    for previous, following in itertools.pairwise(chunks):
        previous_end = max(spans[i][1] for i in previous)
        following_start = min(spans[i][0] for i in following)
        assert following_start - previous_end >= DELAY * 0.9


async def test_map_in_chunks_runs_one_chunk_at_a_time_with_a_pause(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY, jitter=LATENCY / 2)
    spans: dict[int, tuple[float, float]] = {}

    async def fetch(index: int) -> Any:
        start = time.monotonic()
        try:
            return await client.get_agent_class(IDS[index])
        finally:
            spans[index] = (start, time.monotonic())

    outcomes = await map_in_chunks(fetch, range(len(IDS)), chunk_size=4, delay=DELAY).collect()
    assert [o.value.id for o in outcomes] == IDS
    assert fake.stats.peak_in_flight == 4
    assert_chunks(spans, 4)


def test_runner_map_in_chunks_runs_one_chunk_at_a_time_with_a_pause(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    fake.inject_latency(LATENCY, jitter=LATENCY / 2)
    spans: dict[int, tuple[float, float]] = {}

    def fetch(index: int) -> Any:
        start = time.monotonic()
        try:
            return sync_client.get_agent_class(IDS[index])
        finally:
            spans[index] = (start, time.monotonic())

    outcomes = runner.map_in_chunks(fetch, range(len(IDS)), chunk_size=4, delay=DELAY).collect()
    assert [o.value.id for o in outcomes] == IDS
    assert fake.stats.peak_in_flight == 4
    assert_chunks(spans, 4)


def test_closing_a_runner_chunked_fan_out_does_not_wait_out_the_pause() -> None:
    with ThreadRunner(2) as runner:
        with runner.map_in_chunks(lambda x: x, range(10), chunk_size=2, delay=30.0) as outcomes:
            assert [next(outcomes).index, next(outcomes).index] == [0, 1]
            start = time.monotonic()
        assert time.monotonic() - start < 10  # the 30 s pause was interrupted, not waited out


RATE = 40.0  # per second
WINDOW = 0.25
ALLOWED = 1 + RATE * WINDOW  # burst 1 + one slot every 25 ms
TOLERANCE = 2  # scheduling jitter: a wait that ends late can bunch two calls


async def test_fan_out_with_a_rate_limit_holds_the_rate(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    stamps: list[float] = []

    async def ping(_: int) -> Any:
        stamps.append(time.monotonic())
        return await client.health()

    outcomes = await fan_out(ping, range(30), max_concurrency=10, rate_limit=RateLimiter(RATE)).collect()
    assert outcomes.ok
    assert fake.stats.requests["health"] == 30
    assert max_in_window(stamps, WINDOW) <= ALLOWED + TOLERANCE
    assert max(stamps) - min(stamps) >= 29 / RATE * 0.9  # it did have to wait


def test_one_limiter_shared_by_tasks_and_threads_holds_the_rate(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    limiter = RateLimiter(RATE)
    stamps: list[float] = []
    lock = threading.Lock()

    def stamp() -> None:
        with lock:
            stamps.append(time.monotonic())

    def threaded(_: int) -> Any:
        with limiter:
            stamp()
            return sync_client.health()

    async def in_tasks() -> None:
        async def one() -> None:
            async with limiter:
                stamp()

        await asyncio.gather(*(one() for _ in range(15)))

    thread = threading.Thread(target=asyncio.run, args=(in_tasks(),))
    thread.start()
    outcomes = runner.fan_out(threaded, range(15), max_concurrency=8).collect()
    thread.join()
    assert outcomes.ok
    assert len(stamps) == 30
    assert max_in_window(stamps, WINDOW) <= ALLOWED + TOLERANCE


def test_runner_fan_out_with_a_rate_limit_holds_the_rate(runner: ThreadRunner) -> None:
    stamps: list[float] = []
    outcomes = runner.fan_out(
        lambda _: stamps.append(time.monotonic()), range(30), max_concurrency=8, rate_limit=RateLimiter(RATE, burst=5)
    ).collect()
    assert outcomes.ok
    assert max_in_window(stamps, WINDOW) <= 5 + RATE * WINDOW + TOLERANCE


def test_map_in_chunks_rejects_a_negative_delay() -> None:
    async def noop(x: int) -> int:
        return x

    with pytest.raises(ValueError, match="delay must be >= 0"):
        map_in_chunks(noop, [1], delay=-1.0)

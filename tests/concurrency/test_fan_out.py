"""fan_out, async and on threads: order, bounds, per-item errors, early exit, huge inputs, progress."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from atlas_extras import AtlasNotFoundError, ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ProgressUpdate, ThreadRunner, fan_out, map_in_chunks
from atlas_extras.testing import FakeControlPlane, seed_id

from .conftest import LATENCY, async_wait_until, other_tasks

CLASS_KEYS = ["code-reviewer", "test-writer", "incident-responder", "data-analyst"]
MISSING = uuid.UUID(int=0)


def class_ids(count: int) -> list[uuid.UUID]:
    """`count` agent class ids of the demo dataset, with one that does not exist at index 5."""
    ids = [uuid.UUID(seed_id("class", CLASS_KEYS[i % 4])) for i in range(count)]
    ids[5] = MISSING
    return ids


# -- order, bounds, errors: against the fake -------------------------------------------------------------


@pytest.mark.parametrize("max_concurrency", [1, 3, 7])
async def test_fan_out_keeps_input_order_bounds_requests_and_collects_errors(
    fake: FakeControlPlane, client: ControlPlaneClient, max_concurrency: int
) -> None:
    fake.inject_latency(LATENCY, jitter=LATENCY)  # completions come out of order
    ids = class_ids(24)
    outcomes = await fan_out(client.get_agent_class, ids, max_concurrency=max_concurrency).collect()
    assert [o.index for o in outcomes] == list(range(24))
    assert [o.item for o in outcomes] == ids
    assert [o.value.id for o in outcomes if o.ok] == [i for i in ids if i != MISSING]
    [failed] = outcomes.errors
    assert (failed.index, failed.item) == (5, MISSING)
    assert isinstance(failed.error, AtlasNotFoundError)
    assert fake.stats.requests["get_agent_class"] == 24
    assert fake.stats.peak_in_flight == max_concurrency
    assert other_tasks() == set()


@pytest.mark.parametrize("max_concurrency", [1, 3, 7])
def test_runner_fan_out_keeps_input_order_bounds_requests_and_collects_errors(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, runner: ThreadRunner, max_concurrency: int
) -> None:
    fake.inject_latency(LATENCY, jitter=LATENCY)
    ids = class_ids(24)
    outcomes = runner.fan_out(sync_client.get_agent_class, ids, max_concurrency=max_concurrency).collect()
    assert [o.index for o in outcomes] == list(range(24))
    assert [o.item for o in outcomes] == ids
    [failed] = outcomes.errors
    assert (failed.index, failed.item, type(failed.error)) == (5, MISSING, AtlasNotFoundError)
    assert fake.stats.peak_in_flight == max_concurrency


async def test_fan_out_over_a_paginator_streams_every_item(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    async def name_of(definition: Any) -> str:
        config = await client.get_agent_definition_config(definition.id)
        return str(config.name)

    pages = client.iter_agent_definitions(limit=5)
    outcomes = await fan_out(name_of, pages, max_concurrency=4).collect()
    assert len(outcomes) == 12
    assert outcomes.values == [o.item.name for o in outcomes]
    assert fake.stats.requests["list_agent_definitions"] == 3


def test_runner_fan_out_over_a_sync_paginator(fake: FakeControlPlane, sync_client: SyncControlPlaneClient) -> None:
    with ThreadRunner(4) as runner:
        outcomes = runner.fan_out(lambda d: d.slug, sync_client.iter_agent_definitions(limit=5)).collect()
    assert len(outcomes) == 12
    assert outcomes.ok


async def test_unordered_fan_out_yields_as_completed() -> None:
    async def wait(delay: float) -> float:
        await asyncio.sleep(delay)
        return delay

    delays = [0.2, 0.0, 0.1]
    outcomes = await fan_out(wait, delays, max_concurrency=3, ordered=False).collect()
    assert [o.index for o in outcomes] == [1, 2, 0]


def test_runner_unordered_fan_out_yields_as_completed(runner: ThreadRunner) -> None:
    release = threading.Event()

    def first_blocks(index: int) -> int:
        if index == 0:
            release.wait(5)
        return index

    seen = []
    with runner.fan_out(first_blocks, range(4), max_concurrency=4, ordered=False) as outcomes:
        for outcome in outcomes:
            seen.append(outcome.index)
            if len(seen) == 3:
                release.set()
    assert seen[-1] == 0
    assert sorted(seen) == [0, 1, 2, 3]


async def test_a_slow_item_holds_back_at_most_buffer_size_items() -> None:
    release = asyncio.Event()
    started: list[int] = []

    async def fn(index: int) -> int:
        started.append(index)
        if index == 0:
            await release.wait()
        return index

    async with fan_out(fn, range(100), max_concurrency=2, buffer_size=5) as outcomes:
        iterator = aiter(outcomes)
        first = asyncio.ensure_future(anext(iterator))
        await asyncio.sleep(0.05)
        assert sorted(started) == [0, 1, 2, 3, 4]  # items 1..4 done and buffered; 5 waits for item 0
        release.set()
        assert (await first).index == 0
        assert [o.index async for o in iterator] == list(range(1, 100))


# -- stopping early --------------------------------------------------------------------------------------


async def test_leaving_a_fan_out_early_cancels_its_requests(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    fake.inject_hang(operation="get_agent_class")
    ids = class_ids(40)
    calls = 0

    async def fetch(agent_class_id: uuid.UUID) -> Any:
        nonlocal calls
        calls += 1
        if agent_class_id == MISSING:
            return None
        return await client.get_agent_class(agent_class_id)

    async with fan_out(fetch, ids, max_concurrency=8, ordered=False) as outcomes:
        async for outcome in outcomes:
            assert outcome.index == 5
            break
    assert other_tasks() == set()
    assert calls == 8  # the first 8; none started after leaving
    assert await async_wait_until(lambda: fake.stats.in_flight == 0)  # the hanging requests were cancelled


def test_leaving_a_runner_fan_out_early_cancels_queued_calls(runner: ThreadRunner) -> None:
    calls: list[int] = []

    def record(index: int) -> int:
        calls.append(index)
        time.sleep(0.01)
        return index

    with runner.fan_out(record, range(1000), max_concurrency=4) as outcomes:
        for outcome in outcomes:
            if outcome.index == 10:
                break
    assert len(calls) <= 10 + 1 + 2 * 4  # what was emitted, plus at most a buffer's worth started
    settled = len(calls)
    time.sleep(0.05)
    assert len(calls) == settled  # nothing runs after close


async def test_an_error_from_the_input_itself_ends_the_fan_out() -> None:
    async def source() -> AsyncIterator[int]:
        yield 1
        raise RuntimeError("page fetch failed")

    async def double(x: int) -> int:
        return 2 * x

    with pytest.raises(RuntimeError, match="page fetch failed"):
        await fan_out(double, source()).collect()
    assert other_tasks() == set()


# -- edges and bad input -----------------------------------------------------------------------------------


async def test_empty_input_gives_no_outcomes_and_a_finished_progress() -> None:
    updates: list[ProgressUpdate] = []

    async def never(x: object) -> None:
        raise AssertionError

    assert await fan_out(never, [], progress=updates.append).collect() == []
    assert [(u.done, u.total, u.finished) for u in updates] == [(0, 0, True)]
    with ThreadRunner(1) as runner:
        assert runner.fan_out(never, []).collect() == []


async def _noop(x: object) -> object:
    return x


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"max_concurrency": 0}, ValueError, "max_concurrency must be an int >= 1, got 0"),
        ({"max_concurrency": 2.5}, ValueError, "max_concurrency must be an int >= 1"),
        ({"max_concurrency": 4, "buffer_size": 3}, ValueError, "buffer_size must be >= max_concurrency"),
        ({"rate_limit": 10}, TypeError, "rate_limit must be a RateLimiter"),
    ],
)
def test_fan_out_rejects_bad_settings_at_the_call(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        fan_out(_noop, [1], **kwargs)
    with ThreadRunner(1) as runner, pytest.raises(error, match=message):
        runner.fan_out(_noop, [1], **kwargs)


def test_fan_out_rejects_what_is_not_iterable() -> None:
    with pytest.raises(TypeError, match="items must be an iterable or async iterable, got int"):
        fan_out(_noop, 5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="chunk_size must be an int >= 1, got 0"):
        map_in_chunks(_noop, [1], chunk_size=0)


# -- huge inputs: memory stays flat -------------------------------------------------------------------------

HUGE = 100_000


def _tracked_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


async def test_fan_out_of_100_000_items_keeps_tasks_and_memory_bounded() -> None:
    max_concurrency = 50
    peak_tasks = 0
    objects: dict[int, int] = {}

    async def fn(x: int) -> int:
        nonlocal peak_tasks
        if x % 1000 == 0:
            peak_tasks = max(peak_tasks, len(asyncio.all_tasks()))
        return x

    count = 0
    async with fan_out(fn, iter(range(HUGE)), max_concurrency=max_concurrency) as outcomes:
        async for outcome in outcomes:
            count += 1
            if outcome.index in (HUGE // 10, HUGE * 9 // 10):
                objects[outcome.index] = _tracked_objects()
    assert count == HUGE
    assert peak_tasks <= max_concurrency + 1  # the calls, and the test itself
    growth = objects[HUGE * 9 // 10] - objects[HUGE // 10]
    assert growth < 500, f"{growth} more objects alive after 80,000 more items"  # one task per item: 100,000s


def test_runner_fan_out_of_100_000_items_keeps_futures_and_memory_bounded() -> None:
    objects: dict[int, int] = {}
    count = 0
    with ThreadRunner(4) as runner, runner.fan_out(lambda x: x, iter(range(HUGE))) as outcomes:
        for outcome in outcomes:
            count += 1
            if outcome.index in (HUGE // 10, HUGE * 9 // 10):
                objects[outcome.index] = _tracked_objects()
    assert count == HUGE
    growth = objects[HUGE * 9 // 10] - objects[HUGE // 10]
    assert growth < 500, f"{growth} more objects alive after 80,000 more items"


# -- progress ------------------------------------------------------------------------------------------------


async def test_progress_reports_every_item_and_failures(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    updates: list[ProgressUpdate] = []
    await fan_out(client.get_agent_class, class_ids(8), max_concurrency=3, progress=updates.append).collect()
    assert [u.done for u in updates] == [*range(1, 9), 8]
    assert updates[-1].finished
    assert updates[-1].failed == 1
    assert updates[-1].total == 8
    assert not any(u.finished for u in updates[:-1])


def test_runner_progress_reports_from_the_calling_thread(runner: ThreadRunner) -> None:
    threads: set[str] = set()

    def record(update: ProgressUpdate) -> None:
        threads.add(threading.current_thread().name)

    runner.fan_out(lambda x: x, range(20), progress=record).collect()
    assert threads == {threading.current_thread().name}


def _iterate(items: int) -> Iterator[int]:
    yield from range(items)


async def test_progress_total_comes_from_len_or_the_caller() -> None:
    updates: list[ProgressUpdate] = []
    await fan_out(_noop, _iterate(3), progress=updates.append).collect()
    assert updates[-1].total is None
    await fan_out(_noop, _iterate(3), progress=updates.append, total=3).collect()
    assert updates[-1].total == 3

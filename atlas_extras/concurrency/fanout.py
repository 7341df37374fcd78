"""Bounded fan-out over an iterable or async iterable: `fan_out` and `map_in_chunks`.

```python
async with fan_out(analyze, client.iter_agent_definitions(), max_concurrency=20) as results:
    async for outcome in results:          # input order; each says its .index, .item, .value or .error
        ...
outcomes = await fan_out(analyze, definitions, max_concurrency=20).collect()   # all at once
```

At most `max_concurrency` calls run at once, and only that many tasks exist: items are pulled from the
input one by one as slots free up, never all up front, so memory stays flat whatever the number of
items. In input order (`ordered=True`, the default) results that finish early wait in a buffer of
`buffer_size` (default 2 x max_concurrency); no item starts more than `buffer_size` places ahead of the
oldest unfinished one. An error from `fn` is that item's outcome; an error from the input iterator
itself ends the fan-out and is raised. Leaving the loop early (or `aclose()`) cancels the calls still
running; so does cancelling the task that iterates (use `async with` or `collect()`, so that the fan-out
is closed however the loop ends).

With `adaptive=True`, `max_concurrency` is a ceiling: the fan-out starts lower and finds the
concurrency the server sustains (fewer calls in flight on 429, 503, timeouts or rising latency, more again
while calls succeed; see `AdaptiveConcurrency`). It learns from each call's outcome and duration, so the
SDK's own retries of a 429 show as a slow call; with `max_retries=0` on the client it reacts to the first
429 at once, and `AdaptiveConcurrency(reruns=n)` runs the items turned away again instead of failing them.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterable, Awaitable, Callable, Iterable
from typing import TypeVar, Unpack

from .._streams import AsyncStream
from ._outcome import ItemOutcome, Outcomes
from ._ratelimit import RateLimiter
from ._schedule import ChunkOptions, FanOutOptions, FanOutSchedule, Finished, Job
from ._tasks import cancel_and_wait

__all__ = ["FanOut", "fan_out", "map_in_chunks"]

I = TypeVar("I")  # noqa: E741
R = TypeVar("R")


class FanOut(AsyncStream[ItemOutcome[I, R]]):
    """The outcomes of a running fan-out: an async iterator, and an async context manager whose exit (like
    `aclose()`) cancels the calls still running and waits for them to end."""

    def __init__(
        self,
        fn: Callable[[I], Awaitable[R]],
        items: Iterable[I] | AsyncIterable[I],
        schedule: FanOutSchedule[I, R],
    ) -> None:
        if not isinstance(items, Iterable | AsyncIterable):
            raise TypeError(f"items must be an iterable or async iterable, got {type(items).__name__}")
        super().__init__(_run(fn, items, schedule))
        self._schedule = schedule

    @property
    def limit(self) -> int:
        """How many calls may run at once now: `max_concurrency`, or the level adaptive mode has found."""
        return self._schedule.limit

    async def collect(self) -> Outcomes[I, R]:
        """Run to the end and return every outcome (in input order if ordered)."""
        async with self:
            return Outcomes([outcome async for outcome in self])


async def _call(fn: Callable[[I], Awaitable[R]], job: Job[I], limiter: RateLimiter | None) -> Finished[I, R]:
    index, item, delay = job.index, job.item, job.delay
    started = time.monotonic()
    try:
        if delay > 0:
            await asyncio.sleep(delay)
        if limiter is not None:
            await limiter.acquire()
        started = time.monotonic()
        value = await fn(item)
    except Exception as exc:
        return Finished(ItemOutcome(error=exc, index=index, item=item), started, time.monotonic() - started)
    return Finished(ItemOutcome(value, index=index, item=item), started, time.monotonic() - started)


def _puller(items: Iterable[I] | AsyncIterable[I]) -> Callable[[], Awaitable[I]]:
    """An async `next()` over either kind of iterable (raises StopAsyncIteration at the end)."""
    if isinstance(items, AsyncIterable):
        return aiter(items).__anext__
    iterator = iter(items)

    async def pull() -> I:
        try:
            return next(iterator)
        except StopIteration:
            raise StopAsyncIteration from None

    return pull


async def _run(
    fn: Callable[[I], Awaitable[R]], items: Iterable[I] | AsyncIterable[I], schedule: FanOutSchedule[I, R]
) -> AsyncGenerator[ItemOutcome[I, R]]:
    loop = asyncio.get_running_loop()
    pull = _puller(items)
    running: set[asyncio.Task[Finished[I, R]]] = set()
    finished: deque[asyncio.Task[Finished[I, R]]] = deque()
    wake = asyncio.Event()

    def on_done(task: asyncio.Task[Finished[I, R]]) -> None:
        finished.append(task)
        wake.set()

    try:
        while True:
            while schedule.can_start():
                job = schedule.rerun()
                if job is None:
                    try:
                        item = await pull()
                    except StopAsyncIteration:
                        schedule.exhausted = True
                        continue  # a rerun may still be due; else can_start() is now False
                    job = schedule.begin(item)
                task = loop.create_task(_call(fn, job, schedule.rate_limit))
                running.add(task)
                task.add_done_callback(on_done)
            if schedule.finished:
                return
            await wake.wait()
            wake.clear()
            while finished:
                task = finished.popleft()
                running.discard(task)
                for outcome in schedule.complete(task.result()):
                    yield outcome
    finally:
        await cancel_and_wait(running)
        schedule.close()


def fan_out(
    fn: Callable[[I], Awaitable[R]],
    items: Iterable[I] | AsyncIterable[I],
    *,
    max_concurrency: int = 10,
    **options: Unpack[FanOutOptions],
) -> FanOut[I, R]:
    """Run `await fn(item)` for every item, at most `max_concurrency` at once; iterate the outcomes.

    Options (`FanOutOptions`): `ordered=False` yields outcomes as they complete; `buffer_size`;
    `rate_limit` (a `RateLimiter`) spaces the calls out; `progress` is a callback taking
    `ProgressUpdate`s, or True for a progress bar on stderr when it is a terminal; `total` is the item
    count to report (default: `len(items)` when it has one); `adaptive=True` (or an
    `AdaptiveConcurrency`) makes `max_concurrency` a ceiling and finds the level the server sustains.
    """
    return FanOut(fn, items, FanOutSchedule(items, max_concurrency=max_concurrency, **options))


def map_in_chunks(
    fn: Callable[[I], Awaitable[R]],
    items: Iterable[I] | AsyncIterable[I],
    *,
    chunk_size: int = 10,
    delay: float = 0.0,
    **options: Unpack[ChunkOptions],
) -> FanOut[I, R]:
    """Run `fn` over the items `chunk_size` at a time: a chunk starts `delay` seconds after the previous
    one has entirely finished. Outcomes come in input order; options as `fan_out`'s (`ChunkOptions`)."""
    schedule: FanOutSchedule[I, R] = FanOutSchedule(
        items, max_concurrency=chunk_size, chunk_size=chunk_size, chunk_delay=delay, **options
    )
    return FanOut(fn, items, schedule)

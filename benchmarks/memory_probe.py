"""One memory measurement in a fresh process: `python -m benchmarks.memory_probe MODE URL ITEMS ...` streams
ITEMS agent definitions through pagination and a fan-out, then prints one JSON line: peak RSS growth over the
warmed-up baseline, and the peak number of live tasks or threads.

Modes: `async` (`iter_agent_definitions(prefetch=P)` into `fan_out(..., max_concurrency=C)`), `threads`
(the blocking twins on a `ThreadRunner`), and the hand-written patterns they replace: `naive-async`
(collect every item, then one `asyncio.gather` over all) and `naive-threads` (collect, then
`ThreadPoolExecutor.map` over all).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ThreadRunner, fan_out

from .ours import async_client, sync_client

MODES = ("async", "threads", "naive-async", "naive-threads")
_SAMPLE_EVERY = 0.005  # seconds
_PAGE_BYTES = 4096


@dataclass(frozen=True)
class Plan:
    """What one probe streams, and how."""

    mode: str
    base_url: str
    items: int
    page_size: int
    prefetch: int
    concurrency: int
    work: float


@dataclass(frozen=True)
class Result:
    items: int
    rss_growth_mb: float
    peak_tasks: int
    peak_threads: int
    seconds: float


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE_BYTES


class _Sampler:
    """Samples RSS and live threads every few milliseconds in a thread; live tasks from the event loop."""

    def __init__(self) -> None:
        self.baseline = _rss()
        self.peak_rss = self.baseline
        self.peak_threads = 0
        self.peak_tasks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(_SAMPLE_EVERY):
            self.peak_rss = max(self.peak_rss, _rss())
            self.peak_threads = max(self.peak_threads, threading.active_count())

    async def sample_tasks(self) -> None:
        """Runs as a task until cancelled (it counts itself)."""
        while True:
            self.peak_tasks = max(self.peak_tasks, len(asyncio.all_tasks()))
            await asyncio.sleep(_SAMPLE_EVERY)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_rss = max(self.peak_rss, _rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak_rss - self.baseline) / 2**20


async def _work(item: Any, seconds: float) -> object:
    await asyncio.sleep(seconds)
    return item.id


def _work_sync(item: Any, seconds: float) -> object:
    if seconds:
        time.sleep(seconds)
    return item.id


async def _definitions(client: ControlPlaneClient, plan: Plan) -> AsyncIterator[Any]:
    """The first `plan.items` definitions; the paginator is closed (in-flight pages cancelled) at the end."""
    async with client.iter_agent_definitions(limit=plan.page_size, prefetch=plan.prefetch) as paginator:
        taken = 0
        async for item in paginator:
            yield item
            taken += 1
            if taken >= plan.items:
                return


def _definitions_sync(client: SyncControlPlaneClient, plan: Plan) -> Iterator[Any]:
    with client.iter_agent_definitions(limit=plan.page_size, prefetch=plan.prefetch) as paginator:
        yield from islice(paginator, plan.items)


async def _stream_async(client: ControlPlaneClient, plan: Plan) -> int:
    count = 0
    if plan.mode == "async":
        work = lambda item: _work(item, plan.work)  # noqa: E731
        async with fan_out(work, _definitions(client, plan), max_concurrency=plan.concurrency) as outcomes:
            async for outcome in outcomes:
                count += outcome.ok
    else:  # naive-async
        everything = [item async for item in _definitions(client, plan)]
        count = len(await asyncio.gather(*(_work(item, plan.work) for item in everything)))
    return count


async def _probe_async(plan: Plan) -> Result:
    async with async_client(plan.base_url) as client:
        # Warm up (imports, compiled checks, and the connections prefetch uses, so that no connection is
        # opened, with its transient tasks, during the measurement).
        await asyncio.gather(*(client.list_agent_definitions(limit=plan.page_size) for _ in range(plan.prefetch)))
        gc.collect()
        with _Sampler() as sampler:
            sampling = asyncio.create_task(sampler.sample_tasks())
            started = time.perf_counter()
            count = await _stream_async(client, plan)
            seconds = time.perf_counter() - started
            sampling.cancel()
    return Result(count, sampler.growth_mb, sampler.peak_tasks, sampler.peak_threads, seconds)


def _stream_threads(client: SyncControlPlaneClient, plan: Plan) -> int:
    if plan.mode == "threads":
        runner = ThreadRunner(max_workers=plan.concurrency)
        work = lambda item: _work_sync(item, plan.work)  # noqa: E731
        with runner, runner.fan_out(work, _definitions_sync(client, plan)) as outcomes:
            return sum(outcome.ok for outcome in outcomes)
    everything = list(_definitions_sync(client, plan))  # naive-threads
    with ThreadPoolExecutor(plan.concurrency) as pool:
        return len(list(pool.map(_work_sync, everything, [plan.work] * len(everything))))


def _probe_threads(plan: Plan) -> Result:
    with sync_client(plan.base_url) as client:
        client.list_agent_definitions(limit=plan.page_size)
        gc.collect()
        with _Sampler() as sampler:
            started = time.perf_counter()
            count = _stream_threads(client, plan)
            seconds = time.perf_counter() - started
    return Result(count, sampler.growth_mb, sampler.peak_tasks, sampler.peak_threads, seconds)


def probe(plan: Plan) -> Result:
    if plan.mode in ("async", "naive-async"):
        return asyncio.run(_probe_async(plan))
    return _probe_threads(plan)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory_probe")
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("base_url")
    for name in ("items", "page_size", "prefetch", "concurrency"):
        parser.add_argument(name, type=int)
    parser.add_argument("work", type=float, help="seconds of (simulated) work per item")
    args = parser.parse_args(argv)
    plan = Plan(args.mode, args.base_url, args.items, args.page_size, args.prefetch, args.concurrency, args.work)
    print(json.dumps(asdict(probe(plan))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Scenario 3: every agent definition (10,000, pages of 100, 10 ms fake): sequential pages against 8 pages in
flight; items per second, and the items must come in the same order every way."""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass

import httpx

from ..ours import async_client, sync_client
from ..peers import page_url
from ..report import Row, Target
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from ..timing import Trial, in_event_loop, interleave
from . import Context, Scenario

TITLE = "3 pagination"
TARGET = Target("ratio", ">=", 5.0)


@dataclass(frozen=True)
class PageRun:
    """One full iteration: items per second, how many items, and a digest of their ids in order."""

    rate: float
    count: int
    digest: str


class _Ids:
    """Collects ids in order while timing the iteration."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self.count = 0
        self.started = time.perf_counter()

    def add(self, item_id: object) -> None:
        self._digest.update(str(item_id).encode())
        self.count += 1

    def done(self) -> PageRun:
        elapsed = time.perf_counter() - self.started
        return PageRun(self.count / elapsed, self.count, self._digest.hexdigest())


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(latency=sizes.page_latency, definitions=sizes.page_items)


def _ours_async(base_url: str, page_size: int, prefetch: int) -> Trial[PageRun]:
    async def trial() -> PageRun:
        async with async_client(base_url) as client:
            ids = _Ids()
            async for definition in client.iter_agent_definitions(limit=page_size, prefetch=prefetch):
                ids.add(definition.id)
            return ids.done()

    return in_event_loop(trial)


def _ours_sync(base_url: str, page_size: int, prefetch: int) -> Trial[PageRun]:
    def trial() -> PageRun:
        with sync_client(base_url) as client:
            ids = _Ids()
            for definition in client.iter_agent_definitions(limit=page_size, prefetch=prefetch):
                ids.add(definition.id)
            return ids.done()

    return trial


async def _raw_pages(client: httpx.AsyncClient, base_url: str, page_size: int, most: int) -> AsyncIterator[str]:
    """A hand-written offset loop: pages until a short one (at most `most` pages)."""
    for page in range(most):
        response = await client.get(page_url(base_url, page_size, page * page_size))
        response.raise_for_status()
        items = response.json()
        for item in items:
            yield item["id"]
        if len(items) < page_size:
            return


def _raw_httpx(base_url: str, page_size: int, items: int) -> Trial[PageRun]:
    async def trial() -> PageRun:
        async with httpx.AsyncClient(timeout=30.0) as client:
            ids = _Ids()
            async for item_id in _raw_pages(client, base_url, page_size, items // page_size + 1):
                ids.add(item_id)
            return ids.done()

    return in_event_loop(trial)


def _check_order(runs: Iterable[PageRun], expected: int) -> str:
    """Every run saw all `expected` items in one and the same order (raises otherwise)."""
    seen = {(run.count, run.digest) for run in runs}
    if len(seen) != 1 or next(iter(seen))[0] != expected:
        raise AssertionError(f"pagination: the item order or count differs between runs: {sorted(seen)}")
    return f"identical order of {expected} items in every run"


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    url, size, prefetch = context.base_url, sizes.page_size, sizes.prefetch
    parallel_async, parallel_sync = f"ours async, prefetch={prefetch}", f"ours sync, prefetch={prefetch} (threads)"
    sequential, raw = "ours async, sequential", "raw httpx, sequential"
    trials = {
        parallel_async: _ours_async(url, size, prefetch),
        parallel_sync: _ours_sync(url, size, prefetch),
        sequential: _ours_async(url, size, 1),
        raw: _raw_httpx(url, size, sizes.page_items),
    }
    runs = interleave(trials, sizes.repeats, sizes.deadline)
    order = _check_order((run for name_runs in runs.values() for run in name_runs), sizes.page_items)
    context.notes["order"] = order
    samples = {name: [run.rate for run in name_runs] for name, name_runs in runs.items()}
    comparison = Comparison(TITLE, "items/s", peers=(sequential, raw), reference=(sequential,), ratio_of="speed-up")
    return [comparison.row(samples, name, target=TARGET, notes=order) for name in (parallel_async, parallel_sync)]


SCENARIO = Scenario("pagination", "Pagination: parallel prefetch", _server, run)

"""Fan-out through each async engine against the fake served on loopback, interleaved round after round.

    python scripts/measure_async_engines.py --requests 2000 --in-flight 10,50,200 --rounds 3

Compares raw aiohttp (a session, `raise_for_status`, `.json()`), `ControlPlaneClient` with no options
(the aiohttp engine), the same client over `aiohttp_transport()` (httpx-aiohttp) and over httpx
(`transport=CancelSafeAsyncHTTPTransport()`): GETs of agent definitions by id, pools above the concurrency,
the fake in a separate process with 20 ms of latency. Prints the median requests per second and client CPU
per request (`time.process_time`) of each; a quick look, not the benchmark (`nox -s bench`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any
from uuid import UUID

import aiohttp
import httpx

from atlas_extras import ControlPlaneClient
from atlas_extras.testing import seed_id
from atlas_extras.transports import CancelSafeAsyncHTTPTransport, aiohttp_transport
from benchmarks.peers import definition_url
from benchmarks.server import ServerConfig, serve

POOL = httpx.Limits(max_connections=250, max_keepalive_connections=250)
WARM_UP = 50


async def _bounded(fetch: Callable[[Any], Awaitable[Any]], items: Sequence[Any], in_flight: int) -> None:
    gate = asyncio.Semaphore(in_flight)

    async def one(item: Any) -> None:
        async with gate:
            await fetch(item)

    await asyncio.gather(*(one(item) for item in items))


async def _timed(fetch: Callable[[Any], Awaitable[Any]], items: Sequence[Any], in_flight: int) -> tuple[float, float]:
    """Requests per second and client CPU microseconds per request, after a warm-up."""
    await _bounded(fetch, items[:WARM_UP], in_flight)
    wall, cpu = time.perf_counter(), time.process_time()
    await _bounded(fetch, items, in_flight)
    return len(items) / (time.perf_counter() - wall), (time.process_time() - cpu) / len(items) * 1e6


async def raw_aiohttp(base_url: str, ids: Sequence[UUID], in_flight: int) -> tuple[float, float]:
    connector = aiohttp.TCPConnector(limit=POOL.max_connections or 0)
    async with aiohttp.ClientSession(connector=connector, raise_for_status=True) as session:

        async def get(url: str) -> Any:
            async with session.get(url) as response:
                return await response.json()

        return await _timed(get, [definition_url(base_url, i) for i in ids], in_flight)


Run = Callable[[str, Sequence[UUID], int], Coroutine[Any, Any, tuple[float, float]]]


def ours(transport: Callable[[], httpx.AsyncBaseTransport | None]) -> Run:
    async def run(base_url: str, ids: Sequence[UUID], in_flight: int) -> tuple[float, float]:
        async with ControlPlaneClient(base_url, timeout=30.0, limits=POOL, transport=transport()) as client:
            return await _timed(client.get_agent_definition, ids, in_flight)

    return run


CONTENDERS: dict[str, Run] = {
    "raw aiohttp": raw_aiohttp,
    "ours (default)": ours(lambda: None),
    "ours over aiohttp_transport()": ours(lambda: aiohttp_transport(POOL)),
    "ours over httpx": ours(lambda: CancelSafeAsyncHTTPTransport(limits=POOL)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--in-flight", default="10,50,200", help="comma-separated concurrencies")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default=",".join(CONTENDERS), help="comma-separated contenders")
    options = parser.parse_args()
    levels = [int(level) for level in options.in_flight.split(",")]
    names = [name for name in CONTENDERS if name in options.only.split(",")]
    ids = [UUID(seed_id("definition", index)) for index in range(options.requests)]
    samples: dict[tuple[str, int], list[tuple[float, float]]] = {}
    with serve(ServerConfig(latency=0.02, definitions=options.requests)) as base_url:
        for _ in range(options.rounds):
            for level in levels:
                for name in names:
                    samples.setdefault((name, level), []).append(asyncio.run(CONTENDERS[name](base_url, ids, level)))
    for level in levels:
        reference = statistics.median(rate for rate, _ in samples.get(("raw aiohttp", level), [(0.0, 0.0)]))
        for name in names:
            rate = statistics.median(rate for rate, _ in samples[(name, level)])
            cpu = statistics.median(cpu for _, cpu in samples[(name, level)])
            ratio = f"{rate / reference:5.2f}x raw aiohttp" if reference else ""
            print(f"{level:4d} in flight  {name:30s} {rate:7.0f} req/s {cpu:7.0f} us CPU/request  {ratio}")


if __name__ == "__main__":
    main()

"""Scenario 10: 1,000 random cancellations, then 100 requests, on a pool of 5 connections. Each request of the
storm is `asyncio.wait_for(..., t)` with `t` drawn at random below the fake's 50 ms latency or a little past
it, ten at once (twice the pool), so requests are cancelled while they wait for a connection, while it opens,
while the request is written and while the response is awaited. Then the fake counts how many of 100 later
requests it serves at once: five, unless the storm cost the pool slots for good.

The fake runs in this process (its request counts are read directly); timing does not matter here.
"""

from __future__ import annotations

import asyncio
import functools
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import aiohttp
import httpx

from atlas_control_plane_client.api.system import health
from atlas_extras.testing import FakeControlPlane

from ..ours import Engine, async_client
from ..peers import httpx2_module, url_of
from ..report import Row, Target
from ..sizes import Sizes
from . import Context, Scenario

TITLE = "10 cancellations"
BATCH = 10
FOLLOWUP_CONCURRENCY = 20
FOLLOWUP_BOUND = 5.0  # seconds for each later request: a request that waits on a lost slot fails
SETTLE_BOUND = 10.0
SEED = 7
OURS: dict[str, Engine] = {"ours async (default)": "default", "ours async, httpx transport": "httpx"}
RAW_HTTPX, RAW_HTTPX2, RAW_AIOHTTP = "raw httpx", "raw httpx2", "raw aiohttp"


class Client(Protocol):
    """What a contender does: one request (the fake's health check) and closing."""

    async def get(self) -> object: ...
    async def close(self) -> None: ...


@dataclass(frozen=True)
class Survival:
    """One contender's run: cancellations made, other errors in the storm, later requests that succeeded,
    the most the fake served at once afterwards, and the slots that leaves lost."""

    cancelled: int
    storm_errors: int
    followups_ok: int
    peak_in_flight: int
    slots_lost: int


class _Ours:
    def __init__(self, base_url: str, engine: Engine, pool: int) -> None:
        limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
        self.client = async_client(base_url, engine, limits=limits)

    async def get(self) -> object:
        return await self.client.health()

    async def close(self) -> None:
        await self.client.close()


class _RawHttpxLike:
    def __init__(self, base_url: str, library: Any, pool: int) -> None:
        self.url = url_of(base_url, health)
        limits = library.Limits(max_connections=pool, max_keepalive_connections=pool)
        self.client = library.AsyncClient(limits=limits)

    async def get(self) -> object:
        response = await self.client.get(self.url)
        response.raise_for_status()
        return response.json()

    async def close(self) -> None:
        await self.client.aclose()


class _RawAiohttp:
    def __init__(self, base_url: str, pool: int) -> None:
        self.url = url_of(base_url, health)
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=pool), raise_for_status=True)

    async def get(self) -> object:
        async with self.session.get(self.url) as response:
            return await response.json()

    async def close(self) -> None:
        await self.session.close()


async def _storm(client: Client, cancellations: int, latency: float, rng: random.Random) -> tuple[int, int]:
    """Cancel requests at random moments until `cancellations` were; (cancelled, other errors)."""
    cancelled = errors = 0
    while cancelled < cancellations:
        batch = [asyncio.wait_for(client.get(), rng.uniform(0.0, 1.2 * latency)) for _ in range(BATCH)]
        for result in await asyncio.gather(*batch, return_exceptions=True):
            if type(result) is TimeoutError:  # wait_for's own, not a client's timeout error
                cancelled += 1
            elif isinstance(result, BaseException):
                errors += 1
    return cancelled, errors


async def _settle(fake: FakeControlPlane) -> None:
    """Until the fake has no request in flight (the storm's last ones finish or are dropped), at most
    SETTLE_BOUND seconds; the fake's counters can only be polled."""
    stop = time.monotonic() + SETTLE_BOUND
    while fake.stats.in_flight and time.monotonic() < stop:  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)  # connections closed in the background finish closing


async def _followups(client: Client, count: int) -> int:
    semaphore = asyncio.Semaphore(FOLLOWUP_CONCURRENCY)

    async def one() -> bool:
        async with semaphore:
            try:
                await asyncio.wait_for(client.get(), FOLLOWUP_BOUND)
            except Exception:
                return False
            return True

    return sum(await asyncio.gather(*(one() for _ in range(count))))


def _survival(fake: FakeControlPlane, make: Callable[[], Client], sizes: Sizes) -> Survival:
    """One contender's storm and later requests, in an event loop of its own; the same random draws for all."""

    async def trial() -> Survival:
        client = make()
        try:
            cancelled, errors = await _storm(client, sizes.cancellations, sizes.cancel_latency, random.Random(SEED))
            await _settle(fake)
            fake.stats.reset()
            ok = await _followups(client, sizes.followups)
            peak = fake.stats.peak_in_flight
        finally:
            await client.close()
        return Survival(cancelled, errors, ok, peak, max(0, sizes.cancel_pool - peak))

    return asyncio.run(trial())


def _contenders(base_url: str, pool: int) -> dict[str, Callable[[], Client]]:
    chosen: dict[str, Callable[[], Client]] = {
        name: functools.partial(_Ours, base_url, engine, pool) for name, engine in OURS.items()
    }
    chosen[RAW_HTTPX] = lambda: _RawHttpxLike(base_url, httpx, pool)
    if (library := httpx2_module()) is not None:
        chosen[RAW_HTTPX2] = lambda: _RawHttpxLike(base_url, library, pool)
    chosen[RAW_AIOHTTP] = lambda: _RawAiohttp(base_url, pool)
    return chosen


def _rows(results: dict[str, Survival], sizes: Sizes) -> list[Row]:
    raw = [name for name in results if name not in OURS]
    rows = []
    for name in OURS:
        ours = results[name]
        notes = f"{ours.cancelled} cancelled, {ours.storm_errors} other errors in the storm"
        for measure, unit, field, target in (
            (f"requests ok after {sizes.cancellations:,} cancellations", f"of {sizes.followups}", "followups_ok",
             Target("ours", "==", sizes.followups)),
            ("pool slots lost", f"of {sizes.cancel_pool}", "slots_lost", Target("ours", "==", 0)),
        ):  # fmt: skip
            peers = {peer: float(getattr(results[peer], field)) for peer in raw}
            figure = float(getattr(ours, field))
            rows.append(Row(TITLE, f"{name}: {measure}", unit, figure, peers, None, "", target, notes))
    return rows


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    fake = FakeControlPlane(latency=sizes.cancel_latency, lifecycle_step=None)
    results: dict[str, Survival] = {}
    with fake.serve() as base_url:
        for name, make in _contenders(base_url, sizes.cancel_pool).items():
            results[name] = _survival(fake, make, sizes)
            context.log(f"   {name}: {results[name]}")
    context.notes["runs"] = {name: asdict(result) for name, result in results.items()}
    return _rows(results, sizes)


SCENARIO = Scenario("cancellations", "Cancellations: 1,000 random ones on a pool of 5", None, run)

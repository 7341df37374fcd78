"""Shared by the fan-out and the retry scenarios: who fetches (our three ways, the two raw peers) and the
interleaved timed runs over the fake's agent definitions."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from atlas_extras.testing import seed_id

from ..fetchers import FanOutRun, Fetcher, rate_trial
from ..ours import OursAsync, OursThreads
from ..peers import RawAiohttp, RawHttpx, RawHttpxThreads
from ..timing import in_event_loop, interleave
from . import Context

__all__ = ["OURS", "RAW", "definition_ids", "fetch_runs"]

OURS_HTTPX = "ours async, httpx (default)"
OURS_AIOHTTP = "ours async, aiohttp_transport()"
OURS_THREADS = "ours threads (ThreadRunner)"
RAW_HTTPX = "raw httpx"
RAW_AIOHTTP = "raw aiohttp"
RAW_THREADS = "raw httpx.Client threads"
OURS = (OURS_HTTPX, OURS_AIOHTTP, OURS_THREADS)
RAW = (RAW_HTTPX, RAW_AIOHTTP, RAW_THREADS)


def _contenders(base_url: str) -> dict[str, Callable[[], Fetcher]]:
    return {
        OURS_HTTPX: lambda: OursAsync(base_url, "httpx"),
        OURS_AIOHTTP: lambda: OursAsync(base_url, "aiohttp"),
        OURS_THREADS: lambda: OursThreads(base_url),
        RAW_HTTPX: lambda: RawHttpx(base_url),
        RAW_AIOHTTP: lambda: RawAiohttp(base_url),
        RAW_THREADS: lambda: RawHttpxThreads(base_url),
    }


def definition_ids(count: int) -> list[UUID]:
    """The ids of the first `count` seeded agent definitions (the fake must have at least that many)."""
    return [UUID(seed_id("definition", index)) for index in range(count)]


def fetch_runs(context: Context, items: int) -> dict[str, list[FanOutRun]]:
    """Every contender fetches `items` definitions by id at the scenario's concurrency, round after round."""
    ids = definition_ids(items)
    concurrency = context.sizes.concurrency
    trials = {
        name: in_event_loop(rate_trial(make, ids, concurrency)) for name, make in _contenders(context.base_url).items()
    }
    return interleave(trials, context.sizes.heavy_repeats, context.sizes.deadline)


def rates(runs: dict[str, list[FanOutRun]]) -> dict[str, list[float]]:
    return {name: [run.rate for run in name_runs] for name, name_runs in runs.items()}

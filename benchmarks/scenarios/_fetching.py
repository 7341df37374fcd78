"""Shared by the fan-out sweep and the retry scenario: who fetches (our four ways, the four raw peers) and the
interleaved timed runs over the fake's agent definitions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from atlas_extras.testing import seed_id

from ..fetchers import FanOutRun, Fetcher, rate_trial
from ..ours import OursAsync, OursThreads
from ..peers import RawAiohttp, RawHttpx, RawHttpx2, RawHttpxThreads, httpx2_module
from ..timing import Trial, in_event_loop, interleave
from . import Context

__all__ = [
    "OURS",
    "OURS_DEFAULT",
    "OURS_THREADS",
    "RAW",
    "RAW_AIOHTTP",
    "RAW_THREADS",
    "contenders",
    "definition_ids",
    "fetch_runs",
    "rates",
]

OURS_DEFAULT = "ours async (default)"
OURS_HTTPX = "ours async, httpx transport"
OURS_AIOHTTP = "ours over aiohttp_transport()"
OURS_THREADS = "ours threads (ThreadRunner)"
RAW_AIOHTTP = "raw aiohttp"
RAW_HTTPX = "raw httpx"
RAW_HTTPX2 = "raw httpx2"
RAW_THREADS = "raw httpx.Client threads"
OURS = (OURS_DEFAULT, OURS_HTTPX, OURS_AIOHTTP, OURS_THREADS)
RAW = (RAW_AIOHTTP, RAW_HTTPX, RAW_HTTPX2, RAW_THREADS)


def contenders(context: Context) -> dict[str, Callable[[], Fetcher]]:
    """Every client, ours first. Raw httpx2 only where it is installed (the bench group has it; the test
    suite's quick run may not): a note says so when it is left out."""
    url = context.base_url
    chosen: dict[str, Callable[[], Fetcher]] = {
        OURS_DEFAULT: lambda: OursAsync(url),
        OURS_HTTPX: lambda: OursAsync(url, "httpx"),
        OURS_AIOHTTP: lambda: OursAsync(url, "aiohttp"),
        OURS_THREADS: lambda: OursThreads(url),
        RAW_AIOHTTP: lambda: RawAiohttp(url),
        RAW_HTTPX: lambda: RawHttpx(url),
        RAW_HTTPX2: lambda: RawHttpx2(url),
        RAW_THREADS: lambda: RawHttpxThreads(url),
    }
    if httpx2_module() is None:
        del chosen[RAW_HTTPX2]
        context.notes["left out"] = f"{RAW_HTTPX2}: httpx2 is not installed here (the bench group installs it)"
    return chosen


def definition_ids(count: int) -> list[UUID]:
    """The ids of the first `count` seeded agent definitions (the fake must have at least that many)."""
    return [UUID(seed_id("definition", index)) for index in range(count)]


def fetch_runs(
    context: Context, concurrencies: Sequence[int], seconds: float
) -> dict[tuple[str, int], list[FanOutRun]]:
    """Every contender fetches definitions by id for `seconds` at each concurrency, round after round; in a
    round the contenders take turns at one concurrency before the next, so that a slow spell of the machine
    hits the ones compared with each other alike."""
    ids = definition_ids(context.sizes.fanout_definitions)
    makers = contenders(context)
    trials: dict[tuple[str, int], Trial[FanOutRun]] = {
        (name, concurrency): in_event_loop(rate_trial(make, ids, concurrency, seconds))
        for concurrency in concurrencies
        for name, make in makers.items()
    }
    return interleave(trials, context.sizes.heavy_repeats, context.sizes.deadline)


def rates(runs: dict[tuple[str, int], list[FanOutRun]], concurrency: int) -> dict[str, list[float]]:
    """Requests per second of each contender at one concurrency."""
    return {name: [run.rate for run in name_runs] for (name, at), name_runs in runs.items() if at == concurrency}

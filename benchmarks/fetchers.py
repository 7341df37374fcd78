"""Fetching agent definitions by id at a given concurrency: the protocol our clients and the peers implement,
the supply of ids (a fixed list, or as many as a time budget allows), the tally of what came back, and the
trial that times one fetch."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Coroutine, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, Self
from uuid import UUID

__all__ = ["FanOutRun", "Fetcher", "Supply", "Tally", "rate_trial"]


@dataclass(frozen=True)
class Tally:
    """What a fetch of `items` ids produced: `ok` values and `failed` reported errors; `lost` is the rest."""

    items: int
    ok: int
    failed: int

    @property
    def lost(self) -> int:
        return self.items - self.ok - self.failed

    @classmethod
    def of(cls, items: int, results: Sequence[object]) -> Tally:
        """Tally results that are values or the exceptions raised instead."""
        failed = sum(isinstance(result, BaseException) for result in results)
        return cls(items, len(results) - failed, failed)


class Supply(Iterator[UUID]):
    """The ids to fetch: `ids` over and over until `seconds` have passed since the first one was taken (or
    `ids` once, with `seconds=None`). Safe to share between threads; `taken` counts what it handed out."""

    def __init__(self, ids: Sequence[UUID], seconds: float | None = None) -> None:
        self._ids = itertools.cycle(ids) if seconds is not None else iter(ids)
        self._seconds = seconds
        self._stop = float("inf")
        self._lock = threading.Lock()
        self.taken = 0

    def __next__(self) -> UUID:
        with self._lock:
            now = time.perf_counter()
            if self.taken == 0 and self._seconds is not None:
                self._stop = now + self._seconds
            if now >= self._stop:
                raise StopIteration
            item = next(self._ids)
            self.taken += 1
            return item


class Fetcher(Protocol):
    """An open client (async context manager) that GETs agent definitions by id, `concurrency` at once."""

    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *exc_info: object) -> None: ...
    async def fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        """The value of each id, or the exception it raised instead (in any order)."""
        ...


@dataclass(frozen=True)
class FanOutRun:
    """One timed fetch: requests per second, client CPU (every thread of this process) per request, the tally."""

    rate: float
    cpu_us: float
    tally: Tally


def rate_trial(
    make: Callable[[], Fetcher], ids: Sequence[UUID], concurrency: int, seconds: float | None
) -> Callable[[], Coroutine[Any, Any, FanOutRun]]:
    """A trial: open a fetcher, open its connections (one untimed fetch of `concurrency` ids), then time
    fetching `ids` (once, or over and over for `seconds`, the calls in flight at the end included)."""

    async def trial() -> FanOutRun:
        async with make() as fetcher:
            await fetcher.fetch(ids[:concurrency], concurrency)
            supply = Supply(ids, seconds)
            cpu, start = time.process_time(), time.perf_counter()
            results = await fetcher.fetch(supply, concurrency)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        done = max(len(results), 1)
        return FanOutRun(len(results) / elapsed, cpu / done * 1e6, Tally.of(supply.taken, results))

    return trial

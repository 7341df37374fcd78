"""Fetching many agent definitions by id, at a given concurrency: the protocol our client and the peers
implement, the tally of what came back, and the trial that times one fetch."""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, Self
from uuid import UUID

__all__ = ["FanOutRun", "Fetcher", "Tally", "rate_trial"]


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


class Fetcher(Protocol):
    """An open client (async context manager) that GETs agent definitions by id, `concurrency` at once."""

    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *exc_info: object) -> None: ...
    async def fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally: ...


@dataclass(frozen=True)
class FanOutRun:
    """One timed fetch: requests per second and the tally."""

    rate: float
    tally: Tally


def rate_trial(
    make: Callable[[], Fetcher], ids: Sequence[UUID], concurrency: int
) -> Callable[[], Coroutine[Any, Any, FanOutRun]]:
    """A trial: open a fetcher, open its connections (one untimed fetch of `concurrency` ids), then time
    fetching every id."""

    async def trial() -> FanOutRun:
        async with make() as fetcher:
            await fetcher.fetch(ids[:concurrency], concurrency)
            start = time.perf_counter()
            tally = await fetcher.fetch(ids, concurrency)
            elapsed = time.perf_counter() - start
        return FanOutRun(len(ids) / elapsed, tally)

    return trial

"""The fan-out scheduler both shells (tasks and threads) drive: what may start, when, and what to emit.

It holds no tasks or threads itself. Per item the shell calls `begin()` when `can_start()` allows,
waits the delay `begin()` returns and for the rate limiter, runs the call, then hands the outcome to
`complete()`, which returns the outcomes to emit now (in input order when `ordered`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Generic, TypedDict, TypeVar

from ._checks import positive_int
from ._ordering import ReorderBuffer
from ._outcome import ItemOutcome
from ._progress import ProgressCallback, ProgressTracker
from ._ratelimit import RateLimiter

__all__ = ["ChunkOptions", "FanOutOptions", "FanOutSchedule"]

I = TypeVar("I")  # noqa: E741
R = TypeVar("R")


class ChunkOptions(TypedDict, total=False):
    """Options of every fan-out (`fan_out`, `map_in_chunks` and their `ThreadRunner` twins)."""

    rate_limit: RateLimiter | None
    """Space the calls out: each waits for a slot of this limiter (shareable with other code)."""
    progress: ProgressCallback | bool
    """A callback taking `ProgressUpdate`s, or True for a progress bar on stderr when it is a terminal."""
    total: int | None
    """The number of items, for progress (default: `len(items)` when it has one)."""


class FanOutOptions(ChunkOptions, total=False):
    """Options of `fan_out` (and `ThreadRunner.fan_out`)."""

    ordered: bool
    """True (default): outcomes in input order; False: as they complete."""
    buffer_size: int | None
    """Ordered only: how far ahead of the oldest unfinished item work may start (default 2 x max_concurrency)."""


def length_hint(items: object, total: int | None) -> int | None:
    """The number of items if known: `total`, or `len(items)` for a sized collection."""
    if total is not None:
        return total
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


class FanOutSchedule(Generic[I, R]):
    """Admission, chunking, rate limiting, ordering and progress of one fan-out over `items`."""

    def __init__(
        self,
        items: object,
        *,
        max_concurrency: int,
        ordered: bool = True,
        buffer_size: int | None = None,
        rate_limit: RateLimiter | None = None,
        progress: ProgressCallback | bool = False,
        total: int | None = None,
        chunk_size: int | None = None,
        chunk_delay: float = 0.0,
    ) -> None:
        if chunk_size is not None:
            positive_int("chunk_size", chunk_size)
        positive_int("max_concurrency", max_concurrency)
        if buffer_size is None:
            buffer_size = 2 * max_concurrency
        if buffer_size < max_concurrency:
            raise ValueError(f"buffer_size must be >= max_concurrency ({max_concurrency}), got {buffer_size}")
        if chunk_delay < 0:
            raise ValueError(f"delay must be >= 0 seconds, got {chunk_delay}")
        if rate_limit is not None and not isinstance(rate_limit, RateLimiter):
            raise TypeError(f"rate_limit must be a RateLimiter, got {type(rate_limit).__name__}")
        self.max_concurrency = max_concurrency
        self.rate_limit = rate_limit
        self._buffer: ReorderBuffer[ItemOutcome[I, R]] | None = ReorderBuffer(buffer_size) if ordered else None
        self._chunk_size = chunk_size
        self._chunk_delay = chunk_delay
        self._chunk_opens_at = float("-inf")
        self._last_finish = float("-inf")
        self._progress = ProgressTracker(progress, length_hint(items, total))
        self.started = 0
        self.running = 0
        self.exhausted = False

    def can_start(self) -> bool:
        """Whether the next item may start now."""
        if self.exhausted or self.running >= self.max_concurrency:
            return False
        if self._buffer is not None and not self._buffer.admits(self.started):
            return False
        # A chunk starts only when the previous one has entirely finished.
        return not (self._chunk_size and self.running and self.started % self._chunk_size == 0)

    def begin(self) -> tuple[int, float]:
        """Count one more item as started: its index, and the seconds it must wait before its call
        (the pause between chunks; the rate limit is applied after it)."""
        index = self.started
        if self._chunk_size and index and index % self._chunk_size == 0:
            self._chunk_opens_at = self._last_finish + self._chunk_delay
        self.started += 1
        self.running += 1
        return index, max(0.0, self._chunk_opens_at - time.monotonic())

    def complete(self, outcome: ItemOutcome[I, R]) -> Iterable[ItemOutcome[I, R]]:
        """Record a finished item; returns the outcomes to emit now."""
        self.running -= 1
        self._last_finish = time.monotonic()
        self._progress.record(ok=outcome.ok)
        if self._buffer is None:
            return (outcome,)
        return self._buffer.add(outcome.index, outcome)

    @property
    def finished(self) -> bool:
        """True once every item has started and finished (and, ordered, been emitted)."""
        return self.exhausted and self.running == 0

    def close(self) -> None:
        """The fan-out is over: report the final progress."""
        self._progress.finish()

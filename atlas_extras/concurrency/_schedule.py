"""The fan-out scheduler both shells (tasks and threads) drive: what may start, when, and what to emit.

It holds no tasks or threads itself. While `can_start()` allows, the shell takes a `Job`: `rerun()` (an
item turned away by an overloaded server, adaptive only) or else `begin(item)` with the next input item;
it waits the job's delay and for the rate limiter, runs the call, and hands the `Finished` record to
`complete()`, which returns the outcomes to emit now (in input order when `ordered`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypedDict, TypeVar

from ._adaptive import AdaptiveConcurrency, AimdController, Signal
from ._checks import positive_int
from ._ordering import ReorderBuffer
from ._outcome import ItemOutcome
from ._progress import ProgressCallback, ProgressTracker
from ._ratelimit import RateLimiter

__all__ = ["ChunkOptions", "FanOutOptions", "FanOutSchedule", "Finished", "Job"]

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
    adaptive: bool | AdaptiveConcurrency
    """Find the concurrency the server sustains, up to max_concurrency: fewer calls in flight on 429, 503,
    timeouts or rising latency, more again while calls succeed (AIMD; settings: `AdaptiveConcurrency`)."""


@dataclass(frozen=True, slots=True)
class Job(Generic[I]):
    """One call to make: `fn(item)` for the item at `index`, after waiting `delay` seconds."""

    index: int
    item: I
    delay: float


class Finished(NamedTuple, Generic[I, R]):
    """A call that ended: its outcome, when `fn` was called (`time.monotonic()`) and how long it took."""

    outcome: ItemOutcome[I, R]
    started: float
    elapsed: float


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
        adaptive: bool | AdaptiveConcurrency = False,
    ) -> None:
        if chunk_size is not None:
            positive_int("chunk_size", chunk_size)
            if adaptive:
                raise ValueError("map_in_chunks has no adaptive mode: use fan_out(..., adaptive=True)")
        positive_int("max_concurrency", max_concurrency)
        if buffer_size is None:
            buffer_size = 2 * max_concurrency
        if buffer_size < max_concurrency:
            raise ValueError(f"buffer_size must be >= max_concurrency ({max_concurrency}), got {buffer_size}")
        if chunk_delay < 0:
            raise ValueError(f"delay must be >= 0 seconds, got {chunk_delay}")
        if rate_limit is not None and not isinstance(rate_limit, RateLimiter):
            raise TypeError(f"rate_limit must be a RateLimiter, got {type(rate_limit).__name__}")
        if not isinstance(adaptive, bool | AdaptiveConcurrency):
            raise TypeError(f"adaptive must be a bool or an AdaptiveConcurrency, got {type(adaptive).__name__}")
        self.max_concurrency = max_concurrency
        self.rate_limit = rate_limit
        self.controller: AimdController | None = None
        if adaptive:
            self.controller = AimdController(max_concurrency, None if adaptive is True else adaptive)
        self._reruns: deque[tuple[int, I]] = deque()
        self._rerun_counts: dict[int, int] = {}
        self._buffer: ReorderBuffer[ItemOutcome[I, R]] | None = ReorderBuffer(buffer_size) if ordered else None
        self._chunk_size = chunk_size
        self._chunk_delay = chunk_delay
        self._chunk_opens_at = float("-inf")
        self._last_finish = float("-inf")
        self._progress = ProgressTracker(progress, length_hint(items, total))
        self.started: int = 0
        self.running: int = 0
        self.exhausted = False

    @property
    def limit(self) -> int:
        """How many calls may run at once now: `max_concurrency`, or less while adaptive says so."""
        return self.max_concurrency if self.controller is None else self.controller.limit

    def can_start(self) -> bool:
        """Whether a job (a rerun, or else the next item) may start now."""
        if self.running >= self.limit:
            return False
        if self._reruns:
            return True
        if self.exhausted:
            return False
        if self._buffer is not None and not self._buffer.admits(self.started):
            return False
        # A chunk starts only when the previous one has entirely finished.
        return not (self._chunk_size and self.running and self.started % self._chunk_size == 0)

    def begin(self, item: I) -> Job[I]:
        """Count the next item as started: its job, whose delay is the pause between chunks or the
        server's `Retry-After` (the rate limit is applied after it)."""
        index = self.started
        if self._chunk_size and index and index % self._chunk_size == 0:
            self._chunk_opens_at = self._last_finish + self._chunk_delay
        self.started += 1
        self.running += 1
        return Job(index, item, max(self._chunk_opens_at - time.monotonic(), self._pause()))

    def rerun(self) -> Job[I] | None:
        """The job of an item the server turned away, to run again now; None when there is none."""
        if not self._reruns:
            return None
        index, item = self._reruns.popleft()
        self.running += 1
        return Job(index, item, self._pause())

    def _pause(self) -> float:
        return 0.0 if self.controller is None else self.controller.pause_remaining()

    def complete(self, finished: Finished[I, R]) -> Iterable[ItemOutcome[I, R]]:
        """Record a call that ended; returns the outcomes to emit now (none when its item runs again)."""
        outcome = finished.outcome
        in_flight = self.running
        self.running -= 1
        self._last_finish = time.monotonic()
        if self.controller is not None:
            signal = self.controller.observe(
                outcome.error, started=finished.started, elapsed=finished.elapsed, in_flight=in_flight
            )
            if signal is Signal.REJECTED and self._queue_rerun(outcome, self.controller.settings.reruns):
                return ()
            self._rerun_counts.pop(outcome.index, None)
        self._progress.record(ok=outcome.ok)
        if self._buffer is None:
            return (outcome,)
        return self._buffer.add(outcome.index, outcome)

    def _queue_rerun(self, outcome: ItemOutcome[I, R], reruns: int) -> bool:
        count = self._rerun_counts.get(outcome.index, 0)
        if count >= reruns:
            return False
        self._rerun_counts[outcome.index] = count + 1
        self._reruns.append((outcome.index, outcome.item))
        return True

    @property
    def finished(self) -> bool:
        """True once every item has started and finished (and, ordered, been emitted)."""
        return self.exhausted and self.running == 0 and not self._reruns

    def close(self) -> None:
        """The fan-out is over: report the final progress."""
        self._progress.finish()

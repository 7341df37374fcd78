"""The thread shell of the fan-out scheduler: `ThreadFanOut`, what `ThreadRunner.fan_out` and
`ThreadRunner.map_in_chunks` return."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import CancelledError, Future
from typing import TYPE_CHECKING, TypeVar

from .._streams import SyncStream
from ._errors import RunnerClosedError
from ._futures import Completions, cancel, closed_error, wait_ended
from ._outcome import ItemOutcome, Outcomes
from ._ratelimit import RateLimiter
from ._schedule import FanOutSchedule, Finished, Job

if TYPE_CHECKING:
    from .threads import ThreadRunner

__all__ = ["ThreadFanOut"]

I = TypeVar("I")  # noqa: E741
R = TypeVar("R")


class ThreadFanOut(SyncStream[ItemOutcome[I, R]]):
    """The outcomes of a fan-out on a `ThreadRunner`: an iterator and a context manager.

    Leaving it early (break + `with`, or `close()`) cancels the queued calls and waits for the running
    ones. Interrupted (Ctrl-C), or when its runner is closed, it cancels the queued calls and lets the
    running ones finish in the background (the runner's `close()` waits for them); the latter raises
    `RunnerClosedError`.
    """

    def __init__(
        self, runner: ThreadRunner, fn: Callable[[I], R], items: Iterable[I], schedule: FanOutSchedule[I, R]
    ) -> None:
        if not isinstance(items, Iterable):
            raise TypeError(f"items must be an iterable, got {type(items).__name__}")
        super().__init__(_run(runner, fn, items, schedule))
        self._schedule = schedule

    @property
    def limit(self) -> int:
        """How many calls may run at once now: `max_concurrency`, or the level adaptive mode has found."""
        return self._schedule.limit

    def collect(self) -> Outcomes[I, R]:
        """Run to the end and return every outcome (in input order if ordered)."""
        with self:
            return Outcomes(self)


def _call(fn: Callable[[I], R], job: Job[I], limiter: RateLimiter | None, stop: threading.Event) -> Finished[I, R]:
    index, item, delay = job.index, job.item, job.delay
    started = time.monotonic()
    try:
        # Waits end early when the fan-out stops, so that closing it never waits out a pause.
        if delay > 0 and stop.wait(delay):
            raise CancelledError
        if limiter is not None and (wait := limiter.reserve()) > 0 and stop.wait(wait):
            raise CancelledError
        started = time.monotonic()
        value = fn(item)
    except Exception as exc:
        return Finished(ItemOutcome(error=exc, index=index, item=item), started, time.monotonic() - started)
    return Finished(ItemOutcome(value, index=index, item=item), started, time.monotonic() - started)


def _run(
    runner: ThreadRunner, fn: Callable[[I], R], items: Iterable[I], schedule: FanOutSchedule[I, R]
) -> Generator[ItemOutcome[I, R]]:
    iterator = iter(items)
    running: set[Future[Finished[I, R]]] = set()
    completions: Completions[Finished[I, R]] = Completions()
    stop = threading.Event()
    orderly = True
    try:
        with runner._stopped_on_close(stop):
            while True:
                while schedule.can_start():
                    job = schedule.rerun()
                    if job is None:
                        try:
                            item = next(iterator)
                        except StopIteration:
                            schedule.exhausted = True
                            continue  # a rerun may still be due; else can_start() is now False
                        job = schedule.begin(item)
                    running.add(completions.watch(runner.submit(_call, fn, job, schedule.rate_limit, stop)))
                if schedule.finished:
                    return
                for future in completions.take():
                    if runner.closed:
                        raise closed_error()
                    running.discard(future)
                    yield from schedule.complete(future.result())
    except BaseException as exc:
        # Interrupted (Ctrl-C) or closed under us: do not wait here; the runner's close() waits instead.
        orderly = isinstance(exc, Exception | GeneratorExit) and not isinstance(exc, RunnerClosedError)
        raise
    finally:
        stop.set()
        cancel(running)
        if orderly:
            wait_ended(running)
        schedule.close()

"""One round of the dashboard's requests, concurrent or one after another, async or on threads, under
the deadline of the whole load (`timeout=`), reporting the sections still awaited to `progress`."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from typing import Any

from ..concurrency import Outcome, Settled, ThreadRunner
from ..concurrency._checks import positive_seconds
from ..errors import AtlasTimeoutError

__all__ = ["DashboardTimeoutError", "Load", "ProgressCallback", "gather_async", "gather_threads", "one_by_one_sync"]

#: Called with the sections a load still waits for, each time that changes (from the thread or task
#: that notices it).
ProgressCallback = Callable[[Sequence[str]], None]

#: A section's call; takes the SDK's per-call options (`timeout=`, `max_retries=`).
SectionCall = Callable[..., Any]


class DashboardTimeoutError(AtlasTimeoutError):
    """A section that had not loaded when the dashboard's `timeout` ran out."""

    def __init__(self, section: str, timeout: float) -> None:
        super().__init__(f"{section} not loaded within the dashboard's timeout of {timeout:g} s")
        self.section = section
        self.timeout = timeout


@dataclass(frozen=True, slots=True)
class _Finished:
    outcome: Outcome[Any]
    seconds: float


class Load:
    """One load of the dashboard: its deadline, the sections it still waits for, and how long each
    section took."""

    def __init__(self, timeout: float | None, progress: ProgressCallback | None) -> None:
        self.timeout = None if timeout is None else positive_seconds("timeout", timeout)
        self._end = None if self.timeout is None else time.monotonic() + self.timeout
        self._progress = progress
        self._pending: list[str] = []
        self._lock = threading.Lock()
        #: Section -> seconds its requests took (both rounds added up); a timed-out section: until the deadline.
        self.durations: dict[str, float] = {}

    def left(self) -> float | None:
        """Seconds left before the deadline (0 once passed), or None without one."""
        return None if self._end is None else max(0.0, self._end - time.monotonic())

    def timed_out(self, section: str) -> DashboardTimeoutError:
        return DashboardTimeoutError(section, self.timeout or 0.0)

    def request_options(self, section: str) -> dict[str, Any]:
        """Per-call options for a blocking request: under a deadline, the time left is the call's `deadline`
        (the client clips each attempt and skips a retry that would outlast it)."""
        left = self.left()
        if left is None:
            return {}
        if left <= 0:
            raise self.timed_out(section)
        return {"deadline": left}

    def begin(self, sections: Sequence[str]) -> None:
        with self._lock:
            self._pending = list(sections)
            pending = tuple(self._pending)
        self._report(pending)

    def finish(self, section: str, finished: _Finished) -> Outcome[Any]:
        with self._lock:
            self._pending.remove(section)
            self.durations[section] = self.durations.get(section, 0.0) + finished.seconds
            pending = tuple(self._pending)
        self._report(pending)
        return finished.outcome

    def _report(self, pending: Sequence[str]) -> None:
        if self._progress is not None:
            self._progress(pending)


def _settled(calls: Mapping[str, Any], outcomes: Mapping[str, Outcome[Any]]) -> Settled:
    return Settled({name: outcomes[name] for name in calls})


async def _call_async(load: Load, section: str, call: SectionCall) -> _Finished:
    start = time.perf_counter()
    scope = asyncio.timeout(load.left())
    try:
        async with scope:
            outcome: Outcome[Any] = Outcome.success(await call())
    except TimeoutError as exc:
        outcome = Outcome.failure(load.timed_out(section) if scope.expired() else exc)
    except Exception as exc:
        outcome = Outcome.failure(exc)
    return _Finished(outcome, time.perf_counter() - start)


async def gather_async(load: Load, calls: Mapping[str, SectionCall], *, concurrent: bool) -> Settled:
    """Run the calls (all at once, or one after another) until each has an outcome or the deadline passed."""
    load.begin(list(calls))
    outcomes: dict[str, Outcome[Any]] = {}

    async def run(section: str, call: SectionCall) -> None:
        outcomes[section] = load.finish(section, await _call_async(load, section, call))

    if concurrent:
        async with asyncio.TaskGroup() as group:
            for section, call in calls.items():
                group.create_task(run(section, call))
    else:
        for section, call in calls.items():
            await run(section, call)
    return _settled(calls, outcomes)


def _call_sync(load: Load, section: str, call: SectionCall) -> _Finished:
    start = time.perf_counter()
    try:
        outcome: Outcome[Any] = Outcome.success(call(**load.request_options(section)))
    except AtlasTimeoutError as exc:
        outcome = Outcome.failure(exc if load.left() != 0 else _caused_by(load.timed_out(section), exc))
    except Exception as exc:
        outcome = Outcome.failure(exc)
    return _Finished(outcome, time.perf_counter() - start)


def _caused_by(error: DashboardTimeoutError, cause: BaseException) -> DashboardTimeoutError:
    """The request ran out of the time it was given, the time left to the deadline: the deadline's error."""
    error.__cause__ = cause
    return error


def gather_threads(load: Load, calls: Mapping[str, SectionCall], runner: ThreadRunner) -> Settled:
    """Run the calls at once on `runner`; a section not done by the deadline is a `DashboardTimeoutError`
    (its request, given the time left as its timeout, ends by then too)."""
    load.begin(list(calls))
    start = time.perf_counter()
    futures: dict[Future[_Finished], str] = {}
    for section, call in calls.items():
        futures[runner.submit(_call_sync, load, section, call)] = section
    outcomes: dict[str, Outcome[Any]] = {}
    waiting = set(futures)
    try:
        while waiting:
            done, waiting = wait_futures(waiting, timeout=load.left(), return_when=FIRST_COMPLETED)
            if not done:
                break  # the deadline passed
            for future in done:
                outcomes[futures[future]] = load.finish(futures[future], future.result())
    finally:
        for future in waiting:
            future.cancel()  # only those not started yet: they would time out at once anyway
    for future in waiting:
        section = futures[future]
        outcomes[section] = load.finish(
            section, _Finished(Outcome.failure(load.timed_out(section)), time.perf_counter() - start)
        )
    return _settled(calls, outcomes)


def one_by_one_sync(load: Load, calls: Mapping[str, SectionCall]) -> Settled:
    """Run the calls one after another in the calling thread."""
    load.begin(list(calls))
    return _settled(
        calls, {section: load.finish(section, _call_sync(load, section, call)) for section, call in calls.items()}
    )

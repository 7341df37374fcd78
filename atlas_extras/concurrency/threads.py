"""The concurrency helpers for blocking code: `ThreadRunner`, a bounded, shared thread pool.

```python
with ThreadRunner(max_workers=16) as runner, SyncControlPlaneClient(base_url=URL) as client:
    results = runner.gather_settled(health=client.health, classes=lambda: client.list_agent_classes(limit=100))
    values = runner.gather_all(health=client.health, ...)
    health = runner.first_success([primary.health, secondary.health], hedge_delay=0.2)
    health = runner.with_timeout(lambda t: client.health(timeout=t), 5.0, default=None)
    for outcome in runner.fan_out(analyze, client.iter_agent_definitions(), max_concurrency=8): ...
```

Same names, arguments, result types and semantics as the async helpers, with blocking zero-argument
callables instead of awaitables. A thread cannot be cancelled, so:

- work still queued is cancelled as soon as its result is no longer wanted (a `gather_all` failure, a
  `first_success` winner, a fan-out left early, the runner closing);
- a call already running finishes in the background with its result discarded; pass the SDK a
  `timeout=` (`with_timeout` hands it to the call) so that this is bounded; it never starts
  anything new, and `close()` (leaving `with`) waits for it, so no thread outlives the runner.

Calling a runner's helpers from inside one of its own threads raises RuntimeError (it could deadlock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from functools import partial
from queue import SimpleQueue
from typing import Any, ParamSpec, TypeVar, Unpack, overload

from .._streams import Closing, SyncStream
from ._calls import SyncCall, named, sync_factories
from ._checks import positive_int, positive_seconds
from ._outcome import ItemOutcome, Outcome, Outcomes, Settled, first_error_with_notes
from ._race import Race
from ._ratelimit import RateLimiter
from ._schedule import ChunkOptions, FanOutOptions, FanOutSchedule
from .timeouts import TIMEOUT_ERRORS, TimedCall

__all__ = ["ThreadFanOut", "ThreadRunner"]

T = TypeVar("T")
D = TypeVar("D")
I = TypeVar("I")  # noqa: E741
R = TypeVar("R")
P = ParamSpec("P")

_worker = threading.local()


def _settle(call: SyncCall[Any]) -> Outcome[Any]:
    try:
        return Outcome.success(call())
    except Exception as exc:
        return Outcome.failure(exc)


def _guarded(stop: threading.Event, stop_on_error: bool, call: SyncCall[T]) -> T:
    """Run `call` unless `stop` is set; set `stop` when it fails (`stop_on_error`) or succeeds (else).

    The event is set in the worker, before the future completes, so no queued call of the same helper
    starts after the outcome that decided it, however the pool's threads race the caller's.
    """
    if stop.is_set():
        raise CancelledError
    try:
        value = call()
    except BaseException:
        if stop_on_error:
            stop.set()
        raise
    if not stop_on_error:
        stop.set()
    return value


def _cancel(futures: Iterable[Future[Any]]) -> None:
    for future in futures:
        future.cancel()


class ThreadRunner(Closing):
    """A bounded thread pool with the concurrency helpers as methods; share one, close it with `with`."""

    def __init__(self, max_workers: int = 16, *, thread_name_prefix: str = "atlas-runner") -> None:
        self.max_workers = positive_int("max_workers", max_workers)
        self._pool = ThreadPoolExecutor(max_workers, thread_name_prefix, initializer=self._enter_worker)

    def _enter_worker(self) -> None:
        _worker.runner = self

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue `fn(*args, **kwargs)` on the pool (RuntimeError once closed, or from its own threads)."""
        if getattr(_worker, "runner", None) is self:
            raise RuntimeError("a ThreadRunner's helpers cannot be used from its own threads: it could deadlock")
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except RuntimeError as exc:
            raise RuntimeError(f"this ThreadRunner is closed ({exc})") from None

    def _submit_all(self, calls: Iterable[Callable[[], T]]) -> list[Future[T]]:
        futures: list[Future[T]] = []
        try:
            for call in calls:
                futures.append(self.submit(call))
        except BaseException:
            _cancel(futures)
            raise
        return futures

    def close(self) -> None:
        """Cancel queued work, wait for running calls to end, and stop the threads."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- named operations ------------------------------------------------------------------------------

    def gather_settled(
        self, operations: Mapping[str, SyncCall[Any]] | None = None, /, **named_operations: SyncCall[Any]
    ) -> Settled:
        """Run every call on the pool and wait for all; returns each name's `Outcome` (value or error)."""
        calls = named(operations, named_operations)
        futures = self._submit_all(partial(_settle, call) for call in sync_factories(calls.values()))
        try:
            return Settled(dict(zip(calls, (future.result() for future in futures), strict=True)))
        finally:
            _cancel(futures)  # only matters when interrupted (KeyboardInterrupt): drop what has not started

    def gather_all(
        self, operations: Mapping[str, SyncCall[Any]] | None = None, /, **named_operations: SyncCall[Any]
    ) -> dict[str, Any]:
        """Run every call on the pool; return their values by name, or raise the first failure itself.

        On a failure the calls not started yet are cancelled, and the error is raised with a note naming
        the operation (and any others that failed meanwhile); calls already running finish in the
        background (see the module docstring).
        """
        calls = named(operations, named_operations)
        finished: SimpleQueue[Future[Any]] = SimpleQueue()
        stop = threading.Event()
        futures = self._submit_all(partial(_guarded, stop, True, call) for call in sync_factories(calls.values()))
        names = dict(zip(futures, calls, strict=True))
        try:
            for future in futures:
                future.add_done_callback(finished.put)
            for _ in futures:
                first = finished.get()
                if first.exception() is not None:
                    _cancel(futures)
                    others = [f for f in futures if f is not first and f.done() and not f.cancelled()]
                    raise first_error_with_notes(
                        (names[f], error) for f in [first, *others] if (error := f.exception()) is not None
                    )
        finally:
            _cancel(futures)
        return {names[future]: future.result() for future in futures}

    # -- redundancy and deadlines ----------------------------------------------------------------------

    def first_success(self, calls: Sequence[SyncCall[T]], *, hedge_delay: float | None = None) -> T:
        """The value of the first call to succeed; raises `AllFailedError` if all fail.

        Queued calls are cancelled as soon as one succeeds; losers already running finish in the
        background. `hedge_delay` staggers the calls as in the async `first_success`.
        """
        checked = sync_factories(calls)
        race = Race(len(checked), hedge_delay)
        futures: dict[Future[T], int] = {}
        won = threading.Event()
        try:
            while True:
                for index in race.to_start():
                    futures[self.submit(_guarded, won, False, checked[index])] = index
                done, _ = wait_futures(futures, timeout=race.wait_timeout(), return_when=FIRST_COMPLETED)
                winner = race.settle((futures.pop(future), future) for future in done)
                if winner is not None:
                    return winner.result()
        finally:
            _cancel(futures)

    @overload
    def with_timeout(self, call: TimedCall[T], timeout: float) -> T | None: ...
    @overload
    def with_timeout(self, call: TimedCall[T], timeout: float, *, default: D) -> T | D: ...
    def with_timeout(self, call: TimedCall[Any], timeout: float, *, default: Any = None) -> Any:
        """`call(timeout)`'s result, or `default` when it has not finished within `timeout` seconds.

        `call` takes the timeout and should pass it on as the SDK's `timeout=`
        (`lambda t: client.health(timeout=t)`): a thread cannot be stopped, so the request's own
        timeout is what ends a call past its deadline. A request timeout also gives the default. Time
        spent waiting for a free thread counts; a call that has not started by the deadline never does.
        """
        seconds = positive_seconds("timeout", timeout)
        if not callable(call):
            raise TypeError(f"call must be a callable taking the timeout, got {type(call).__name__}")
        future = self.submit(call, seconds)
        try:
            return future.result(timeout=seconds)
        except TIMEOUT_ERRORS:
            return default
        finally:
            future.cancel()

    # -- fan-out ---------------------------------------------------------------------------------------

    def fan_out(
        self,
        fn: Callable[[I], R],
        items: Iterable[I],
        *,
        max_concurrency: int | None = None,
        **options: Unpack[FanOutOptions],
    ) -> ThreadFanOut[I, R]:
        """Run `fn(item)` for every item on the pool, at most `max_concurrency` at once (default and
        cap: the pool's size); iterate the outcomes. Same options as the async `fan_out`."""
        concurrency = self.max_workers if max_concurrency is None else max_concurrency
        return ThreadFanOut(self, fn, items, FanOutSchedule(items, max_concurrency=concurrency, **options))

    def map_in_chunks(
        self,
        fn: Callable[[I], R],
        items: Iterable[I],
        *,
        chunk_size: int = 10,
        delay: float = 0.0,
        **options: Unpack[ChunkOptions],
    ) -> ThreadFanOut[I, R]:
        """Run `fn` over the items `chunk_size` at a time, `delay` seconds between chunks (as the async
        `map_in_chunks`)."""
        schedule: FanOutSchedule[I, R] = FanOutSchedule(
            items, max_concurrency=chunk_size, chunk_size=chunk_size, chunk_delay=delay, **options
        )
        return ThreadFanOut(self, fn, items, schedule)


class ThreadFanOut(SyncStream[ItemOutcome[I, R]]):
    """The outcomes of a fan-out on a `ThreadRunner`: an iterator and a context manager.

    Leaving it early (break + `with`, or `close()`) cancels the queued calls and waits for the running
    ones.
    """

    def __init__(
        self, runner: ThreadRunner, fn: Callable[[I], R], items: Iterable[I], schedule: FanOutSchedule[I, R]
    ) -> None:
        if not isinstance(items, Iterable):
            raise TypeError(f"items must be an iterable, got {type(items).__name__}")
        super().__init__(_run(runner, fn, items, schedule))

    def collect(self) -> Outcomes[I, R]:
        """Run to the end and return every outcome (in input order if ordered)."""
        with self:
            return Outcomes(self)


def _call(
    fn: Callable[[I], R], index: int, item: I, delay: float, limiter: RateLimiter | None, stop: threading.Event
) -> ItemOutcome[I, R]:
    try:
        # Waits end early when the fan-out stops, so that closing it never waits out a pause.
        if delay > 0 and stop.wait(delay):
            raise CancelledError
        if limiter is not None and (wait := limiter.reserve()) > 0 and stop.wait(wait):
            raise CancelledError
        value = fn(item)
    except Exception as exc:
        return ItemOutcome(error=exc, index=index, item=item)
    return ItemOutcome(value, index=index, item=item)


def _drain(finished: SimpleQueue[T]) -> list[T]:
    """Wait for one completion, then take all the others already there (fewer thread switches)."""
    taken = [finished.get()]
    while not finished.empty():
        taken.append(finished.get_nowait())
    return taken


def _run(
    runner: ThreadRunner, fn: Callable[[I], R], items: Iterable[I], schedule: FanOutSchedule[I, R]
) -> Generator[ItemOutcome[I, R]]:
    iterator = iter(items)
    running: set[Future[ItemOutcome[I, R]]] = set()
    finished: SimpleQueue[Future[ItemOutcome[I, R]]] = SimpleQueue()
    stop = threading.Event()
    try:
        while True:
            while schedule.can_start():
                try:
                    item = next(iterator)
                except StopIteration:
                    schedule.exhausted = True
                    break
                index, delay = schedule.begin()
                future = runner.submit(_call, fn, index, item, delay, schedule.rate_limit, stop)
                running.add(future)
                future.add_done_callback(finished.put)
            if schedule.finished:
                return
            for future in _drain(finished):
                running.discard(future)
                yield from schedule.complete(future.result())
    finally:
        stop.set()
        _cancel(running)
        wait_futures(running)
        schedule.close()

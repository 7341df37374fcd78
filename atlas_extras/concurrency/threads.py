"""The concurrency helpers for blocking code: `ThreadRunner`, a bounded, shared thread pool.

```python
with SyncControlPlaneClient(base_url=URL) as client, ThreadRunner(max_workers=16) as runner:
    results = runner.gather_settled(health=client.health, classes=lambda: client.list_agent_classes(limit=100))
    health, classes = runner.gather_all(client.health, lambda: client.list_agent_classes(limit=100))  # typed
    health = runner.first_success([primary.health, secondary.health], hedge_delay=0.2)
    health = runner.with_timeout(lambda t: client.health(timeout=t), 5.0, default=None)
    for outcome in runner.fan_out(analyze, client.iter_agent_definitions(), max_concurrency=8): ...
```

Open the client first and the runner second, as above: the runner then closes first, waiting for the
calls still running, before the client closes its connections under them.

Same names, arguments, result types and semantics as the async helpers, with blocking zero-argument
callables instead of awaitables. A thread cannot be cancelled, so:

- work still queued is cancelled as soon as its result is no longer wanted (a `gather_all` failure, a
  `first_success` winner, a fan-out left early or interrupted by Ctrl-C, the runner closing);
- a call already running finishes in the background with its result discarded; pass the SDK a
  `timeout=` (`with_timeout` hands it to the call) so that this is bounded; it never starts
  anything new, and `close()` (leaving `with`) waits for it, so no thread outlives the runner.

`close()` from another thread (or leaving `with` on an exception) while helpers wait: each helper whose
queued work it cancelled raises `RunnerClosedError` at once, without waiting for its running calls.
Calling a runner's helpers from inside one of its own threads raises RuntimeError (it could deadlock).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any, ParamSpec, TypeVar, Unpack, overload

from .._pipeline import deadline_scope
from .._streams import Closing
from ._calls import Operations, SyncCall, sync_factories
from ._checks import positive_int, positive_seconds
from ._errors import RunnerClosedError
from ._futures import Completions, cancel, closed_error
from ._outcome import Outcome, Settled, first_error_with_notes
from ._race import Race
from ._schedule import ChunkOptions, FanOutOptions, FanOutSchedule
from ._thread_fanout import ThreadFanOut
from .timeouts import TimedCall, ran_out_of_time

__all__ = ["ThreadFanOut", "ThreadRunner"]

T = TypeVar("T")
D = TypeVar("D")
I = TypeVar("I")  # noqa: E741
R = TypeVar("R")
P = ParamSpec("P")
T1 = TypeVar("T1")
T2 = TypeVar("T2")
T3 = TypeVar("T3")
T4 = TypeVar("T4")
T5 = TypeVar("T5")
T6 = TypeVar("T6")

_worker = threading.local()


def _within_deadline(call: TimedCall[T], seconds: float, end: float) -> T:
    """Run `call(seconds)` with every SDK call inside it bounded by `end` (time.monotonic)."""
    left = end - time.monotonic()
    if left <= 0:
        raise TimeoutError
    with deadline_scope(left):
        return call(seconds)


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


class ThreadRunner(Closing):
    """A bounded thread pool with the concurrency helpers as methods; share one, close it with `with`."""

    def __init__(self, max_workers: int = 16, *, thread_name_prefix: str = "atlas-runner") -> None:
        self.max_workers: int = positive_int("max_workers", max_workers)
        self._pool = ThreadPoolExecutor(max_workers, thread_name_prefix, initializer=self._enter_worker)
        self._lock = threading.Lock()
        self._closed = False
        self._stops: set[threading.Event] = set()

    def _enter_worker(self) -> None:
        _worker.runner = self

    def _in_own_thread(self) -> bool:
        return getattr(_worker, "runner", None) is self

    @property
    def closed(self) -> bool:
        """True once `close()` has been called: the runner takes no new work."""
        return self._closed

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue `fn(*args, **kwargs)` on the pool (`RunnerClosedError` once closed; RuntimeError from
        its own threads)."""
        if self._in_own_thread():
            raise RuntimeError("a ThreadRunner's helpers cannot be used from its own threads: it could deadlock")
        try:
            if self._closed:
                raise RuntimeError("close() was called")
            return self._pool.submit(fn, *args, **kwargs)
        except RuntimeError as exc:
            raise RunnerClosedError(f"this ThreadRunner is closed ({exc})") from None

    def _submit_all(self, calls: Iterable[Callable[[], T]]) -> list[Future[T]]:
        futures: list[Future[T]] = []
        try:
            for call in calls:
                futures.append(self.submit(call))
        except BaseException:
            cancel(futures)
            raise
        return futures

    @contextmanager
    def _stopped_on_close(self, stop: threading.Event) -> Iterator[None]:
        """While inside, `close()` sets `stop` (a fan-out's: its calls stop waiting out pauses at once)."""
        with self._lock:
            if self._closed:
                stop.set()
            self._stops.add(stop)
        try:
            yield
        finally:
            with self._lock:
                self._stops.discard(stop)

    def close(self) -> None:
        """Cancel queued work, wait for running calls to end, and stop the threads (again: no effect).

        Helpers still waiting for work it cancelled raise `RunnerClosedError`.
        """
        if self._in_own_thread():
            raise RuntimeError("a ThreadRunner cannot be closed from one of its own threads: it would wait for itself")
        with self._lock:
            self._closed = True
            stops = list(self._stops)
        for stop in stops:
            stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- operations, named or positional ---------------------------------------------------------------

    # fmt: off
    @overload
    def gather_settled(
        self, operations: Mapping[str, SyncCall[Any]] | None = None, /, **named_operations: SyncCall[Any]
    ) -> Settled: ...
    @overload
    def gather_settled(self, c1: SyncCall[T1], /) -> tuple[Outcome[T1]]: ...
    @overload
    def gather_settled(self, c1: SyncCall[T1], c2: SyncCall[T2], /) -> tuple[Outcome[T1], Outcome[T2]]: ...
    @overload
    def gather_settled(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], /
    ) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3]]: ...
    @overload
    def gather_settled(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], c4: SyncCall[T4], /
    ) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3], Outcome[T4]]: ...
    @overload
    def gather_settled(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], c4: SyncCall[T4], c5: SyncCall[T5], /
    ) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3], Outcome[T4], Outcome[T5]]: ...
    @overload
    def gather_settled(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], c4: SyncCall[T4], c5: SyncCall[T5],
        c6: SyncCall[T6], /,
    ) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3], Outcome[T4], Outcome[T5], Outcome[T6]]: ...
    @overload
    def gather_settled(
        self, c1: SyncCall[Any], c2: SyncCall[Any], c3: SyncCall[Any], c4: SyncCall[Any], c5: SyncCall[Any],
        c6: SyncCall[Any], c7: SyncCall[Any], /, *more: SyncCall[Any],
    ) -> tuple[Outcome[Any], ...]: ...
    # fmt: on
    def gather_settled(self, /, *operations: Any, **named_operations: SyncCall[Any]) -> Any:
        """Run every call on the pool and wait for all; returns each one's `Outcome` (value or error): a
        `Settled` by name for named calls, a tuple in order for positional ones."""
        given: Operations[SyncCall[Any]] = Operations(operations, named_operations)
        futures = self._submit_all(partial(_settle, call) for call in sync_factories(given.calls))
        try:
            for _ in Completions(futures).each(len(futures)):
                pass
            outcomes = [future.result() for future in futures]
        finally:
            cancel(futures)  # only matters when interrupted (Ctrl-C): drop what has not started
        return tuple(outcomes) if given.names is None else Settled(dict(zip(given.names, outcomes, strict=True)))

    # fmt: off
    @overload
    def gather_all(
        self, operations: Mapping[str, SyncCall[Any]] | None = None, /, **named_operations: SyncCall[Any]
    ) -> dict[str, Any]: ...
    @overload
    def gather_all(self, c1: SyncCall[T1], /) -> tuple[T1]: ...
    @overload
    def gather_all(self, c1: SyncCall[T1], c2: SyncCall[T2], /) -> tuple[T1, T2]: ...
    @overload
    def gather_all(self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], /) -> tuple[T1, T2, T3]: ...
    @overload
    def gather_all(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], c4: SyncCall[T4], /
    ) -> tuple[T1, T2, T3, T4]: ...
    @overload
    def gather_all(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], c4: SyncCall[T4], c5: SyncCall[T5], /
    ) -> tuple[T1, T2, T3, T4, T5]: ...
    @overload
    def gather_all(
        self, c1: SyncCall[T1], c2: SyncCall[T2], c3: SyncCall[T3], c4: SyncCall[T4], c5: SyncCall[T5],
        c6: SyncCall[T6], /,
    ) -> tuple[T1, T2, T3, T4, T5, T6]: ...
    @overload
    def gather_all(
        self, c1: SyncCall[Any], c2: SyncCall[Any], c3: SyncCall[Any], c4: SyncCall[Any], c5: SyncCall[Any],
        c6: SyncCall[Any], c7: SyncCall[Any], /, *more: SyncCall[Any],
    ) -> tuple[Any, ...]: ...
    # fmt: on
    def gather_all(self, /, *operations: Any, **named_operations: SyncCall[Any]) -> Any:
        """Run every call on the pool; return their values (by name, or a tuple in order), or raise the
        first failure itself.

        On a failure the calls not started yet are cancelled, and the error is raised with a note naming
        the operation (and any others that failed meanwhile); calls already running finish in the
        background (see the module docstring).
        """
        given: Operations[SyncCall[Any]] = Operations(operations, named_operations)
        stop = threading.Event()
        futures = self._submit_all(partial(_guarded, stop, True, call) for call in sync_factories(given.calls))
        labels = {future: given.label(index) for index, future in enumerate(futures)}
        try:
            for first in Completions(futures).each(len(futures)):
                if first.exception() is not None:
                    cancel(futures)
                    others = [f for f in futures if f is not first and f.done() and not f.cancelled()]
                    raise first_error_with_notes(
                        (labels[f], error) for f in [first, *others] if (error := f.exception()) is not None
                    )
        finally:
            cancel(futures)
        return given.results([future.result() for future in futures])

    # -- redundancy and deadlines ----------------------------------------------------------------------

    def first_success(self, calls: Sequence[SyncCall[T]], *, hedge_delay: float | None = None) -> T:
        """The value of the first call to succeed; raises `AllFailedError` if all fail.

        Queued calls are cancelled as soon as one succeeds; losers already running finish in the
        background. `hedge_delay` staggers the calls as in the async `first_success`.
        """
        checked = sync_factories(calls)
        race = Race(len(checked), hedge_delay)
        futures: dict[Future[T], int] = {}
        completions: Completions[T] = Completions()
        won = threading.Event()
        try:
            while True:
                for index in race.to_start():
                    futures[completions.watch(self.submit(_guarded, won, False, checked[index]))] = index
                done = completions.take(race.wait_timeout())
                winner = race.settle((futures.pop(future), future) for future in done)
                if winner is not None:
                    return winner.result()
        finally:
            cancel(futures)

    @overload
    def with_timeout(self, call: TimedCall[T], timeout: float) -> T | None: ...
    @overload
    def with_timeout(self, call: TimedCall[T], timeout: float, *, default: D) -> T | D: ...
    def with_timeout(self, call: TimedCall[Any], timeout: float, *, default: Any = None) -> Any:
        """`call(timeout)`'s result, or `default` when it has not finished within `timeout` seconds.

        `call` takes the timeout (`lambda t: client.health(timeout=t)`). A thread cannot be stopped, so
        every SDK call it makes gets what is left of `timeout` as its deadline (retries included) and ends
        by then. A request timeout also gives the default. Time spent waiting for a free thread counts; a
        call that has not started by the deadline never does.
        """
        seconds = positive_seconds("timeout", timeout)
        if not callable(call):
            raise TypeError(f"call must be a callable taking the timeout, got {type(call).__name__}")
        future = self.submit(_within_deadline, call, seconds, time.monotonic() + seconds)
        try:
            return future.result(timeout=seconds)
        except CancelledError:
            if future.cancelled():
                raise closed_error() from None
            raise
        except Exception as error:
            if ran_out_of_time(error):
                return default
            raise
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
        cap: the pool's size); iterate the outcomes. Same options as the async `fan_out`, `adaptive`
        included (`max_concurrency` is then the ceiling)."""
        concurrency = self.max_workers if max_concurrency is None else max_concurrency
        schedule: FanOutSchedule[I, R] = FanOutSchedule(items, max_concurrency=concurrency, **options)
        return ThreadFanOut(self, fn, items, schedule)

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

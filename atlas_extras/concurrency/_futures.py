"""Waiting for the futures of a `ThreadRunner`, cancelled ones included.

`concurrent.futures.wait()` counts a cancelled future as done only once a worker thread has seen it, and
`ThreadPoolExecutor.shutdown(cancel_futures=True)` cancels queued futures that no worker will ever see: a
wait on them never returns. The runner's helpers therefore wait through done-callbacks, which every
cancellation fires, and treat a cancelled future as "the runner was closed" (they never wait on a future
they cancelled themselves).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future
from contextlib import suppress
from queue import Empty, SimpleQueue
from typing import Any, Generic, TypeVar

from ._errors import RunnerClosedError

__all__ = ["Completions", "cancel", "closed_error", "wait_ended"]

T = TypeVar("T")


def closed_error() -> RunnerClosedError:
    """The error a helper raises when `close()` cancelled work it was waiting for."""
    return RunnerClosedError("the ThreadRunner was closed: work this call had queued was cancelled before it started")


class Completions(Generic[T]):
    """Futures in the order they finish (cancelled ones included), for one helper call."""

    __slots__ = ("_queue",)

    def __init__(self, futures: Iterable[Future[T]] = ()) -> None:
        self._queue: SimpleQueue[Future[T]] = SimpleQueue()
        for future in futures:
            self.watch(future)

    def watch(self, future: Future[T]) -> Future[T]:
        """Report `future` when it finishes or is cancelled."""
        future.add_done_callback(self._queue.put)
        return future

    def take(self, timeout: float | None = None) -> list[Future[T]]:
        """Wait (at most `timeout` seconds; None: no limit) for a future to finish, then take it and every
        other one already finished; [] when the time ran out. RunnerClosedError if one was cancelled."""
        try:
            taken = [self._queue.get(timeout=timeout)]
        except Empty:
            return []
        while not self._queue.empty():
            taken.append(self._queue.get_nowait())
        if any(future.cancelled() for future in taken):
            raise closed_error()
        return taken

    def each(self, count: int) -> Iterator[Future[T]]:
        """The next `count` futures to finish, as they do (RunnerClosedError if one was cancelled)."""
        while count > 0:
            taken = self.take()
            count -= len(taken)
            yield from taken


def cancel(futures: Iterable[Future[Any]]) -> None:
    """Cancel the futures that have not started (the others run on)."""
    for future in futures:
        future.cancel()


def wait_ended(futures: Iterable[Future[Any]]) -> None:
    """Wait until each future has finished or been cancelled."""
    for future in futures:
        with suppress(CancelledError):
            future.exception()

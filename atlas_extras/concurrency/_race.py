"""The decisions of a first-success race, shared by the async and thread shells: which calls to start
when (all at once, or one more every `hedge_delay` seconds and at once after a failure), and when all failed."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from ._errors import AllFailedError

__all__ = ["Race"]


class _Finished(Protocol):
    """A finished asyncio Task or concurrent Future."""

    def exception(self) -> BaseException | None: ...
    def result(self) -> Any: ...


F = TypeVar("F", bound=_Finished)


class Race:
    """State of one `first_success` over `count` calls."""

    def __init__(self, count: int, hedge_delay: float | None) -> None:
        if count < 1:
            raise ValueError("first_success needs at least one call")
        if hedge_delay is not None and not hedge_delay >= 0:
            raise ValueError(f"hedge_delay must be >= 0 seconds or None, got {hedge_delay}")
        self.count = count
        self.hedge_delay = hedge_delay
        self.started = 0
        self.running = 0
        self._errors: list[BaseException | None] = [None] * count
        self._next_start_at = float("-inf")

    def to_start(self) -> range:
        """Indexes of the calls to start now."""
        now = time.monotonic()
        if self.hedge_delay is None:
            due = self.count - self.started
        elif self.started < self.count and (self.running == 0 or now >= self._next_start_at):
            due = 1
            self._next_start_at = now + self.hedge_delay
        else:
            due = 0
        first = self.started
        self.started += due
        self.running += due
        return range(first, first + due)

    def wait_timeout(self) -> float | None:
        """How long to wait for a call to finish before starting the next one (None: no limit)."""
        if self.hedge_delay is None or self.started == self.count:
            return None
        return max(0.0, self._next_start_at - time.monotonic())

    def settle(self, finished: Iterable[tuple[int, F]]) -> F | None:
        """Record finished calls `(index, task or future)`: returns the winner (lowest index among those
        that succeeded), or None to keep waiting; raises `AllFailedError` when every call has failed.
        A failure lets the next call start without waiting."""
        for index, handle in sorted(finished, key=lambda pair: pair[0]):
            error = handle.exception()
            if error is None:
                return handle
            self._errors[index] = error
            self.running -= 1
            self._next_start_at = float("-inf")
        if self.started == self.count and self.running == 0:
            raise AllFailedError([error for error in self._errors if error is not None])
        return None

"""`RateLimiter`: a client-side request rate (token bucket), for async code and threads alike."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from types import TracebackType

__all__ = ["RateLimiter"]


class RateLimiter:
    """At most `rate` acquisitions per `per` seconds, after an initial burst of `burst`.

    A token bucket (in its "virtual scheduling" form): over any window of `w` seconds at most
    `burst + w * rate / per` acquisitions go through. One limiter may be shared by tasks and threads at
    once; `fan_out(..., rate_limit=limiter)` uses it, or use it directly:

    ```python
    limiter = RateLimiter(20)            # 20 requests per second
    async with limiter:                  # or: await limiter.acquire()
        await client.get_agent_class(id)
    with limiter:                        # blocking code: or limiter.acquire_blocking()
        sync_client.get_agent_class(id)
    ```

    An acquisition cancelled while it waits still uses its slot (the limiter errs on the slow side).
    """

    def __init__(
        self, rate: float, *, per: float = 1.0, burst: int = 1, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if not rate > 0:
            raise ValueError(f"rate must be > 0, got {rate}")
        if not per > 0:
            raise ValueError(f"per must be > 0 seconds, got {per}")
        if burst < 1:
            raise ValueError(f"burst must be >= 1, got {burst}")
        self.rate = rate
        self.per = per
        self.burst = burst
        self.interval: float = per / rate
        self._tolerance = (burst - 1) * self.interval
        self._clock = clock
        self._next_free = clock()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take the next slot and return how many seconds to wait before using it (0 when free now)."""
        with self._lock:
            now = self._clock()
            start = max(self._next_free, now)
            delay = max(0.0, start - self._tolerance - now)
            self._next_free = start + self.interval
            return delay

    async def acquire(self) -> None:
        """Wait (asynchronously) for a slot."""
        delay = self.reserve()
        if delay > 0:
            await asyncio.sleep(delay)

    def acquire_blocking(self) -> None:
        """Wait (blocking this thread) for a slot."""
        delay = self.reserve()
        if delay > 0:
            time.sleep(delay)

    async def __aenter__(self) -> RateLimiter:
        await self.acquire()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def __enter__(self) -> RateLimiter:
        self.acquire_blocking()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def __repr__(self) -> str:
        return f"RateLimiter(rate={self.rate}, per={self.per}, burst={self.burst})"

"""A server with a fixed capacity: the fake Control Plane behind an ASGI middleware that answers 429 at once
to any request beyond `capacity` in flight (a server with a fixed worker pool and no queue), counting them.

The fake itself has no such fault (it injects 429s at random, not by load), so the adaptive-concurrency
benchmark and tests wrap its app with `CapacityLimit`:

```python
limited = CapacityLimit(fake.app, capacity=16)
with serve_limited(limited) as base_url: ...       # in this process, on a loopback port
```

or, from its own process: `python -m benchmarks.capacity --capacity 16 --latency 0.02 --definitions 2000`.
`GET /__capacity__` returns the counts as JSON (`served`, `rejected`, `peak`, `in_flight`); `DELETE` resets them.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from atlas_extras.testing import FakeControlPlane
from atlas_extras.testing._server import LoopbackServer

from .server import ServerConfig

__all__ = [
    "STATS_PATH",
    "CapacityLimit",
    "CapacityServerConfig",
    "CapacityStats",
    "fetch_stats",
    "reset_stats",
    "serve_limited",
]

STATS_PATH = "/__capacity__"


@dataclass
class CapacityStats:
    """What the limit saw since the last reset: requests let through, turned away (429), most at once."""

    served: int = 0
    rejected: int = 0
    peak: int = 0
    in_flight: int = 0


class CapacityLimit:
    """ASGI middleware: at most `capacity` HTTP requests inside `app` at once; the others get a 429 (with
    `Retry-After: retry_after` when set) without reaching it."""

    def __init__(self, app: ASGIApp, capacity: int, *, retry_after: float | None = None) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.app = app
        self.capacity = capacity
        self.retry_after = retry_after
        self.stats = CapacityStats()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == STATS_PATH:
            await self._report(scope, send)
            return
        stats = self.stats
        if stats.in_flight >= self.capacity:
            stats.rejected += 1
            await self._reject(send)
            return
        stats.in_flight += 1
        stats.served += 1
        stats.peak = max(stats.peak, stats.in_flight)
        try:
            await self.app(scope, receive, send)
        finally:
            stats.in_flight -= 1

    async def _reject(self, send: Send) -> None:
        body = json.dumps({"detail": f"Too Many Requests: {self.capacity} in flight at most"}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        if self.retry_after is not None:
            headers.append((b"retry-after", f"{self.retry_after:g}".encode()))
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _report(self, scope: Scope, send: Send) -> None:
        stats = self.stats
        if scope["method"] == "DELETE":  # in place: the requests in flight decrement this same object
            stats.served, stats.rejected, stats.peak = 0, 0, stats.in_flight
        body = json.dumps(vars(stats)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def fetch_stats(base_url: str) -> CapacityStats:
    """The counts of the limit serving `base_url` (from any process)."""
    response = httpx.get(base_url + STATS_PATH, timeout=10.0)
    response.raise_for_status()
    return CapacityStats(**response.json())


def reset_stats(base_url: str) -> None:
    """Reset the counts of the limit serving `base_url`."""
    httpx.delete(base_url + STATS_PATH, timeout=10.0).raise_for_status()


@contextmanager
def serve_limited(app: CapacityLimit) -> Iterator[str]:
    """Serve `app` on a free loopback port from a background thread; yields the base URL."""
    server = LoopbackServer(app)
    try:
        yield server.start()
    finally:
        server.stop()


@dataclass(frozen=True)
class CapacityServerConfig(ServerConfig):
    """`benchmarks.server.serve()` runs this one as `python -m benchmarks.capacity` (faults are not used)."""

    capacity: int = 16

    def __post_init__(self) -> None:
        if self.faults:
            raise ValueError("the capacity-limited fake takes no injected faults")

    def argv(self) -> list[str]:
        argv = [sys.executable, "-m", "benchmarks.capacity", "--capacity", str(self.capacity)]
        argv += ["--latency", str(self.latency)]
        if self.definitions is not None:
            argv += ["--definitions", str(self.definitions)]
        return argv


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capacity", description=__doc__)
    parser.add_argument("--capacity", type=int, default=16, help="requests in flight at most (default 16)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per response (default 0)")
    parser.add_argument("--definitions", type=int, default=None, help="agent definitions in the dataset")
    parser.add_argument("--retry-after", type=float, default=None, help="Retry-After on each 429 (default none)")
    args = parser.parse_args(argv)
    fake = FakeControlPlane(latency=args.latency, definitions=args.definitions, lifecycle_step=None)
    limited = CapacityLimit(fake.app, args.capacity, retry_after=args.retry_after)
    with serve_limited(limited) as base_url:
        print(f"Capacity-limited fake Control Plane ({args.capacity} in flight) serving on {base_url}", flush=True)
        threading.Event().wait()  # until terminated


if __name__ == "__main__":
    main()

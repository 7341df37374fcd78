"""Observing calls: per-attempt event hooks, and call-level metrics compatible with atlas_sdk.

```python
class Timing(Hooks):
    def on_request(self, event: RequestEvent) -> None:
        event.headers["X-Team"] = "billing"          # headers of the attempt about to be sent
    def on_retry(self, event: RequestEvent) -> None:
        print(f"retrying {event.path} in {event.delay:.2f}s after {event.status_code or event.error}")

client = ControlPlaneClient(hooks=[Timing()], metrics_handler=MyAtlasSdkMetricsHandler())
```

- `hooks=`: objects with any of `on_request`, `on_response`, `on_error`, `on_retry` (subclass `Hooks` or
  not). They run for every attempt; on the async clients a hook may be a coroutine function.
- `metrics_handler=`: an object with atlas_sdk's three methods (`on_request_start(method, url,
  request_id)`, `on_request_end(metrics)`, `on_request_error(method, url, request_id, error)`), called once
  per call. HTTP error statuses end in `on_request_end`; calls that got no response in `on_request_error`.

A hook or handler that raises never breaks the call nor loses its result: the failure is logged once
(per hook method) on the `atlas_extras` logger, and the call goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["Hooks", "MetricsHandler", "NoOpMetricsHandler", "RequestEvent", "RequestMetrics"]

logger: logging.Logger = logging.getLogger("atlas_extras")


@dataclass(slots=True)
class RequestEvent:
    """One attempt of a call, as the hooks see it.

    `attempt` counts from 1. `on_request` may change `headers` (what this attempt sends). `status_code`
    is set for `on_response` (and `on_retry` after a status), `error` for `on_error` (and `on_retry`
    after a failure), `delay` for `on_retry`: the seconds the call waits before the next attempt.
    """

    operation: str
    method: str
    url: str
    path: str
    request_id: str
    attempt: int
    headers: dict[str, str] = field(repr=False)
    status_code: int | None = None
    error: BaseException | None = None
    delay: float | None = None
    elapsed: float = 0.0
    """Seconds since the call started."""


class Hooks:
    """Base class for event hooks: override the methods you need (each may also be `async def` on an
    async client)."""

    def on_request(self, event: RequestEvent) -> Awaitable[None] | None:
        """An attempt is about to be sent."""

    def on_response(self, event: RequestEvent) -> Awaitable[None] | None:
        """An attempt got a response (any status), read to its end."""

    def on_error(self, event: RequestEvent) -> Awaitable[None] | None:
        """An attempt got no response (connection failure or timeout)."""

    def on_retry(self, event: RequestEvent) -> Awaitable[None] | None:
        """The call will retry after `event.delay` seconds."""


HOOK_NAMES = ("on_request", "on_response", "on_error", "on_retry")


@dataclass(frozen=True, slots=True)
class RequestMetrics:
    """What one call cost: atlas_sdk's `RequestMetrics` fields, plus `attempts` and `retry_wait_seconds`.

    `url` is the path (no query string), as atlas_sdk reports it; `duration_seconds` spans the whole call,
    every attempt and wait included; body sizes are in bytes (None when there was no body).
    """

    method: str
    url: str
    request_id: str
    status_code: int
    duration_seconds: float
    request_body_size: int | None
    response_body_size: int | None
    attempts: int = 1
    retry_wait_seconds: float = 0.0
    operation: str = ""


@runtime_checkable
class MetricsHandler(Protocol):
    """atlas_sdk's metrics handler protocol: a handler written for atlas_sdk works unchanged."""

    def on_request_start(self, method: str, url: str, request_id: str) -> None:
        """A call is about to send its first request (`url` is the path)."""

    def on_request_end(self, metrics: RequestMetrics) -> None:
        """A call received its final response, any status: its `RequestMetrics`."""

    def on_request_error(self, method: str, url: str, request_id: str, error: Exception) -> None:
        """A call ended without a response status; `error` says why (connection failed, timed out, ...)."""


class NoOpMetricsHandler:
    """A metrics handler that records nothing."""

    def on_request_start(self, method: str, url: str, request_id: str) -> None:
        """Nothing."""

    def on_request_end(self, metrics: RequestMetrics) -> None:
        """Nothing."""

    def on_request_error(self, method: str, url: str, request_id: str, error: Exception) -> None:
        """Nothing."""


_reported: set[tuple[type, str]] = set()


def run_safely(target: object, method: str, *args: Any) -> Any:
    """Call `target.method(*args)`; log (once per class and method) and swallow what it raises."""
    try:
        return getattr(target, method)(*args)
    except Exception as exc:
        report_failure(target, method, exc)
        return None


def report_failure(target: object, method: str, exc: BaseException) -> None:
    """Log a failing hook once per class and method; later failures go to DEBUG."""
    key = (type(target), method)
    if key in _reported:
        logger.debug("%s.%s failed again: %r", type(target).__name__, method, exc)
        return
    _reported.add(key)
    logger.warning(
        "%s.%s raised %s; the call goes on (logged once)",
        type(target).__name__,
        method,
        type(exc).__name__,
        exc_info=exc,
    )

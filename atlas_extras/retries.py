"""Retries, decided in one place and applied as an httpx transport wrapper (sync and async).

What is retried:
- connection failures (a connection dropped mid-response included) and timeouts, and responses 408,
  429, 502, 503 and 504;
- only requests that are safe to repeat: every method but POST, and a POST that carries an
  `Idempotency-Key` (the same key on every attempt, so the server runs it once). A POST without a key
  is still retried when it never reached the server (connect errors, pool timeouts);
- 500 is not retried: it usually means a bug that a repeat hits again, and repeating it multiplies
  the load on a failing server. Pass `RetryPolicy(retry_statuses=...)` to change that.

Waits grow exponentially with jitter (`backoff_base * 2**n`, capped, times 0.75..1.0); a `Retry-After`
header (429 or 503) is honoured up to `max_retry_after` seconds. Each retry is logged on `atlas_extras`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass

import httpx

from .errors import parse_retry_after

__all__ = ["AsyncRetryTransport", "RetryPolicy", "RetryTransport"]

logger = logging.getLogger("atlas_extras")

#: Request extension that carries a per-call override of `max_retries`.
MAX_RETRIES_EXTENSION = "atlas_max_retries"

_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When to retry and how long to wait; immutable, so one policy is safely shared."""

    max_retries: int = 2
    retry_statuses: frozenset[int] = frozenset({408, 429, 502, 503, 504})
    backoff_base: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0

    def next_delay(
        self,
        request: httpx.Request,
        retry: int,
        *,
        response: httpx.Response | None = None,
        error: Exception | None = None,
    ) -> float | None:
        """Seconds to wait before retry number `retry` (0-based) after this outcome, or None to stop.

        Logs the retry it decides on.
        """
        override = request.extensions.get(MAX_RETRIES_EXTENSION)
        allowed = self.max_retries if override is None else int(override)
        if retry >= allowed:
            return None
        if response is not None:
            delay = self._delay_after_response(request, response, retry)
            cause = f"HTTP {response.status_code}"
        else:
            delay = self._delay_after_error(request, error, retry)
            cause = type(error).__name__
        if delay is not None:
            logger.warning(
                "Retrying %s %s after %s in %.2fs (retry %d of %d, request id %s)",
                request.method,
                request.url.path,
                cause,
                delay,
                retry + 1,
                allowed,
                request.headers.get("X-Request-ID"),
            )
        return delay

    def backoff(self, retry: int) -> float:
        """Exponential backoff with jitter for retry number `retry` (0-based)."""
        return min(self.backoff_base * 2.0**retry, self.max_backoff) * random.uniform(0.75, 1.0)

    def _delay_after_response(self, request: httpx.Request, response: httpx.Response, retry: int) -> float | None:
        if response.status_code not in self.retry_statuses or not _replayable(request):
            return None
        hinted = parse_retry_after(response.headers.get("Retry-After"))
        if hinted is not None and response.status_code in (429, 503):
            return min(hinted, self.max_retry_after)
        return self.backoff(retry)

    def _delay_after_error(self, request: httpx.Request, error: Exception | None, retry: int) -> float | None:
        if isinstance(error, _NEVER_SENT) or (isinstance(error, _RETRYABLE_ERRORS) and _replayable(request)):
            return self.backoff(retry)
        return None


def _replayable(request: httpx.Request) -> bool:
    return request.method != "POST" or "Idempotency-Key" in request.headers


class RetryTransport(httpx.BaseTransport):
    """Wraps a sync transport and retries what `policy` allows."""

    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        retry = 0
        while True:
            try:
                response = self.inner.handle_request(request)
                response.read()  # inside the loop: a connection dropped mid-body is retried too
            except httpx.TransportError as error:
                if (delay := self.policy.next_delay(request, retry, error=error)) is None:
                    raise
            else:
                if (delay := self.policy.next_delay(request, retry, response=response)) is None:
                    return response
                response.close()
            time.sleep(delay)
            retry += 1

    def close(self) -> None:
        self.inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport and retries what `policy` allows."""

    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        retry = 0
        while True:
            try:
                response = await self.inner.handle_async_request(request)
                await response.aread()  # inside the loop: a connection dropped mid-body is retried too
            except httpx.TransportError as error:
                if (delay := self.policy.next_delay(request, retry, error=error)) is None:
                    raise
            else:
                if (delay := self.policy.next_delay(request, retry, response=response)) is None:
                    return response
                await response.aclose()
            await asyncio.sleep(delay)
            retry += 1

    async def aclose(self) -> None:
        await self.inner.aclose()

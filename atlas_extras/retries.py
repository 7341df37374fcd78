"""When a call is retried and how long it waits: one immutable policy, applied by the request pipeline.

What is retried:
- connection failures (a connection dropped mid-response included) and timeouts, and responses 408,
  429, 502, 503 and 504;
- only requests that are safe to repeat: every method but POST, and a POST that carries an
  `Idempotency-Key` (the same key on every attempt, so the server runs it once). A POST without a key
  is retried only when it surely never reached the server (the connection could not be made, or no
  pooled connection came free);
- 500 is not retried: it usually means a bug that a repeat hits again, and repeating it multiplies
  the load on a failing server. Pass `RetryPolicy(retry_statuses=...)` to change that.

Waits grow exponentially with jitter (`backoff_base * 2**n`, capped, times 0.75..1.0); a `Retry-After`
header (429 or 503) is honoured up to `max_retry_after` seconds. The pipeline never sleeps past a
call's deadline: a wait longer than what is left ends the call with the last error.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .errors import parse_retry_after

__all__ = ["RetryPolicy"]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When to retry and how long to wait; immutable, so one policy is safely shared."""

    max_retries: int = 2
    retry_statuses: frozenset[int] = field(default=frozenset({408, 429, 502, 503, 504}))
    backoff_base: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) or self.max_retries < 0:
            raise ValueError(f"RetryPolicy(): max_retries must be an int >= 0, got {self.max_retries!r}")
        for name in ("backoff_base", "max_backoff", "max_retry_after"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < float("inf"):
                raise ValueError(f"RetryPolicy(): {name} must be a finite number >= 0, got {value!r}")
        object.__setattr__(self, "retry_statuses", frozenset(self.retry_statuses))

    def backoff(self, retry: int) -> float:
        """Exponential backoff with jitter for retry number `retry` (0-based)."""
        return min(self.backoff_base * 2.0**retry, self.max_backoff) * random.uniform(0.75, 1.0)

    def delay_after_status(
        self, status_code: int, retry_after: str | None, *, replayable: bool, retry: int
    ) -> float | None:
        """Seconds to wait before retry number `retry` (0-based) after a response, or None to stop."""
        if status_code not in self.retry_statuses or not replayable:
            return None
        hinted = parse_retry_after(retry_after) if status_code in (429, 503) else None
        return self.backoff(retry) if hinted is None else min(hinted, self.max_retry_after)

    def delay_after_failure(self, *, maybe_sent: bool, transient: bool, replayable: bool, retry: int) -> float | None:
        """Seconds to wait before retry number `retry` after no response came, or None to stop."""
        if not transient or (maybe_sent and not replayable):
            return None
        return self.backoff(retry)

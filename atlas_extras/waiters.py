"""Polling until a plan, task, deployment or agent instance reaches the state you wait for.

The timeout counts real elapsed time, requests included: each poll's request gets what is left as its
call deadline, so neither a request nor its retries (a `Retry-After` included) run past it.
`on_progress` sees every state polled, the last one included. A waiter raises
`AtlasWaitTimeoutError` (with `last_state`) when time runs out, and `AtlasWaitFailedError` when the
object ends in a state that can never become the one waited for (a deployment or an agent instance that
ended instead of becoming active).
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ._call import RequestOptions
from .errors import AtlasRequestError, AtlasRequestTimeoutError, AtlasWaitFailedError, AtlasWaitTimeoutError

__all__ = [
    "DEPLOYMENT_ACTIVE",
    "DEPLOYMENT_ENDED",
    "INSTANCE_ACTIVE",
    "INSTANCE_ENDED",
    "PLAN_DONE",
    "TASK_DONE",
    "Target",
    "poll",
    "poll_sync",
]

S = TypeVar("S")

# The statuses' wire values: the generated enums are StrEnums, so their members (and an unknown status, which
# arrives as a plain str) match these strings; spelling them out keeps the models out of `import atlas_extras`.
PLAN_DONE = frozenset({"COMPLETED", "FAILED", "CANCELLED"})  # PlanStatus
TASK_DONE = frozenset({"COMPLETED", "FAILED", "SKIPPED"})  # PlanTaskStatus
DEPLOYMENT_ACTIVE = frozenset({"active"})  # DeploymentStatus
DEPLOYMENT_ENDED = frozenset({"completed", "failed"})
INSTANCE_ACTIVE = frozenset({"active"})  # AgentInstanceStatus
INSTANCE_ENDED = frozenset({"completed", "failed", "cancelled"})


@dataclass(frozen=True)
class Target(Generic[S]):
    """What a waiter waits for: which statuses end the wait, and which make it fail."""

    operation: str
    subject: str
    done: frozenset[Any]
    failed: frozenset[Any] = frozenset()

    def finished(self, state: S) -> bool:
        """True when `state` ends the wait; raises when it can never end it."""
        status = getattr(state, "status", None)
        if status in self.failed:
            raise AtlasWaitFailedError(
                f"{self.operation}: {self.subject} ended in status {status!s} and will never get there",
                operation=self.operation,
                last_state=state,
            )
        return status in self.done

    def timed_out(self, timeout: float, last_state: S | None) -> AtlasWaitTimeoutError:
        """The error for a wait that ran out of `timeout` seconds, `last_state` being the last state polled."""
        status = getattr(last_state, "status", "unknown")
        return AtlasWaitTimeoutError(
            f"Timeout waiting for {self.subject} after {timeout:g}s. Current status: {status!s}",
            operation=self.operation,
            timeout_seconds=timeout,
            last_state=last_state,
        )


class _Deadline:
    def __init__(self, timeout: float | None) -> None:
        if timeout is not None and timeout <= 0:
            raise ValueError(f"timeout must be > 0 or None, got {timeout}")
        self.timeout = timeout
        self._end = None if timeout is None else time.monotonic() + timeout

    def remaining(self) -> float | None:
        return None if self._end is None else max(0.0, self._end - time.monotonic())

    def budget(self) -> RequestOptions:
        """The per-call options of the next poll: what is left as its deadline (none without a timeout)."""
        remaining = self.remaining()
        return RequestOptions() if remaining is None else RequestOptions(deadline=max(remaining, 0.001))

    def ran_out(self, error: AtlasRequestError) -> bool:
        """Whether `error` means this waiter's time ran out (rather than a failure to report as it is)."""
        return self.timeout is not None and (isinstance(error, AtlasRequestTimeoutError) or error.deadline_exceeded)

    def sleep_for(self, poll_interval: float) -> float | None:
        """How long to sleep before the next poll, or None when no time is left."""
        remaining = self.remaining()
        if remaining is None:
            return poll_interval
        return min(poll_interval, remaining) if remaining > 0 else None


async def poll(
    fetch: Callable[[RequestOptions], Awaitable[S]],
    target: Target[S],
    *,
    poll_interval: float,
    timeout: float | None,
    on_progress: Callable[[S], Awaitable[None] | None] | None,
) -> S:
    """Call `fetch(options)` until `target` is reached; see the module docstring."""
    deadline = _Deadline(timeout)
    last: S | None = None
    while True:
        try:
            last = await fetch(deadline.budget())
        except AtlasRequestError as exc:
            if not deadline.ran_out(exc):
                raise
            raise target.timed_out(deadline.timeout or 0.0, last) from exc
        if on_progress is not None and inspect.isawaitable(outcome := on_progress(last)):
            await outcome
        if target.finished(last):
            return last
        if (pause := deadline.sleep_for(poll_interval)) is None:
            raise target.timed_out(deadline.timeout or 0.0, last)
        await asyncio.sleep(pause)


def poll_sync(
    fetch: Callable[[RequestOptions], S],
    target: Target[S],
    *,
    poll_interval: float,
    timeout: float | None,
    on_progress: Callable[[S], None] | None,
) -> S:
    """Blocking twin of `poll`."""
    deadline = _Deadline(timeout)
    last: S | None = None
    while True:
        try:
            last = fetch(deadline.budget())
        except AtlasRequestError as exc:
            if not deadline.ran_out(exc):
                raise
            raise target.timed_out(deadline.timeout or 0.0, last) from exc
        if on_progress is not None:
            on_progress(last)
        if target.finished(last):
            return last
        if (pause := deadline.sleep_for(poll_interval)) is None:
            raise target.timed_out(deadline.timeout or 0.0, last)
        time.sleep(pause)

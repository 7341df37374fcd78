"""The request pipeline: what one call does between its arguments and its result, sync or async alike.

A `Call` holds everything about one call of an operation: the request it sends, its time budget (the
per-attempt `timeout`, the whole-call `deadline`), its attempts and the waits between them. It decides
every step; the client shells (`_base`) only send and sleep:

    call.begin_attempt() -> engine.send(...) -> call.replied(reply) / call.failed(failure)
        -> a delay to sleep before the next attempt, or None -> call.result()

`Call` also runs the hooks, the metrics handler and the trace span, so each sees every attempt.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import logging
import time
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import _http
from ._http import Outgoing, Reply, SendFailure
from ._redact import Redactor
from .errors import (
    AtlasClientClosedError,
    AtlasConnectionError,
    AtlasError,
    AtlasRequestError,
    AtlasRequestTimeoutError,
    error_for_response,
)
from .hooks import HOOK_NAMES, MetricsHandler, RequestEvent, RequestMetrics, report_failure, run_safely
from .retries import RetryPolicy

if TYPE_CHECKING:
    from ._call import Operation
    from ._tracing import Tracing

__all__ = ["Call", "Settings", "deadline_scope"]

logger = logging.getLogger("atlas_extras")

T = TypeVar("T")

#: The end (time.monotonic) that every call in this context must keep, set by `deadline_scope`.
_SCOPE_END: contextvars.ContextVar[float | None] = contextvars.ContextVar("atlas_deadline_scope", default=None)


@contextlib.contextmanager
def deadline_scope(seconds: float) -> Iterator[None]:
    """Bound every call made inside (in this task or thread, and tasks it starts) by `seconds` from now.

    Nested scopes keep the earlier end. `with_timeout` uses it, so the request itself is bounded.
    """
    end = time.monotonic() + seconds
    outer = _SCOPE_END.get()
    token = _SCOPE_END.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _SCOPE_END.reset(token)


@dataclass(frozen=True, slots=True)
class Settings:
    """What a client was configured with, resolved once; shared by all its calls."""

    base_url: str
    headers: dict[str, str]
    retry_policy: RetryPolicy
    timeout: _http.Timeout | None  # None: the user's own http_client decides
    deadline: float | None
    redactor: Redactor
    hooks: tuple[tuple[object, tuple[str, ...]], ...]  # each hook with the methods it has
    metrics: MetricsHandler | None
    tracing: Tracing | None


class Call(Generic[T]):
    """One call of `operation`: its request, its budget and its attempts (see the module docstring)."""

    __slots__ = (
        "_pending",
        "_span",
        "arguments",
        "attempts",
        "deadline",
        "error",
        "max_retries",
        "operation",
        "outgoing",
        "path",
        "replayable",
        "reply",
        "request_id",
        "retry_wait",
        "settings",
        "started",
        "timeout",
    )

    started: float
    settings: Settings
    operation: Operation[T]
    outgoing: Outgoing
    path: str
    request_id: str
    arguments: dict[str, Any]
    timeout: _http.Timeout | None
    deadline: float | None
    max_retries: int
    replayable: bool
    attempts: int
    retry_wait: float

    def __init__(
        self,
        settings: Settings,
        operation: Operation[T],
        outgoing: Outgoing,
        *,
        path: str,
        request_id: str,
        arguments: dict[str, Any],
        timeout: _http.Timeout | None,
        deadline: float | None,
        max_retries: int,
    ) -> None:
        self.started = time.monotonic()
        self.settings = settings
        self.operation = operation
        self.outgoing = outgoing
        self.path = path
        self.request_id = request_id
        self.arguments = arguments
        self.timeout = timeout
        self.deadline = None if deadline is None else self.started + deadline
        if (scope_end := _SCOPE_END.get()) is not None and (self.deadline is None or scope_end < self.deadline):
            self.deadline = scope_end
        self.max_retries = max_retries
        self.replayable = outgoing.method != "POST" or "Idempotency-Key" in outgoing.headers
        self.attempts = 0
        self.retry_wait = 0.0
        self.reply: Reply | None = None
        self.error: AtlasError | None = None
        self._pending: list[Awaitable[Any]] = []
        self._span: Any = None
        if settings.metrics is not None:
            run_safely(settings.metrics, "on_request_start", outgoing.method, path, request_id)
        if settings.tracing is not None:
            self._span = settings.tracing.start(self)

    # -- the steps --------------------------------------------------------------------------------

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None without one)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def begin_attempt(self) -> None:
        """Count an attempt and tell the hooks and the trace it is about to be sent."""
        self.attempts += 1
        self.reply = self.error = None
        if self._span is not None:
            self.settings.tracing.attempt_started(self._span, self)  # type: ignore[union-attr]
        self._emit("on_request")

    def replied(self, reply: Reply) -> float | None:
        """Record a response; return the delay before the next attempt, or None when the call is over."""
        self.reply = reply
        if logger.isEnabledFor(logging.DEBUG):  # this runs on every attempt: skip building the arguments
            logger.debug(
                "%s %s -> HTTP %d (attempt %d, %.3fs, request id %s)",
                self.outgoing.method,
                self.path,
                reply.status_code,
                self.attempts,
                self.duration(),
                self.request_id,
            )
        self._emit("on_response", status_code=reply.status_code)
        if 200 <= reply.status_code < 300:
            return None
        self.error = error_for_response(reply.response, redactor=self.settings.redactor)
        delay = self.settings.retry_policy.delay_after_status(
            reply.status_code, reply.headers.get("Retry-After"), replayable=self.replayable, retry=self.attempts - 1
        )
        return self._next(delay, f"HTTP {reply.status_code}")

    def failed(self, failure: SendFailure) -> float | None:
        """Record an attempt that got no response; return the delay before the next one, or None."""
        self.error = self._transport_error(failure)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s (attempt %d, request id %s)", self.error, self.attempts, self.request_id)
        self._emit("on_error", error=self.error)
        delay = self.settings.retry_policy.delay_after_failure(
            maybe_sent=failure.maybe_sent,
            transient=failure.transient,
            replayable=self.replayable,
            retry=self.attempts - 1,
        )
        return self._next(delay, type(failure.cause).__name__)

    def expired(self) -> None:
        """The deadline passed while an attempt was under way."""
        seconds = self.remaining_budget()
        message = f"{self.outgoing.method} {self.path} ran out of its {seconds:g} s deadline"
        if self.attempts > 1:
            message += f" (attempt {self.attempts})"
        if self.error is not None:
            message += f"; the attempt before failed with: {self.error}"
        self.error = AtlasRequestTimeoutError(
            message, request=self.outgoing.http_request(), redactor=self.settings.redactor, deadline_exceeded=True
        )

    def closed(self) -> None:
        """The client was closed: no (further) attempt is made."""
        self.error = AtlasClientClosedError(
            f"{self.operation.name}(): the client is closed; create a new one (or call it inside `with`/`async with`)"
        )

    def duration(self) -> float:
        """Seconds since the call started."""
        return time.monotonic() - self.started

    def remaining_budget(self) -> float:
        """The seconds the deadline gave the whole call from its start (0 without a deadline)."""
        return 0.0 if self.deadline is None else self.deadline - self.started

    def result(self) -> T:
        """The decoded result, or the call's error raised; the metrics and the trace see the end."""
        if self.error is None and self.reply is not None:
            try:
                value = self.operation.decode(self.reply, self.arguments, self.settings.redactor)
            except AtlasError as error:
                self.error = error
            else:
                self._finish()
                return value
        self._finish()
        assert self.error is not None
        raise self.error

    def raw_reply(self) -> Reply:
        """The 2xx reply itself (decoded later, by whoever asks), or the call's error raised."""
        self._finish()
        if self.error is not None or self.reply is None:
            assert self.error is not None
            raise self.error
        return self.reply

    def decode(self, reply: Reply) -> T:
        """Decode `reply` as this call's result."""
        return self.operation.decode(reply, self.arguments, self.settings.redactor)

    # -- async hooks ------------------------------------------------------------------------------

    def take_pending(self) -> list[Awaitable[Any]]:
        """Awaitables returned by async hooks since the last call (the async shell awaits them)."""
        pending, self._pending = self._pending, []
        return pending

    def drop_pending(self) -> None:
        """A sync client cannot await an async hook: close what it returned and report it once."""
        for awaitable in self.take_pending():
            close = getattr(awaitable, "close", None)
            if close is not None:
                close()
            report_failure(awaitable, "async hook", TypeError("an async hook cannot run on a sync client"))

    # -- internals --------------------------------------------------------------------------------

    def _next(self, delay: float | None, cause: str) -> float | None:
        if delay is None or self.attempts > self.max_retries:
            return None
        remaining = self.remaining()
        if remaining is not None and delay >= remaining:
            assert self.error is not None
            if isinstance(self.error, AtlasRequestError):
                self.error.deadline_exceeded = True
            self.error.add_note(
                f"Not retried: the next attempt would start {delay:.2f} s from now, after the call's deadline "
                f"({max(remaining, 0.0):.2f} s left)."
            )
            return None
        self.retry_wait += delay
        logger.warning(
            "Retrying %s %s after %s in %.2fs (retry %d of %d, request id %s)",
            self.outgoing.method,
            self.path,
            cause,
            delay,
            self.attempts,
            self.max_retries,
            self.request_id,
        )
        if self._span is not None:
            self.settings.tracing.retry(self._span, self, delay)  # type: ignore[union-attr]
        if self.reply is not None:
            self._emit("on_retry", delay=delay, status_code=self.reply.status_code)
        else:
            self._emit("on_retry", delay=delay, error=self.error)
        return delay

    def _transport_error(self, failure: SendFailure) -> AtlasRequestError:
        kind = AtlasRequestTimeoutError if failure.timed_out else AtlasConnectionError
        what = "timed out" if failure.timed_out else "failed"
        sent = "" if failure.maybe_sent else " (the request was never sent)"
        message = f"{self.outgoing.method} {self.path} {what}{sent}: {failure}"
        error = kind(message, request=self.outgoing.http_request(), redactor=self.settings.redactor)
        # Chain the engine's exception only when it holds no secret (a server may echo one into it).
        error.__cause__ = failure.cause if self._redact(str(failure.cause)) == str(failure.cause) else None
        error.__suppress_context__ = True
        return error

    def _redact(self, text: str) -> str:
        return self.settings.redactor.redact(text)

    def _emit(self, name: str, **details: Any) -> None:
        hooks = self.settings.hooks
        if not hooks:
            return
        event = RequestEvent(
            operation=self.operation.name,
            method=self.outgoing.method,
            url=self.settings.redactor.redact_url(self.outgoing.url),
            path=self.path,
            request_id=self.request_id,
            attempt=self.attempts,
            headers=self.outgoing.headers,
            elapsed=time.monotonic() - self.started,
            **details,
        )
        for hook, methods in hooks:
            if name in methods:
                outcome = run_safely(hook, name, event)
                if inspect.isawaitable(outcome):
                    self._pending.append(_guarded(hook, name, outcome))
        if name == "on_request":
            self.outgoing.changed = True  # a hook may have changed the headers

    def _finish(self) -> None:
        if self._span is not None:
            self.settings.tracing.end(self._span, self)  # type: ignore[union-attr]
        metrics = self.settings.metrics
        if metrics is None:
            return
        status = self._status_code()
        if status is None:
            error = self.error if self.error is not None else AtlasError("no response")
            run_safely(metrics, "on_request_error", self.outgoing.method, self.path, self.request_id, error)
            return
        content = self.reply.content if self.reply is not None else None
        run_safely(
            metrics,
            "on_request_end",
            RequestMetrics(
                method=self.outgoing.method,
                url=self.path,
                request_id=self.request_id,
                status_code=status,
                duration_seconds=time.monotonic() - self.started,
                request_body_size=self.outgoing.body_size(),
                response_body_size=None if content is None else len(content),
                attempts=self.attempts,
                retry_wait_seconds=self.retry_wait,
                operation=self.operation.name,
            ),
        )

    def _status_code(self) -> int | None:
        if self.reply is not None:
            return self.reply.status_code
        return getattr(self.error, "status_code", None)


async def _guarded(hook: object, name: str, awaitable: Awaitable[Any]) -> None:
    try:
        await awaitable
    except Exception as exc:
        report_failure(hook, name, exc)


def hook_methods(hooks: object) -> tuple[tuple[object, tuple[str, ...]], ...]:
    """Each hook with the hook methods it implements; TypeError for one that implements none."""
    if hooks is None:
        return ()
    listed = list(hooks) if isinstance(hooks, list | tuple) else [hooks]
    resolved = []
    for hook in listed:
        methods = tuple(name for name in HOOK_NAMES if callable(getattr(hook, name, None)))
        if not methods:
            raise TypeError(f"hooks: {hook!r} has none of the hook methods {', '.join(HOOK_NAMES)}")
        resolved.append((hook, methods))
    return tuple(resolved)

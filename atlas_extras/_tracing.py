"""OpenTelemetry tracing of calls (`enable_tracing=True`; needs the `otel` extra: `opentelemetry-api`).

One CLIENT span per call, named and attributed by the HTTP client semantic conventions
(`http.request.method`, `url.full` without credentials, `server.address`, `server.port`,
`http.response.status_code`, `error.type`), nested under the caller's current span. Every attempt is an
`http.attempt` event on it (its number, outcome and the delay before the next one), and every request
carries the span's W3C `traceparent` (and `tracestate`) so the server joins the trace. Nothing of this
module is imported unless tracing is enabled.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._pipeline import Call

__all__ = ["Tracing"]

_ID_SEGMENT = re.compile(r"(?<=/)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)")


class Tracing:
    """Starts, annotates and ends the span of each call."""

    def __init__(self, trace: Any, propagate: Any) -> None:
        self._trace = trace
        self._propagate = propagate
        self._tracer = trace.get_tracer("atlas_extras", __version__)

    @classmethod
    def create(cls) -> Tracing:
        """Tracing with the installed OpenTelemetry API; ImportError (saying what to install) without it."""
        try:
            from opentelemetry import propagate, trace
        except ImportError:
            raise ImportError(
                "enable_tracing=True needs OpenTelemetry: pip install 'atlas-control-plane-sdk[otel]'"
            ) from None
        return cls(trace, propagate)

    def start(self, call: Call[Any]) -> Any:
        """Start the CLIENT span of `call`, with its method, redacted URL, template and request id."""
        url = call.outgoing.http_request().url
        template = _ID_SEGMENT.sub("{id}", call.path)
        attributes: dict[str, Any] = {
            "http.request.method": call.outgoing.method,
            "url.full": call.settings.redactor.redact_url(str(url)),
            "url.template": template,
            "server.address": url.host,
            "server.port": url.port or (443 if url.scheme == "https" else 80),
            "atlas.operation": call.operation.name,
            "atlas.request_id": call.request_id,
        }
        return self._tracer.start_span(
            f"{call.outgoing.method} {template}", kind=self._trace.SpanKind.CLIENT, attributes=attributes
        )

    def attempt_started(self, span: Any, call: Call[Any]) -> None:
        """Put the span's context on the request about to be sent."""
        context = self._trace.set_span_in_context(span)
        self._propagate.inject(call.outgoing.headers, context=context)
        call.outgoing.changed = True

    def retry(self, span: Any, call: Call[Any], delay: float) -> None:
        """Record the attempt that just ended, and the delay before the next one, as a span event."""
        span.add_event("http.attempt", {**self._outcome(call), "atlas.retry_delay_s": delay})

    def end(self, span: Any, call: Call[Any]) -> None:
        """Record the last attempt and the call's status or error on the span, and end it."""
        outcome = self._outcome(call)
        if call.attempts:
            span.add_event("http.attempt", outcome)
        status = call.reply.status_code if call.reply is not None else getattr(call.error, "status_code", None)
        if status is not None:
            span.set_attribute("http.response.status_code", status)
        if call.attempts > 1:
            span.set_attribute("http.request.resend_count", call.attempts - 1)
        if call.error is not None:
            error_type = str(status) if status is not None and status >= 400 else type(call.error).__name__
            span.set_attribute("error.type", error_type)
            span.record_exception(call.error)
            span.set_status(self._trace.Status(self._trace.StatusCode.ERROR, call.error.message[:200]))
        span.end()

    @staticmethod
    def _outcome(call: Call[Any]) -> dict[str, Any]:
        outcome: dict[str, Any] = {"atlas.attempt": call.attempts}
        if call.reply is not None:
            outcome["http.response.status_code"] = call.reply.status_code
        elif call.error is not None:
            outcome["error.type"] = type(call.error).__name__
        return outcome

"""atlas_sdk's instrumentation names mapped to ours: a metrics handler written for atlas_sdk (three methods, no
base class) is a `MetricsHandler` and sees atlas_sdk's `RequestMetrics` fields; `NoOpMetricsHandler` is there;
`InstrumentationConfig` is gone (pass its two settings to the client); per-call `request_id=` works (atlas_sdk's
tracing example passed it and got a TypeError)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from atlas_extras.hooks import MetricsHandler, NoOpMetricsHandler, RequestMetrics

from .conftest import Connect

ATLAS_SDK_METRICS_FIELDS = (
    "method",
    "url",
    "request_id",
    "status_code",
    "duration_seconds",
    "request_body_size",
    "response_body_size",
)


class InMemoryStats:
    """A handler as atlas_sdk's custom-metrics example writes it: no base class, three methods."""

    def __init__(self) -> None:
        self.started: list[tuple[str, str, str]] = []
        self.ended: list[RequestMetrics] = []
        self.errors: list[Exception] = []

    def on_request_start(self, method: str, url: str, request_id: str) -> None:
        self.started.append((method, url, request_id))

    def on_request_end(self, metrics: Any) -> None:
        self.ended.append(metrics)

    def on_request_error(self, method: str, url: str, request_id: str, error: Exception) -> None:
        self.errors.append(error)


async def test_an_atlas_sdk_metrics_handler_works_unchanged(connect: Connect) -> None:
    handler = InMemoryStats()
    assert isinstance(handler, MetricsHandler)
    client = connect(workflow=True, metrics_handler=handler, enable_tracing=False)
    await client("health", request_id="corr-1")
    assert handler.started == [("GET", "/api/v1/health", "corr-1")]
    (metrics,) = handler.ended
    assert {field.name for field in dataclasses.fields(metrics)} >= set(ATLAS_SDK_METRICS_FIELDS)
    assert (metrics.method, metrics.url, metrics.request_id, metrics.status_code) == (
        "GET",
        "/api/v1/health",
        "corr-1",
        200,
    )
    assert handler.errors == []


async def test_the_no_op_handler_and_instrumentation_config(connect: Connect) -> None:
    assert (await connect(metrics_handler=NoOpMetricsHandler())("health"))["status"] == "healthy"
    with pytest.raises(TypeError, match="instrumentation"):
        connect(instrumentation=object())

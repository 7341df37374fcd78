"""Observing calls: an atlas_sdk metrics handler, per-attempt hooks, OpenTelemetry spans and raw responses."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from atlas_extras import AtlasConnectionError, AtlasNotFoundError, RetryPolicy
from atlas_extras.hooks import RequestEvent, RequestMetrics
from atlas_extras.testing import FakeControlPlane

from .conftest import FAST_RETRIES, Caller, agent_class


class AtlasSdkStyleHandler:
    """Written for atlas_sdk's MetricsHandler protocol: only its three methods, nothing of ours."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def on_request_start(self, method: str, url: str, request_id: str) -> None:
        self.events.append(("start", (method, url, request_id)))

    def on_request_end(self, metrics: Any) -> None:
        self.events.append(("end", metrics))

    def on_request_error(self, method: str, url: str, request_id: str, error: Exception) -> None:
        self.events.append(("error", (method, url, request_id, error)))


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeControlPlane]:
    control_plane = FakeControlPlane()
    with control_plane.serve():
        yield control_plane


async def test_an_atlas_sdk_metrics_handler_sees_one_start_and_one_end_per_call_with_the_attempts(
    fake: FakeControlPlane, make_caller: Callable[..., Caller]
) -> None:
    fake.reset()
    fake.inject_status(503, operation="list_agent_classes", times=1, retry_after=None)
    handler = AtlasSdkStyleHandler()
    caller = make_caller(base_url=fake.base_url, metrics_handler=handler)
    page = await caller("list_agent_classes", limit=2)
    assert [kind for kind, _ in handler.events] == ["start", "end"]
    metrics = handler.events[1][1]
    assert isinstance(metrics, RequestMetrics)
    assert (metrics.method, metrics.url, metrics.status_code) == ("GET", "/api/v1/agent-classes", 200)
    assert metrics.request_id == handler.events[0][1][2]
    assert metrics.attempts == 2
    assert metrics.retry_wait_seconds > 0
    assert metrics.duration_seconds >= metrics.retry_wait_seconds
    assert metrics.response_body_size
    assert metrics.response_body_size > 0
    assert metrics.request_body_size is None
    assert len(page) == 2


async def test_http_errors_end_the_call_and_failures_without_a_response_are_errors(
    httpx_mock: HTTPXMock, make_caller: Callable[..., Caller]
) -> None:
    import httpx

    handler = AtlasSdkStyleHandler()
    caller = make_caller(metrics_handler=handler, retry_policy=RetryPolicy(max_retries=0))
    httpx_mock.add_response(status_code=404, json={"detail": "no"})
    with pytest.raises(AtlasNotFoundError):
        await caller("get_agent_class", uuid.uuid4())
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    with pytest.raises(AtlasConnectionError):
        await caller("health")
    kinds = [kind for kind, _ in handler.events]
    assert kinds == ["start", "end", "start", "error"]
    assert handler.events[1][1].status_code == 404
    assert isinstance(handler.events[3][1][3], AtlasConnectionError)


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[str, int, int | None, float | None]] = []

    def on_request(self, event: RequestEvent) -> None:
        event.headers["X-Attempt"] = str(event.attempt)
        self.seen.append(("request", event.attempt, None, None))

    def on_response(self, event: RequestEvent) -> None:
        self.seen.append(("response", event.attempt, event.status_code, None))

    def on_error(self, event: RequestEvent) -> None:
        self.seen.append(("error", event.attempt, None, None))

    def on_retry(self, event: RequestEvent) -> None:
        self.seen.append(("retry", event.attempt, event.status_code, event.delay))


async def test_hooks_see_every_attempt_and_may_add_headers(
    httpx_mock: HTTPXMock, make_caller: Callable[..., Caller]
) -> None:
    recorder = Recorder()
    caller = make_caller(hooks=[recorder])
    httpx_mock.add_response(status_code=503, json={"detail": "busy"})
    httpx_mock.add_response(json=agent_class())
    await caller("get_agent_class", uuid.uuid4())
    assert [step[:3] for step in recorder.seen] == [
        ("request", 1, None),
        ("response", 1, 503),
        ("retry", 1, 503),
        ("request", 2, None),
        ("response", 2, 200),
    ]
    assert recorder.seen[2][3] is not None
    assert recorder.seen[2][3] >= 0
    assert [r.headers["X-Attempt"] for r in httpx_mock.get_requests()] == ["1", "2"]


async def test_async_hooks_are_awaited_on_async_clients(httpx_mock: HTTPXMock) -> None:
    from atlas_extras import ControlPlaneClient

    seen: list[int] = []

    class AsyncHook:
        async def on_response(self, event: RequestEvent) -> None:
            seen.append(event.status_code or 0)

    httpx_mock.add_response(json={"status": "healthy"})
    async with ControlPlaneClient(base_url="http://control-plane.test", hooks=AsyncHook()) as client:
        await client.health()
    assert seen == [200]


async def test_a_failing_hook_or_handler_neither_breaks_the_call_nor_floods_the_log(
    httpx_mock: HTTPXMock, make_caller: Callable[..., Caller], caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def on_request(self, event: RequestEvent) -> None:
            raise RuntimeError("hook bug")

        def on_request_start(self, *args: Any) -> None:
            raise RuntimeError("handler bug")

        on_request_end = on_request_error = on_request_start

    caplog.set_level(logging.WARNING, logger="atlas_extras")
    broken = Broken()
    caller = make_caller(hooks=[broken], metrics_handler=broken)
    httpx_mock.add_response(json={"status": "healthy"}, is_reusable=True)
    for _ in range(3):
        assert (await caller("health"))["status"] == "healthy"
    failures = [r for r in caplog.records if "logged once" in r.getMessage()]
    assert sorted({r.getMessage().split(" raised")[0] for r in failures}) == [
        "Broken.on_request",
        "Broken.on_request_end",
        "Broken.on_request_start",
    ]
    assert len(failures) == 3


def test_hooks_and_handlers_of_the_wrong_shape_are_rejected_at_construction() -> None:
    from atlas_extras import SyncControlPlaneClient

    with pytest.raises(TypeError, match="hooks"):
        SyncControlPlaneClient(base_url="http://x.test", hooks=[object()])
    with pytest.raises(TypeError, match="metrics_handler"):
        SyncControlPlaneClient(base_url="http://x.test", metrics_handler=object())  # type: ignore[arg-type]


@pytest.fixture
def spans() -> Iterator[Any]:
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace._TRACER_PROVIDER = None  # the API lets a provider be set once per process: tests set their own
    trace._TRACER_PROVIDER_SET_ONCE._done = False
    trace.set_tracer_provider(provider)
    yield exporter
    exporter.clear()


async def test_one_client_span_per_call_with_every_attempt_and_a_traceparent_on_the_wire(
    spans: Any, httpx_mock: HTTPXMock, make_caller: Callable[..., Caller]
) -> None:
    from opentelemetry import trace
    from opentelemetry.trace import SpanKind, StatusCode

    caller = make_caller(enable_tracing=True, api_key="sk-secret-in-url", base_url="http://user:pw@control-plane.test")
    httpx_mock.add_response(status_code=503, json={"detail": "busy"})
    httpx_mock.add_response(json=agent_class())
    class_id = uuid.uuid4()
    with trace.get_tracer("app").start_as_current_span("parent") as parent:
        await caller("get_agent_class", class_id)
    finished = {span.name: span for span in spans.get_finished_spans()}
    span = finished["GET /api/v1/agent-classes/{id}"]
    assert span.kind is SpanKind.CLIENT
    assert span.parent is not None
    assert span.parent.span_id == parent.get_span_context().span_id
    assert span.attributes["http.request.method"] == "GET"
    assert span.attributes["server.address"] == "control-plane.test"
    assert span.attributes["http.response.status_code"] == 200
    assert span.attributes["url.full"] == f"http://***@control-plane.test/api/v1/agent-classes/{class_id}"
    attempts = [event for event in span.events if event.name == "http.attempt"]
    assert [event.attributes["atlas.attempt"] for event in attempts] == [1, 2]
    assert attempts[0].attributes["http.response.status_code"] == 503
    assert attempts[0].attributes["atlas.retry_delay_s"] >= 0
    assert span.status.status_code is not StatusCode.ERROR
    trace_id = f"{span.context.trace_id:032x}"
    for request in httpx_mock.get_requests():
        assert request.headers["traceparent"].split("-")[1] == trace_id


async def test_a_failed_call_marks_its_span_as_an_error(
    spans: Any, httpx_mock: HTTPXMock, make_caller: Callable[..., Caller]
) -> None:
    from opentelemetry.trace import StatusCode

    caller = make_caller(enable_tracing=True)
    httpx_mock.add_response(status_code=404, json={"detail": "no such class"})
    with pytest.raises(AtlasNotFoundError):
        await caller("get_agent_class", uuid.uuid4())
    (span,) = spans.get_finished_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == "404"


async def test_raw_responses_carry_status_headers_request_id_timing_and_retries(
    httpx_mock: HTTPXMock, make_caller: Callable[..., Caller]
) -> None:
    body = agent_class()
    httpx_mock.add_response(status_code=502)
    httpx_mock.add_response(json=body, headers={"X-Request-ID": "server-id-1"})
    caller = make_caller(retry_policy=FAST_RETRIES)
    raw = await Caller(caller.client.with_raw_response)("get_agent_class", uuid.UUID(body["id"]))
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "server-id-1"
    assert raw.request_id == "server-id-1"
    assert raw.retries_taken == 1
    assert raw.elapsed.total_seconds() > 0
    parsed = raw.parse()
    assert str(parsed.id) == body["id"]
    assert raw.parse() is parsed


async def test_raw_responses_exist_on_the_workflow_client_too(
    httpx_mock: HTTPXMock, make_caller: Callable[..., Caller]
) -> None:
    httpx_mock.add_response(json={"status": "healthy", "version": "9"})
    caller = make_caller(workflow=True)
    raw = await Caller(caller.client.with_raw_response)("health")
    assert raw.status_code == 200
    assert raw.parse()["status"] == "healthy"
    assert raw.json() == {"status": "healthy", "version": "9"}

"""What the clients put on the wire and how they treat what comes back, sync and async (pytest-httpx)."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_control_plane_client.models import (
    AgentClassCreate,
    AgentClassUpdate,
    AgentDefinitionStatus,
    DeploymentStatus,
    PlanCreate,
)
from atlas_extras import (
    AtlasAPIError,
    AtlasAuthenticationError,
    AtlasAuthorizationError,
    AtlasBadRequestError,
    AtlasConflictError,
    AtlasConnectionError,
    AtlasNotFoundError,
    AtlasRateLimitError,
    AtlasRequestTimeoutError,
    AtlasResponseValidationError,
    AtlasServerError,
    AtlasValidationError,
)

from .conftest import API_KEY, BASE_URL, Caller, agent_class, agent_definition

CLASSES = f"{BASE_URL}/api/v1/agent-classes"


# --- what goes on the wire ---------------------------------------------------------------------------


async def test_every_request_carries_auth_request_id_and_user_agent(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=agent_class())
    await call("get_agent_class", uuid.uuid4())
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert uuid.UUID(request.headers["X-Request-ID"])
    assert request.headers["User-Agent"].startswith("atlas-control-plane-sdk/")


async def test_api_key_falls_back_to_the_environment(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATLAS_API_KEY", "from-env")
    httpx_mock.add_response(json={"status": "healthy"})
    await make_caller(api_key=None)("health")
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["Authorization"] == "Bearer from-env"


async def test_per_call_options_apply_to_that_call_only(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=agent_class(), is_reusable=True)
    await call("get_agent_class", uuid.uuid4(), timeout=1.5, request_id="req-1", extra_headers={"X-Tenant": "blue"})
    await call("get_agent_class", uuid.uuid4())
    first, second = httpx_mock.get_requests()
    assert first.headers["X-Request-ID"] == "req-1"
    assert first.headers["X-Tenant"] == "blue"
    assert first.extensions["timeout"] == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}
    assert "X-Tenant" not in second.headers
    assert second.headers["X-Request-ID"] != "req-1"
    assert second.extensions["timeout"] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


async def test_list_sends_filters_and_paging_and_returns_a_page(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE_URL}/api/v1/agent-definitions?status=published&limit=2&offset=4",
        json=[agent_definition(), agent_definition(status="brand-new-status")],
        headers={"X-Total-Count": "7"},
    )
    page = await call("list_agent_definitions", status=AgentDefinitionStatus.PUBLISHED, limit=2, offset=4)
    assert (page.total, page.limit, page.offset, len(page)) == (7, 2, 4, 2)
    assert page.has_more
    assert page.next_offset == 6
    assert isinstance(page[0].id, uuid.UUID)
    assert page[0].status is AgentDefinitionStatus.PUBLISHED
    # The contract's forward-compatibility decision: an unknown enum value stays a plain string.
    assert page[1].status == "brand-new-status"
    assert page[:1] == [page[0]]


async def test_deployment_list_always_sends_active_only(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}/api/v1/deployments?active_only=false&limit=5&offset=0", json=[])
    page = await call("list_deployments", limit=5)
    assert page == []
    assert page.total is None
    assert not page.has_more


async def test_create_sends_only_set_fields_with_an_automatic_idempotency_key(
    call: Caller, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=CLASSES, status_code=201, json=agent_class(name="planner"))
    created = await call("create_agent_class", AgentClassCreate(name="planner"))
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {"name": "planner"}
    assert uuid.UUID(request.headers["Idempotency-Key"])
    assert created.name == "planner"


async def test_idempotency_key_can_be_given_or_turned_off(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", status_code=201, json=agent_class(), is_reusable=True)
    await call("create_agent_class", AgentClassCreate(name="a"), idempotency_key="my-key")
    await call("create_agent_class", AgentClassCreate(name="a"), idempotency_key=None)
    given, none = httpx_mock.get_requests()
    assert given.headers["Idempotency-Key"] == "my-key"
    assert "Idempotency-Key" not in none.headers


async def test_update_is_a_partial_patch(call: Caller, httpx_mock: HTTPXMock) -> None:
    class_id = uuid.uuid4()
    httpx_mock.add_response(method="PATCH", url=f"{CLASSES}/{class_id}", json=agent_class(description=None))
    await call("update_agent_class", class_id, AgentClassUpdate(description=None))
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {"description": None}


async def test_delete_returns_none_on_204(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="DELETE", status_code=204)
    assert await call("delete_agent_class", uuid.uuid4()) is None


async def test_a_wrong_argument_type_is_a_clear_type_error(call: Caller, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(TypeError, match=r"create_agent_class\(\): body must be an AgentClassCreate, got dict"):
        await call("create_agent_class", {"name": "not a model"})
    assert httpx_mock.get_requests() == []


def test_bad_construction_arguments_are_rejected_early(monkeypatch: pytest.MonkeyPatch) -> None:
    from atlas_extras import SyncControlPlaneClient

    monkeypatch.delenv("ATLAS_BASE_URL", raising=False)
    with pytest.raises(ValueError, match="base_url is required"):
        SyncControlPlaneClient()
    with pytest.raises(ValueError, match="http"):
        SyncControlPlaneClient(base_url="control-plane:8000")
    with pytest.raises(ValueError, match="max_retries"):
        SyncControlPlaneClient(base_url=BASE_URL, max_retries=-1)


# --- errors -------------------------------------------------------------------------------------------

STATUS_ERRORS = [
    (400, AtlasBadRequestError),
    (401, AtlasAuthenticationError),
    (403, AtlasAuthorizationError),
    (404, AtlasNotFoundError),
    (409, AtlasConflictError),
    (410, AtlasAPIError),
    (500, AtlasServerError),
    (501, AtlasServerError),
    (520, AtlasServerError),
]


@pytest.mark.parametrize(("status", "error_class"), STATUS_ERRORS)
async def test_each_status_raises_its_error(
    call: Caller, httpx_mock: HTTPXMock, status: int, error_class: type[AtlasAPIError]
) -> None:
    httpx_mock.add_response(status_code=status, json={"detail": "nope"}, headers={"X-Request-ID": "srv-42"})
    with pytest.raises(error_class) as caught:
        await call("get_agent_class", uuid.uuid4())
    error = caught.value
    assert type(error) is error_class
    assert (error.status_code, error.method, error.detail, error.request_id) == (status, "GET", "nope", "srv-42")
    assert error.url.startswith(CLASSES)
    assert error.response.status_code == status
    assert f"HTTP {status}: nope" in str(error)


async def test_422_lists_the_field_problems(call: Caller, httpx_mock: HTTPXMock) -> None:
    detail = [{"loc": ["body", "name"], "msg": "String should have at least 1 character", "type": "string_too_short"}]
    httpx_mock.add_response(status_code=422, json={"detail": detail})
    with pytest.raises(AtlasValidationError) as caught:
        await call("create_agent_class", AgentClassCreate(name=""))
    [problem] = caught.value.errors
    assert (problem.loc, problem.type) == (("body", "name"), "string_too_short")
    assert "body.name: String should have at least 1 character" in str(caught.value)


async def test_429_after_retries_carries_retry_after(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        status_code=429, json={"detail": "slow down"}, headers={"Retry-After": "0"}, is_reusable=True
    )
    with pytest.raises(AtlasRateLimitError) as caught:
        await call("list_agent_classes")
    assert caught.value.retry_after == 0.0
    assert len(httpx_mock.get_requests()) == 3  # one try and two retries


async def test_an_error_body_that_is_not_json_still_gives_a_typed_error(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=502, text="<html>Bad gateway</html>", is_reusable=True)
    with pytest.raises(AtlasServerError) as caught:
        await call("get_agent_class", uuid.uuid4(), max_retries=0)
    assert caught.value.detail == "<html>Bad gateway</html>"


MALFORMED = {
    "not json": {"text": "this is not json"},
    "truncated json": {"content": b'{"id": "4d9f5b8e-6c1a-4a7e-9a51-', "headers": {"Content-Type": "application/json"}},
    "html error page": {"html": "<html><body>Service error</body></html>"},
    "wrong type": {"json": agent_class(name=12345)},
    "missing field": {"json": {k: v for k, v in agent_class().items() if k != "created_at"}},
    "bad uuid": {"json": agent_class(id="not-a-uuid")},
    "bad datetime": {"json": agent_class(created_at="yesterday")},
    "array instead of object": {"json": [agent_class()]},
}


@pytest.mark.parametrize("kind", MALFORMED)
async def test_every_malformed_body_raises_response_validation_error(
    call: Caller, httpx_mock: HTTPXMock, kind: str
) -> None:
    httpx_mock.add_response(status_code=200, **MALFORMED[kind])
    with pytest.raises(AtlasResponseValidationError) as caught:
        await call("get_agent_class", uuid.uuid4())
    assert caught.value.status_code == 200
    assert "does not match the contract" in str(caught.value)


async def test_a_malformed_item_in_a_list_names_its_position(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=[agent_class(), agent_class(name=None)])
    with pytest.raises(AtlasResponseValidationError, match=r"body\[1\]\.name: expected str"):
        await call("list_agent_classes")


@pytest.mark.parametrize("header", ["lots", "-5", "1e3", ""])
async def test_an_unreadable_or_negative_total_is_unknown_and_the_items_are_kept(
    call: Caller, httpx_mock: HTTPXMock, header: str
) -> None:
    item = {
        "id": str(uuid.uuid4()),
        "name": "a",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    httpx_mock.add_response(json=[item], headers={"X-Total-Count": header})
    page = await call("list_agent_classes", limit=10)
    assert page.total is None
    assert [str(c.id) for c in page] == [item["id"]]


@pytest.mark.parametrize(
    ("exception", "error_class"),
    [
        (httpx.ConnectError("refused"), AtlasConnectionError),
        (httpx.RemoteProtocolError("peer closed connection"), AtlasConnectionError),
        (httpx.ReadTimeout("read timed out"), AtlasRequestTimeoutError),
        (httpx.PoolTimeout("no connection available"), AtlasRequestTimeoutError),
    ],
)
async def test_transport_failures_become_typed_errors(
    call: Caller, httpx_mock: HTTPXMock, exception: Exception, error_class: type[Exception]
) -> None:
    httpx_mock.add_exception(exception, is_reusable=True)
    with pytest.raises(error_class) as caught:
        await call("get_agent_class", uuid.uuid4())
    assert isinstance(caught.value.__cause__, httpx.TransportError)
    assert len(httpx_mock.get_requests()) == 3  # GET is retried twice before giving up


# --- retries ------------------------------------------------------------------------------------------


async def test_503_with_retry_after_is_retried_and_succeeds(
    call: Caller, httpx_mock: HTTPXMock, retry_delays: Callable[[], list[float]]
) -> None:
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0.02"})
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "30"})  # honoured up to the cap (0.05 here)
    httpx_mock.add_response(json=agent_class(name="finally"))
    result = await call("get_agent_class", uuid.uuid4())
    assert result.name == "finally"
    assert retry_delays() == [0.02, 0.05]
    first, *rest = httpx_mock.get_requests()
    assert all(r.headers["X-Request-ID"] == first.headers["X-Request-ID"] for r in rest)


@pytest.mark.parametrize("status", [408, 429, 502, 504])
async def test_transient_statuses_are_retried_with_backoff(
    call: Caller, httpx_mock: HTTPXMock, retry_delays: Callable[[], list[float]], status: int
) -> None:
    httpx_mock.add_response(status_code=status)
    httpx_mock.add_response(status_code=status)
    httpx_mock.add_response(json=agent_class())
    await call("get_agent_class", uuid.uuid4())
    first, second = retry_delays()
    assert 0.00075 <= first <= 0.001
    assert 0.0015 <= second <= 0.002


async def test_500_is_not_retried(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=500, json={"detail": "bug"})
    with pytest.raises(AtlasServerError):
        await call("get_agent_class", uuid.uuid4())
    assert len(httpx_mock.get_requests()) == 1


async def test_post_with_idempotency_key_is_retried_with_the_same_key(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", status_code=503, headers={"Retry-After": "0"})
    httpx_mock.add_exception(httpx.ReadTimeout("lost the answer"))
    httpx_mock.add_response(method="POST", status_code=201, json=agent_class())
    await call("create_agent_class", AgentClassCreate(name="x"))
    keys = {r.headers["Idempotency-Key"] for r in httpx_mock.get_requests()}
    assert len(httpx_mock.get_requests()) == 3
    assert len(keys) == 1


async def test_post_without_idempotency_key_is_not_retried_once_sent(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", status_code=503, headers={"Retry-After": "0"})
    with pytest.raises(AtlasServerError):
        await call("create_agent_class", AgentClassCreate(name="x"), idempotency_key=None)
    httpx_mock.add_exception(httpx.ReadTimeout("lost the answer"))
    with pytest.raises(AtlasRequestTimeoutError):
        await call("create_agent_class", AgentClassCreate(name="x"), idempotency_key=None)
    assert len(httpx_mock.get_requests()) == 2


async def test_post_without_key_is_retried_when_it_never_reached_the_server(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    httpx_mock.add_response(method="POST", status_code=201, json={**_plan_body(), "task_ids": []})
    workflow = make_caller(workflow=True)
    await workflow("create_plan", uuid.uuid4(), PlanCreate(goal="ship it"), idempotency_key=None)
    assert len(httpx_mock.get_requests()) == 2


async def test_max_retries_zero_disables_retries(make_caller: Callable[..., Caller], httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0"}, is_reusable=True)
    with pytest.raises(AtlasServerError):
        await make_caller(max_retries=0)("list_agent_classes")
    assert len(httpx_mock.get_requests()) == 1


async def test_per_call_max_retries_overrides_the_client(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0"}, is_reusable=True)
    with pytest.raises(AtlasServerError):
        await call("list_agent_classes", max_retries=4)
    assert len(httpx_mock.get_requests()) == 5


# --- redaction ----------------------------------------------------------------------------------------


async def test_the_api_key_appears_in_no_log_repr_or_error(
    call: Caller, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    httpx_mock.add_response(status_code=503, headers={"Retry-After": "0"})
    httpx_mock.add_response(status_code=401, json={"detail": f"token {API_KEY} is revoked"})
    with pytest.raises(AtlasAuthenticationError) as caught:
        await call("list_agent_classes")
    surfaces = [caplog.text, str(caught.value), repr(caught.value), repr(call.client), str(caught.value.args)]
    assert all(API_KEY not in text for text in surfaces)
    assert "token *** is revoked" in str(caught.value)
    assert "Retrying GET /api/v1/agent-classes after HTTP 503" in caplog.text


# --- open-ended responses -----------------------------------------------------------------------------


async def test_health_reads_like_a_dict(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json={"status": "healthy", "uptime_seconds": 12})
    health = await call("health")
    assert health.get("status", "unknown") == "healthy"
    assert health["uptime_seconds"] == 12
    assert health.get("version") is None
    assert "status" in health
    request = httpx_mock.get_request()
    assert request is not None
    assert request.url == f"{BASE_URL}/api/v1/health"


async def test_workflow_reads_deployments_and_creates_plans(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    workflow = make_caller(workflow=True)
    deployment_id = uuid.uuid4()
    httpx_mock.add_response(json=_deployment_body(deployment_id))
    httpx_mock.add_response(method="POST", status_code=201, json={**_plan_body(deployment_id), "task_ids": []})
    deployment = await workflow("get_deployment", deployment_id)
    plan = await workflow("create_plan", deployment_id, PlanCreate(goal="ship it"))
    assert deployment.status is DeploymentStatus.ACTIVE
    assert plan.deployment_id == deployment_id
    assert not hasattr(workflow.client, "create_agent_class")


def _deployment_body(deployment_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": str(deployment_id),
        "agent_definition_id": str(uuid.uuid4()),
        "name": "prod",
        "environment": "production",
        "status": "active",
        "config": {},
        "project_context": {},
        "created_at": "2026-11-27T10:00:00Z",
        "updated_at": "2026-11-27T10:00:00Z",
    }


def _plan_body(deployment_id: uuid.UUID | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "deployment_id": str(deployment_id or uuid.uuid4()),
        "created_by_instance_id": str(uuid.uuid4()),
        "goal": "ship it",
        "constraints": {},
        "state": {},
        "status": "DRAFT",
        "created_at": "2026-11-27T10:00:00Z",
        "updated_at": "2026-11-27T10:00:00Z",
    }


async def test_the_aiohttp_transport_is_an_opt_in_drop_in() -> None:
    from atlas_extras import ControlPlaneClient
    from atlas_extras.transports import aiohttp_transport

    transport = aiohttp_transport()
    async with ControlPlaneClient(base_url="http://127.0.0.1:9", transport=transport, max_retries=0) as client:
        with pytest.raises(AtlasConnectionError):  # nothing listens on port 9: a typed error, not an aiohttp one
            await client.health()

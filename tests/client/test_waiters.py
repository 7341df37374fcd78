"""Waiters, sync and async: terminal states, progress, timeouts that count real time, failed states."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_control_plane_client.models import PlanStatus
from atlas_extras import AtlasWaitFailedError, AtlasWaitTimeoutError

from .conftest import NOW, Caller


def plan(status: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "deployment_id": str(uuid.uuid4()),
        "created_by_instance_id": str(uuid.uuid4()),
        "goal": "ship it",
        "constraints": {},
        "state": {},
        "status": status,
        "created_at": NOW,
        "updated_at": NOW,
        "tasks": [],
    }


def deployment(status: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "agent_definition_id": str(uuid.uuid4()),
        "name": "prod",
        "environment": "production",
        "status": status,
        "config": {},
        "project_context": {},
        "created_at": NOW,
        "updated_at": NOW,
    }


def task(status: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "plan_id": str(uuid.uuid4()),
        "sequence": 0,
        "description": "write it",
        "validation": "tests pass",
        "status": status,
        "meta": {},
        "created_at": NOW,
        "updated_at": NOW,
        "assignee_agent_name": "Builder",
    }


async def test_plan_waiter_polls_until_terminal_and_reports_progress(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    for status in ("DRAFT", "ACTIVE", "SOMETHING_NEW", "COMPLETED"):
        httpx_mock.add_response(json=plan(status))
    seen: list[str] = []
    workflow = make_caller(workflow=True)
    done = await workflow(
        "wait_for_plan_completion", uuid.uuid4(), poll_interval=0.001, on_progress=lambda p: seen.append(p.status)
    )
    assert done.status is PlanStatus.COMPLETED
    assert seen == ["DRAFT", "ACTIVE", "SOMETHING_NEW", "COMPLETED"]


async def test_task_waiter_stops_at_failed(make_caller: Callable[..., Caller], httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=task("IN_PROGRESS"))
    httpx_mock.add_response(json=task("FAILED"))
    done = await make_caller(workflow=True)("wait_for_task_completion", uuid.uuid4(), poll_interval=0.001)
    assert done.status == "FAILED"
    assert done.assignee_agent_name == "Builder"
    assert all(r.url.params["enrich"] == "true" for r in httpx_mock.get_requests())


async def test_timeout_carries_the_last_state(make_caller: Callable[..., Caller], httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=plan("ACTIVE"), is_reusable=True)
    workflow = make_caller(workflow=True)
    started = time.monotonic()
    with pytest.raises(AtlasWaitTimeoutError) as caught:
        await workflow("wait_for_plan_completion", uuid.uuid4(), poll_interval=0.02, timeout=0.1)
    assert time.monotonic() - started < 1.0
    error = caught.value
    assert error.last_state.status is PlanStatus.ACTIVE
    assert (error.operation, error.timeout_seconds) == ("wait_for_plan_completion", 0.1)
    assert "Current status: ACTIVE" in str(error)


async def test_timeout_counts_request_time_and_bounds_the_request(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=plan("ACTIVE"))
    httpx_mock.add_exception(httpx.ReadTimeout("server hung"))
    workflow = make_caller(workflow=True, max_retries=0)
    with pytest.raises(AtlasWaitTimeoutError) as caught:
        await workflow("wait_for_plan_completion", uuid.uuid4(), poll_interval=0.01, timeout=0.5)
    assert caught.value.last_state.status is PlanStatus.ACTIVE
    second = httpx_mock.get_requests()[1]
    assert 0 < second.extensions["timeout"]["read"] <= 0.5  # the request got what was left, not 30 s


async def test_deployment_waiter_returns_when_active(make_caller: Callable[..., Caller], httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=deployment("spawning"))
    httpx_mock.add_response(json=deployment("active"))
    done = await make_caller()("wait_until_deployment_active", uuid.uuid4(), poll_interval=0.001)
    assert done.status == "active"


async def test_deployment_waiter_raises_when_it_failed(
    make_caller: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=deployment("failed"))
    with pytest.raises(AtlasWaitFailedError, match="ended in status failed") as caught:
        await make_caller(workflow=True)("wait_until_deployment_active", uuid.uuid4(), poll_interval=0.001)
    assert caught.value.last_state.status == "failed"


async def test_a_non_positive_timeout_is_rejected(make_caller: Callable[..., Caller], httpx_mock: HTTPXMock) -> None:
    with pytest.raises(ValueError, match="timeout must be > 0"):
        await make_caller(workflow=True)("wait_for_plan_completion", uuid.uuid4(), timeout=0)


async def test_async_waiters_accept_coroutine_callbacks(httpx_mock: HTTPXMock) -> None:
    from atlas_extras import WorkflowClient

    httpx_mock.add_response(json=task("IN_PROGRESS"))
    httpx_mock.add_response(json=task("SKIPPED"))
    seen: list[str] = []

    async def record(state: Any) -> None:
        seen.append(state.status)

    async with WorkflowClient(base_url="http://cp.test") as workflow:
        await workflow.wait_for_task_completion(uuid.uuid4(), poll_interval=0.001, on_progress=record)
    assert seen == ["IN_PROGRESS", "SKIPPED"]

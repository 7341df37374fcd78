"""atlas_sdk's testing helpers mapped to ours: `FakeWorkflowClient` (an in-memory stand-in object) becomes a real
`WorkflowClient` against the fake Control Plane, `FakeNotFoundError` the `AtlasNotFoundError` the fake's 404
raises, and hand-written sample payloads (atlas_sdk's testing example) the contract-valid test factories."""

from __future__ import annotations

import uuid
from uuid import UUID

import pytest
from pytest_httpx import HTTPXMock

from atlas_control_plane_client.models import AgentClassRead, PlanCreate, PlanStatus
from atlas_extras import AtlasNotFoundError, SyncControlPlaneClient
from atlas_extras.models import HealthStatus
from atlas_extras.testing import seed_id
from atlas_extras.testing.factories import Factories

from .conftest import Clients

DEPLOYMENT = UUID(seed_id("deployment", "review-bot-prod"))


async def test_a_workflow_client_against_the_fake_replaces_fake_workflow_client(clients: Clients) -> None:
    # atlas_sdk: FakeWorkflowClient().create_plan(deployment_id, instance_id, plan)
    created = await clients.workflow("create_plan", DEPLOYMENT, PlanCreate(goal="Ship it"))
    plan = await clients.workflow("get_plan", created.id)
    assert plan.created_by_instance_id == created.created_by_instance_id  # derived by the server, as in production
    instance = await clients.workflow("get_agent_instance", plan.created_by_instance_id)
    assert instance.deployment_id == DEPLOYMENT
    assert plan.status in (PlanStatus.DRAFT, PlanStatus.ACTIVE, PlanStatus.COMPLETED)


async def test_the_fake_answers_404_where_atlas_sdk_fakes_raised_fake_not_found(clients: Clients) -> None:
    with pytest.raises(AtlasNotFoundError) as caught:
        await clients.workflow("get_plan", uuid.uuid4())
    assert caught.value.status_code == 404


def test_factories_replace_hand_written_payload_builders(atlas_factories: Factories, httpx_mock: HTTPXMock) -> None:
    body = atlas_factories.agent_class_read.wire(name="code-reviewer")
    httpx_mock.add_response(url=f"http://cp.test/api/v1/agent-classes/{body['id']}", json=body)
    httpx_mock.add_response(url="http://cp.test/api/v1/health", json=atlas_factories.health_status.wire(status="ok"))
    with SyncControlPlaneClient(base_url="http://cp.test") as client:
        fetched = client.get_agent_class(UUID(body["id"]))
        health = client.health()
    assert fetched == AgentClassRead.from_dict(body)
    assert fetched.name == "code-reviewer"
    typed = atlas_factories.build(AgentClassRead, name="typed")  # for app code that takes models, not JSON
    assert (type(typed), typed.name) == (AgentClassRead, "typed")
    assert isinstance(health, HealthStatus)
    assert health["status"] == "ok"
    # The same seed makes the same objects on every run: fixtures in a user's tests stay stable.
    assert Factories().agent_class_read.wire() == Factories().agent_class_read.wire()

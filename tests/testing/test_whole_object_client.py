"""End to end over loopback: a client that saves whole objects (read, PATCH every field back, then wait), as
the existing SDK's resource layer does (`plan.save()` then `plan.wait_for_completion()`), sees its plan finish
and its agent instance become active on the fake."""

from __future__ import annotations

import asyncio
import time
from uuid import UUID

from atlas_control_plane_client.models import (
    AgentInstanceStatus,
    DeploymentCreate,
    PlanCreate,
    PlanStatus,
    PlanTaskStatus,
    PlanTaskUpdate,
    PlanUpdate,
)
from atlas_extras import ControlPlaneClient, SyncWorkflowClient, WorkflowClient
from atlas_extras.testing import FakeControlPlane, seed_id

DEPLOYMENT = UUID(seed_id("deployment", "review-bot-prod"))
DEFINITION = UUID(seed_id("definition", 0))
TASKS = [{"description": "Lint", "validation": "No warnings"}, {"description": "Test", "validation": "All green"}]
PLAN_FIELDS = ("goal", "constraints", "state", "status", "spec_reference")
TASK_FIELDS = ("sequence", "description", "validation", "assignee_agent_definition_id", "status", "result", "meta")
GENEROUS = 30.0  # seconds: a bound for "does not hang", not a speed check


async def test_a_saved_whole_plan_still_completes(fake_control_plane: FakeControlPlane) -> None:
    async with WorkflowClient(base_url=fake_control_plane.base_url) as client:
        created = await client.create_plan(DEPLOYMENT, PlanCreate.from_dict({"goal": "Ship it", "tasks": TASKS}))
        plan = await client.get_plan(created.id)
        wire = plan.to_dict()
        saved = await client.update_plan(plan.id, PlanUpdate.from_dict({name: wire[name] for name in PLAN_FIELDS}))
        assert saved.status == PlanStatus.ACTIVE
        done = await client.wait_for_plan_completion(plan.id, poll_interval=0.05, timeout=GENEROUS)
    assert done.status == PlanStatus.COMPLETED
    assert [task["status"] for task in done.to_dict()["tasks"]] == ["COMPLETED", "COMPLETED"]


def test_a_saved_whole_task_still_completes(fake_control_plane: FakeControlPlane) -> None:
    with SyncWorkflowClient(base_url=fake_control_plane.base_url) as client:
        created = client.create_plan(DEPLOYMENT, PlanCreate.from_dict({"goal": "Ship it", "tasks": TASKS}))
        task = client.get_task(UUID(created.to_dict()["task_ids"][1]))
        wire = task.to_dict()
        client.update_task(task.id, PlanTaskUpdate.from_dict({name: wire[name] for name in TASK_FIELDS}))
        done = client.wait_for_task_completion(task.id, poll_interval=0.05, timeout=GENEROUS)
        assert done.status == PlanTaskStatus.COMPLETED
        assert client.wait_for_plan_completion(created.id, poll_interval=0.05, timeout=GENEROUS).status == (
            PlanStatus.COMPLETED
        )


async def test_a_new_deployments_instance_becomes_active(fake_control_plane: FakeControlPlane) -> None:
    base_url = fake_control_plane.base_url
    async with ControlPlaneClient(base_url=base_url) as admin, WorkflowClient(base_url=base_url) as client:
        deployment = await admin.create_deployment(DeploymentCreate(agent_definition_id=DEFINITION, name="canary"))
        (instance,) = await client.list_agent_instances(deployment_id=deployment.id)
        assert instance.status == AgentInstanceStatus.SPAWNING
        deadline = time.monotonic() + GENEROUS
        while instance.status == AgentInstanceStatus.SPAWNING and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            instance = await client.get_agent_instance(instance.id)
    assert instance.status in (AgentInstanceStatus.ACTIVE, AgentInstanceStatus.COMPLETED)
    assert instance.started_at

"""atlas_sdk's resource layer (`client.deployments`, `.plans`, `.tasks`, `.agent_instances` and the `Deployment`,
`Plan`, `Task` and `AgentInstance` objects with `refresh`/`save`/`delete`/waiters) has no counterpart in ours: each
flow of the migration guide's "Resource layer" section, done with plain client calls, against the fake.
"""

from __future__ import annotations

from uuid import UUID

import pytest

from atlas_control_plane_client.models import (
    AgentInstanceStatus,
    DeploymentCreate,
    DeploymentStatus,
    DeploymentUpdate,
    PlanCreate,
    PlanStatus,
    PlanTaskStatus,
    PlanTaskUpdate,
    PlanUpdate,
    TasksAppend,
)
from atlas_extras import AtlasNotFoundError
from atlas_extras.pages import Page
from atlas_extras.testing import seed_id

from .conftest import GENEROUS, Clients

DEFINITION = UUID(seed_id("definition", 0))
DEPLOYMENT = UUID(seed_id("deployment", "review-bot-prod"))
TASKS = [{"description": "Lint", "validation": "No warnings"}, {"description": "Test", "validation": "All green"}]


async def test_deployments_create_get_list_save_wait_and_delete(clients: Clients) -> None:
    admin = clients.admin
    deployment = await admin("create_deployment", DeploymentCreate(agent_definition_id=DEFINITION, name="canary"))
    assert deployment.status == DeploymentStatus.SPAWNING
    # deployment.refresh()
    deployment = await admin("get_deployment", deployment.id)
    # client.deployments.list(...): one page
    page = await admin("list_deployments", environment="production", limit=100)
    assert isinstance(page, Page)
    assert deployment.id in [d.id for d in page]
    # deployment.description = ...; deployment.save(): send what changed
    saved = await admin("update_deployment", deployment.id, DeploymentUpdate(description="first rollout"))
    assert saved.description == "first rollout"
    # deployment.wait_until_active() / client.deployments.wait_until_active(id)
    active = await admin("wait_until_deployment_active", deployment.id, poll_interval=0.05, timeout=GENEROUS)
    assert active.status == DeploymentStatus.ACTIVE
    # deployment.delete()
    await admin("delete_deployment", deployment.id)
    with pytest.raises(AtlasNotFoundError):
        await admin("get_deployment", deployment.id)


async def test_plans_create_refresh_save_append_and_wait(clients: Clients) -> None:
    workflow = clients.workflow
    created = await workflow("create_plan", DEPLOYMENT, PlanCreate.from_dict({"goal": "Ship it", "tasks": TASKS[:1]}))
    # plan.refresh()
    plan = await workflow("get_plan", created.id)
    assert [t.description for t in plan.tasks] == ["Lint"]
    # plan.goal = ...; plan.save()
    saved = await workflow("update_plan", plan.id, PlanUpdate(goal="Ship it safely"))
    assert saved.goal == "Ship it safely"
    # plan.append_tasks([...])
    appended = await workflow("append_tasks", plan.id, TasksAppend.from_dict({"tasks": TASKS[1:]}))
    assert len(appended.task_ids) == 1
    # plan.wait_for_completion()
    done = await workflow("wait_for_plan_completion", plan.id, poll_interval=0.05, timeout=GENEROUS)
    assert done.status == PlanStatus.COMPLETED
    assert [(t.description, t.status) for t in done.tasks] == [
        ("Lint", PlanTaskStatus.COMPLETED),
        ("Test", PlanTaskStatus.COMPLETED),
    ]
    # client.plans.list(deployment_id)
    assert plan.id in [p.id for p in await workflow("list_plans", DEPLOYMENT, status=PlanStatus.COMPLETED)]


async def test_tasks_list_refresh_save_and_wait(clients: Clients) -> None:
    workflow = clients.workflow
    created = await workflow("create_plan", DEPLOYMENT, PlanCreate.from_dict({"goal": "Ship it", "tasks": TASKS}))
    # client.tasks.list(plan_id)
    _, second = await workflow("list_tasks", created.id)
    # task.refresh()
    task = await workflow("get_task", second.id)
    assert task.plan_id == created.id
    # task.result = ...; task.save()
    saved = await workflow("update_task", task.id, PlanTaskUpdate(result="green on the first run"))
    assert saved.result == "green on the first run"
    done = await workflow("wait_for_task_completion", task.id, poll_interval=0.05, timeout=GENEROUS)
    assert (done.status, done.result) == (PlanTaskStatus.COMPLETED, "green on the first run")


async def test_agent_instances_list_refresh_and_wait(clients: Clients) -> None:
    stateful = UUID(seed_id("definition", 2))
    deployment = await clients.admin("create_deployment", DeploymentCreate(agent_definition_id=stateful, name="x"))
    workflow = clients.workflow
    # client.agent_instances.list(deployment_id=...)
    (instance,) = await workflow("list_agent_instances", deployment_id=deployment.id)
    # instance.refresh()
    assert (await workflow("get_agent_instance", instance.id)).id == instance.id
    # instance.wait_until_active() / client.agent_instances.wait_until_active(id)
    active = await workflow("wait_until_instance_active", instance.id, poll_interval=0.05, timeout=GENEROUS)
    assert active.status == AgentInstanceStatus.ACTIVE
    # instance.wait_for_completion(): an error while polling ends the wait at once, as in atlas_sdk
    await clients.admin("delete_deployment", deployment.id)
    with pytest.raises(AtlasNotFoundError):
        await workflow("wait_for_instance_completion", instance.id, poll_interval=0.05, timeout=GENEROUS)

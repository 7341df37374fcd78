"""Every public method of atlas_sdk's `ControlPlaneClient` and `WorkflowClient` exists on our clients (async and
blocking) under the same name, takes the same arguments in the same places, and runs against the fake Control
Plane when called the way atlas_sdk code calls it: ids and bodies positional, filters and paging by keyword.

What differs is pinned here so the guide cannot drift from it: bodies are the parameter `body` (atlas_sdk:
`update_data`, `plan_create`, ...), atlas_sdk's optional positional parameters are keyword-only, creates send an
automatic `Idempotency-Key` unless given `None`, and `add_tools_to_definition` / `discover_tools` take a body model
instead of a bare list / string.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from atlas_control_plane_client.models import (
    AgentClassCreate,
    AgentClassUpdate,
    AgentDefinitionCreate,
    AgentDefinitionStatus,
    AgentDefinitionToolsAdd,
    AgentDefinitionUpdate,
    AgentInstanceStatus,
    DeploymentCreate,
    DeploymentUpdate,
    GraspAnalysisCreate,
    ModelProviderCreate,
    ModelProviderUpdate,
    PlanCreate,
    PlanStatus,
    PlanTaskStatus,
    PlanTaskUpdate,
    PlanUpdate,
    SystemPromptCreate,
    SystemPromptStatus,
    SystemPromptUpdate,
    TasksAppend,
    ToolCreate,
    ToolDiscoverRequest,
    ToolSyncRequest,
    ToolUpdate,
)
from atlas_extras import AUTO, ControlPlaneClient, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient
from atlas_extras.pages import Page

from ..client.conftest import Caller
from .conftest import GENEROUS, Clients
from .sdk_surface import SDK_METHODS, SdkMethod

OURS = {
    "ControlPlaneClient": (ControlPlaneClient, SyncControlPlaneClient),
    "WorkflowClient": (WorkflowClient, SyncWorkflowClient),
}
#: atlas_sdk methods whose second argument is a bare value where ours takes a body model.
BODY_INSTEAD_OF_VALUE = {"add_tools_to_definition": AgentDefinitionToolsAdd, "discover_tools": ToolDiscoverRequest}


def _parameters(signature: inspect.Signature) -> list[inspect.Parameter]:
    return [p for p in signature.parameters.values() if p.name != "self" and p.kind is not p.VAR_KEYWORD]


@pytest.mark.parametrize("sdk", SDK_METHODS, ids=lambda m: f"{m.client}.{m.name}")
def test_the_method_exists_and_takes_atlas_sdks_arguments(sdk: SdkMethod) -> None:
    sdk_required = [p for p in _parameters(sdk.signature) if p.default is p.empty]
    sdk_optional = [p for p in _parameters(sdk.signature) if p.default is not p.empty]
    for client in OURS[sdk.client]:
        method = getattr(client, sdk.name, None)
        assert callable(method), f"{client.__name__}.{sdk.name} is missing"
        ours = {p.name: p for p in _parameters(inspect.signature(method))}
        required = [p for p in ours.values() if p.default is p.empty]
        # Same required arguments in the same order: ids keep their names, the request body is `body`.
        assert len(required) == len(sdk_required), f"{client.__name__}.{sdk.name}{inspect.signature(method)}"
        for theirs, mine in zip(sdk_required, required, strict=True):
            assert mine.kind is mine.POSITIONAL_OR_KEYWORD
            assert mine.name in (theirs.name, "body"), f"{sdk.name}: {theirs.name} became {mine.name}"
            if mine.name == "body" and sdk.name in BODY_INSTEAD_OF_VALUE:
                assert mine.annotation == BODY_INSTEAD_OF_VALUE[sdk.name].__name__
        # Every optional argument is there, by keyword only, with atlas_sdk's default (idempotency: AUTO).
        for theirs in sdk_optional:
            option = ours.get(theirs.name)
            assert option is not None, f"{client.__name__}.{sdk.name} lacks {theirs.name}="
            assert option.kind is option.KEYWORD_ONLY
            expected = AUTO if theirs.name == "idempotency_key" else theirs.default
            assert option.default == expected, f"{sdk.name}({theirs.name}=...) defaults to {option.default!r}"


class Recorder:
    """A `Caller` that remembers which methods were called, per client."""

    def __init__(self, client: str, caller: Caller, seen: set[tuple[str, str]]) -> None:
        self.client, self.caller, self.seen = client, caller, seen

    async def __call__(self, method: str, *args: Any, **kwargs: Any) -> Any:
        self.seen.add((self.client, method))
        return await self.caller(method, *args, **kwargs)


async def test_every_atlas_sdk_method_runs_against_the_fake_called_the_atlas_sdk_way(clients: Clients) -> None:
    seen: set[tuple[str, str]] = set()
    admin = Recorder("ControlPlaneClient", clients.admin, seen)
    workflow = Recorder("WorkflowClient", clients.workflow, seen)
    suffix = clients.flavour

    # System.
    assert (await admin("health")).get("status") == "healthy"
    assert (await admin("metrics"))["agent_classes_count"] >= 0
    assert all(entry["level"] == "info" for entry in await admin("logs", level="info", limit=5))

    # Model providers.
    body = ModelProviderCreate.from_dict(
        {"name": f"openai-{suffix}", "api_base_url": "https://api.openai.com/v1", "config": {"default_model": "gpt-4"}}
    )
    provider = await admin("create_model_provider", body, idempotency_key="auto")
    assert (await admin("get_model_provider", provider.id)).name == f"openai-{suffix}"
    assert provider.id in [p.id for p in await admin("list_model_providers", limit=100, offset=0)]
    updated = await admin("update_model_provider", provider.id, ModelProviderUpdate(description="primary"))
    assert updated.description == "primary"
    assert (await admin("verify_model_provider", provider.id))["status"] == "ok"
    assert isinstance(await admin("list_provider_models", provider.id), list)

    # Agent classes, system prompts, tools.
    agent_class = await admin("create_agent_class", AgentClassCreate(name=f"reviewer-{suffix}"))
    assert (await admin("get_agent_class", agent_class.id)).name == agent_class.name
    assert isinstance(await admin("list_agent_classes", limit=100, offset=0), Page)
    await admin("update_agent_class", agent_class.id, AgentClassUpdate(description="Reviews code"))
    prompt = await admin(
        "create_system_prompt", SystemPromptCreate(name="p", content="You review code.", agent_class_id=agent_class.id)
    )
    assert (await admin("get_system_prompt", prompt.id)).content == "You review code."
    prompts = await admin("list_system_prompts", agent_class_id=agent_class.id, status=SystemPromptStatus.DRAFT)
    assert [p.id for p in prompts] == [prompt.id]
    await admin("update_system_prompt", prompt.id, SystemPromptUpdate(status=SystemPromptStatus.PUBLISHED))
    tool = await admin(
        "create_tool", ToolCreate.from_dict({"name": f"grep-{suffix}", "json_schema": {"type": "object"}})
    )
    assert (await admin("get_tool", tool.id)).name == tool.name
    assert tool.id in [t.id for t in await admin("list_tools", limit=100, offset=0)]
    assert (await admin("update_tool", tool.id, ToolUpdate(description="Search"))).description == "Search"
    synced = await admin(
        "sync_tools", ToolSyncRequest.from_dict({"tools": [{"name": f"ls-{suffix}", "json_schema": {}}]})
    )
    assert [t.name for t in synced] == [f"ls-{suffix}"]
    assert isinstance(await admin("discover_tools", ToolDiscoverRequest(source="mcp://tools.example")), list)

    # Agent definitions.
    definition = await admin(
        "create_agent_definition",
        AgentDefinitionCreate.from_dict(
            {
                "agent_class_id": str(agent_class.id),
                "name": "Reviewer v1",
                "model_provider_id": str(provider.id),
                "model_name": "gpt-4",
                "system_prompt_id": str(prompt.id),
                "config": {"temperature": 0.2},
            }
        ),
    )
    assert (await admin("get_agent_definition", definition.id)).model_name == "gpt-4"
    assert (await admin("get_agent_definition_config", definition.id)).system_prompt == "You review code."
    drafts = await admin("list_agent_definitions", status=AgentDefinitionStatus.DRAFT, limit=100, offset=0)
    assert definition.id in [d.id for d in drafts]
    await admin("update_agent_definition", definition.id, AgentDefinitionUpdate(status=AgentDefinitionStatus.PUBLISHED))
    await admin("add_tools_to_definition", definition.id, AgentDefinitionToolsAdd(tool_ids=[tool.id]))

    # Deployments and GRASP analyses.
    deployment = await admin("create_deployment", DeploymentCreate(agent_definition_id=definition.id, name="canary"))
    assert (await admin("get_deployment", deployment.id)).name == "canary"
    await admin("update_deployment", deployment.id, DeploymentUpdate(description="first rollout"))
    listed = await admin("list_deployments", environment="production", active_only=False, limit=100, offset=0)
    assert deployment.id in [d.id for d in listed]
    analysis = await admin("create_grasp_analysis", deployment.id, GraspAnalysisCreate())
    assert (await admin("get_grasp_analysis", analysis.id)).id == analysis.id
    assert [a.id for a in await admin("list_grasp_analyses", deployment.id, status=None)] == [analysis.id]
    queried = await admin("query_grasp_analyses", deployment_id=deployment.id, status=None, limit=100, offset=0)
    assert [a.id for a in queried] == [analysis.id]

    # The workflow side: reads, plans, tasks, instances, waiters.
    assert (await workflow("health"))["status"] == "healthy"
    assert (await workflow("get_agent_definition", definition.id)).id == definition.id
    assert definition.id in [d.id for d in await workflow("list_agent_definitions", status=None, limit=100, offset=0)]
    assert (await workflow("get_agent_definition_config", definition.id)).id == definition.id
    assert (await workflow("get_deployment", deployment.id)).id == deployment.id
    assert deployment.id in [d.id for d in await workflow("list_deployments", active_only=False, limit=100)]
    task = {"description": "Lint", "validation": "No warnings"}
    plan = await workflow("create_plan", deployment.id, PlanCreate.from_dict({"goal": "Ship it", "tasks": [task]}))
    assert (await workflow("get_plan", plan.id)).goal == "Ship it"
    assert [p.id for p in await workflow("list_plans", deployment.id, status=None, limit=100, offset=0)] == [plan.id]
    await workflow("update_plan", plan.id, PlanUpdate(goal="Ship it safely"))
    appended = await workflow("append_tasks", plan.id, TasksAppend.from_dict({"tasks": [task | {"sequence": 1}]}))
    last_task = appended.task_ids[0]
    assert (await workflow("get_task", last_task, enrich=True)).plan_id == plan.id
    assert len(await workflow("list_tasks", plan.id, status=None, limit=100, offset=0)) == 2
    await workflow("update_task", last_task, PlanTaskUpdate(result="clean"))
    done_task = await workflow("wait_for_task_completion", last_task, poll_interval=0.05, timeout=GENEROUS)
    assert done_task.status is PlanTaskStatus.COMPLETED
    done = await workflow("wait_for_plan_completion", plan.id, poll_interval=0.05, timeout=GENEROUS)
    assert done.status is PlanStatus.COMPLETED
    instances = await workflow("list_agent_instances", deployment_id=deployment.id, status=None, limit=100, offset=0)
    assert {i.deployment_id for i in instances} == {deployment.id}
    assert (await workflow("get_agent_instance", instances[0].id)).status in set(AgentInstanceStatus)

    # Deletes, in reverse dependency order.
    await admin("delete_deployment", deployment.id)
    await admin("delete_agent_definition", definition.id)
    await admin("delete_tool", tool.id)
    await admin("delete_system_prompt", prompt.id)
    await admin("delete_agent_class", agent_class.id)
    await admin("delete_model_provider", provider.id)

    assert seen == {(m.client, m.name) for m in SDK_METHODS}


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.list_agent_classes(100, 0),
        lambda c: c.list_agent_definitions(None),
        lambda c: c.create_agent_class(agent_class=AgentClassCreate(name="x")),
        lambda c: c.update_agent_class(uuid.uuid4(), update_data=AgentClassUpdate(name="x")),
    ],
    ids=["positional paging", "positional filter", "body keyword create", "body keyword update"],
)
def test_atlas_sdks_other_argument_shapes_fail_at_once_with_a_type_error(call: Callable[[Any], Any]) -> None:
    with SyncControlPlaneClient(base_url="http://127.0.0.1:9") as client, pytest.raises(TypeError):
        call(client)  # nothing is sent: port 9 would refuse the connection

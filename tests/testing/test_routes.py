"""Every operation of openapi.yaml answers a valid request with its documented status and a conforming body."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from atlas_extras.testing import FakeControlPlane, seed_id

from .conftest import API, OPERATIONS, assert_conforms, success_schema

CLASS = seed_id("class", "code-reviewer")
DEFINITION = seed_id("definition", 0)
UNUSED_DEFINITION = seed_id("definition", 5)
PROVIDER = seed_id("provider", "openai")
PROMPT = seed_id("prompt", "reviewer-v2")
UNUSED_PROMPT = seed_id("prompt", "reviewer-v1")
TOOL = seed_id("tool", "shell.run")
DEPLOYMENT = seed_id("deployment", "review-bot-prod")
IDLE_DEPLOYMENT = seed_id("deployment", "incident-nightly")
ANALYSIS = seed_id("analysis", "prod-1")
PLAN = seed_id("plan", "pr-1431")
TASK = seed_id("task", "pr-1431:1")
INSTANCE = seed_id("instance", "review-1")
TASK_BODY = {"description": "Check the build", "validation": "The build is green"}


@dataclass
class Example:
    """A valid request for one operation; `prepare` may create what it needs and returns path ids."""

    path: dict[str, str] = field(default_factory=dict)
    json: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    prepare: Callable[[httpx.AsyncClient], Awaitable[dict[str, str]]] | None = None


async def _new(client: httpx.AsyncClient, collection: str, body: dict[str, Any], name: str) -> dict[str, str]:
    response = await client.post(f"{API}/{collection}", json=body)
    assert response.status_code == 201
    return {name: response.json()["id"]}


EXAMPLES: dict[str, Example] = {
    "list_agent_classes": Example(params={"limit": 2}),
    "create_agent_class": Example(json={"name": "Planner", "description": "Plans work."}),
    "get_agent_class": Example(path={"agent_class_id": CLASS}),
    "update_agent_class": Example(path={"agent_class_id": CLASS}, json={"description": "Reviews code."}),
    "delete_agent_class": Example(prepare=lambda c: _new(c, "agent-classes", {"name": "Disposable"}, "agent_class_id")),
    "list_agent_definitions": Example(params={"status": "published"}),
    "create_agent_definition": Example(
        json={"agent_class_id": CLASS, "name": "Reviewer X", "tool_ids": [TOOL], "model_provider_id": PROVIDER}
    ),
    "get_agent_definition": Example(path={"definition_id": DEFINITION}),
    "update_agent_definition": Example(path={"definition_id": DEFINITION}, json={"status": "deprecated"}),
    "delete_agent_definition": Example(path={"definition_id": UNUSED_DEFINITION}),
    "get_agent_definition_config": Example(path={"definition_id": DEFINITION}),
    "add_tools_to_definition": Example(path={"definition_id": DEFINITION}, json={"tool_ids": [TOOL]}),
    "list_model_providers": Example(),
    "create_model_provider": Example(json={"name": "Mistral", "api_base_url": "https://api.mistral.ai"}),
    "get_model_provider": Example(path={"provider_id": PROVIDER}),
    "update_model_provider": Example(path={"provider_id": PROVIDER}, json={"config": {"default_model": "gpt-4"}}),
    "delete_model_provider": Example(prepare=lambda c: _new(c, "model-providers", {"name": "Spare"}, "provider_id")),
    "verify_model_provider": Example(path={"provider_id": PROVIDER}),
    "list_provider_models": Example(path={"provider_id": PROVIDER}),
    "list_system_prompts": Example(params={"agent_class_id": CLASS, "status": "published"}),
    "create_system_prompt": Example(json={"name": "Short", "content": "Be brief.", "agent_class_id": CLASS}),
    "get_system_prompt": Example(path={"prompt_id": PROMPT}),
    "update_system_prompt": Example(path={"prompt_id": PROMPT}, json={"status": "deprecated"}),
    "delete_system_prompt": Example(path={"prompt_id": UNUSED_PROMPT}),
    "list_tools": Example(params={"offset": 1}),
    "create_tool": Example(json={"name": "slack.post", "json_schema": {"type": "object"}}),
    "get_tool": Example(path={"tool_id": TOOL}),
    "update_tool": Example(path={"tool_id": TOOL}, json={"risk_level": "medium"}),
    "delete_tool": Example(prepare=lambda c: _new(c, "tools", {"name": "spare.tool", "json_schema": {}}, "tool_id")),
    "sync_tools": Example(json={"tools": [{"name": "shell.run", "json_schema": {}, "risk_level": "low"}]}),
    "discover_tools": Example(json={"source": "mcp://tools.example.com"}),
    "list_deployments": Example(params={"environment": "production", "active_only": "true"}),
    "create_deployment": Example(json={"agent_definition_id": DEFINITION, "name": "review-bot-canary"}),
    "get_deployment": Example(path={"deployment_id": DEPLOYMENT}),
    "update_deployment": Example(path={"deployment_id": DEPLOYMENT}, json={"status": "completed"}),
    "delete_deployment": Example(path={"deployment_id": IDLE_DEPLOYMENT}),
    "create_grasp_analysis": Example(path={"deployment_id": DEPLOYMENT}, json={}),
    "list_grasp_analyses": Example(path={"deployment_id": DEPLOYMENT}, params={"status": "completed"}),
    "query_grasp_analyses": Example(params={"deployment_id": DEPLOYMENT}),
    "get_grasp_analysis": Example(path={"analysis_id": ANALYSIS}),
    "create_plan": Example(path={"deployment_id": DEPLOYMENT}, json={"goal": "Ship it", "tasks": [TASK_BODY]}),
    "list_plans": Example(path={"deployment_id": DEPLOYMENT}, params={"status": "ACTIVE"}),
    "get_plan": Example(path={"plan_id": PLAN}),
    "update_plan": Example(path={"plan_id": PLAN}, json={"state": {"note": "halfway"}}),
    "append_tasks": Example(path={"plan_id": PLAN}, json={"tasks": [TASK_BODY]}),
    "list_tasks": Example(path={"plan_id": PLAN}, params={"status": "PENDING"}),
    "get_task": Example(path={"task_id": TASK}, params={"enrich": "true"}),
    "update_task": Example(path={"task_id": TASK}, json={"status": "COMPLETED", "result": "All green"}),
    "list_agent_instances": Example(params={"deployment_id": DEPLOYMENT, "status": "active"}),
    "get_agent_instance": Example(path={"instance_id": INSTANCE}),
    "health": Example(),
    "metrics": Example(),
    "logs": Example(params={"limit": 5, "level": "info"}),
}


def test_every_operation_of_the_contract_has_an_example_here() -> None:
    assert sorted(OPERATIONS) == sorted(EXAMPLES)


def test_the_fake_serves_every_operation_of_the_contract(fake: FakeControlPlane) -> None:
    assert fake.operations == sorted(OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_operation_answers_with_its_documented_status_and_schema(
    operation_id: str, fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    method, template, _ = OPERATIONS[operation_id]
    example = EXAMPLES[operation_id]
    path_ids = dict(example.path)
    if example.prepare is not None:
        path_ids.update(await example.prepare(client))
    fake.stats.reset()

    response = await client.request(
        method, template.format(**path_ids), params=example.params, json=example.json, headers={"X-Request-ID": "r-1"}
    )

    status, schema = success_schema(operation_id)
    assert response.status_code == status, response.text
    assert response.headers["X-Request-ID"] == "r-1"
    assert fake.stats.requests == {operation_id: 1}
    if schema is None:
        assert response.content == b""
    else:
        assert response.headers["content-type"] == "application/json"
        assert_conforms(operation_id, response.json())


async def test_lists_that_page_send_the_total(client: httpx.AsyncClient) -> None:
    paged = [
        operation_id
        for operation_id, (_, _, spec) in OPERATIONS.items()
        if "X-Total-Count" in spec["responses"].get("200", {}).get("headers", {})
    ]
    assert len(paged) == 10
    for operation_id in paged:
        method, template, _ = OPERATIONS[operation_id]
        response = await client.request(method, template.format(deployment_id=DEPLOYMENT, plan_id=PLAN))
        assert int(response.headers["X-Total-Count"]) == len(response.json()), operation_id

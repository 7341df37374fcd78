"""The generated client against a mocked transport (pytest-httpx): what it puts on the wire and what it
makes of the answers, through both `sync_detailed` and `asyncio_detailed`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from types import ModuleType
from typing import Any
from uuid import UUID

import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_control_plane_client import AuthenticatedClient, Client
from atlas_control_plane_client.api.agent_classes import (
    create_agent_class,
    delete_agent_class,
    get_agent_class,
    list_agent_classes,
    update_agent_class,
)
from atlas_control_plane_client.api.agent_definitions import (
    add_tools_to_definition,
    create_agent_definition,
    delete_agent_definition,
    get_agent_definition,
    get_agent_definition_config,
    list_agent_definitions,
    update_agent_definition,
)
from atlas_control_plane_client.api.agent_instances import get_agent_instance, list_agent_instances
from atlas_control_plane_client.api.deployments import (
    create_deployment,
    delete_deployment,
    get_deployment,
    list_deployments,
    update_deployment,
)
from atlas_control_plane_client.api.grasp_analyses import (
    create_grasp_analysis,
    get_grasp_analysis,
    list_grasp_analyses,
    query_grasp_analyses,
)
from atlas_control_plane_client.api.model_providers import (
    create_model_provider,
    delete_model_provider,
    get_model_provider,
    list_model_providers,
    list_provider_models,
    update_model_provider,
    verify_model_provider,
)
from atlas_control_plane_client.api.plans import append_tasks, create_plan, get_plan, list_plans, update_plan
from atlas_control_plane_client.api.system import health, logs, metrics
from atlas_control_plane_client.api.system_prompts import (
    create_system_prompt,
    delete_system_prompt,
    get_system_prompt,
    list_system_prompts,
    update_system_prompt,
)
from atlas_control_plane_client.api.tasks import get_task, list_tasks, update_task
from atlas_control_plane_client.api.tools import (
    create_tool,
    delete_tool,
    discover_tools,
    get_tool,
    list_tools,
    sync_tools,
    update_tool,
)
from atlas_control_plane_client.errors import UnexpectedStatus
from atlas_control_plane_client.models import (
    AgentClassCreate,
    AgentClassRead,
    AgentClassUpdate,
    AgentDefinitionConfig,
    AgentDefinitionCreate,
    AgentDefinitionCreateConfig,
    AgentDefinitionRead,
    AgentDefinitionStatus,
    AgentDefinitionToolsAdd,
    AgentDefinitionUpdate,
    AgentInstanceRead,
    AgentInstanceStatus,
    DeploymentCreate,
    DeploymentRead,
    DeploymentStatus,
    DeploymentUpdate,
    ExecutionMode,
    GraspAnalysisCreate,
    GraspAnalysisCreateAnalysisContext,
    GraspAnalysisRead,
    GraspAnalysisStatus,
    GraspAnalysisSummary,
    HealthStatus,
    HTTPError,
    HTTPValidationError,
    LogEntry,
    Metrics,
    ModelProviderCreate,
    ModelProviderCreateConfig,
    ModelProviderRead,
    ModelProviderUpdate,
    ModelProviderVerification,
    PlanCreate,
    PlanCreateResponse,
    PlanRead,
    PlanReadWithTasks,
    PlanStatus,
    PlanTaskCreate,
    PlanTaskRead,
    PlanTaskReadEnriched,
    PlanTaskStatus,
    PlanTaskUpdate,
    PlanUpdate,
    ProviderModel,
    SystemPromptCreate,
    SystemPromptRead,
    SystemPromptStatus,
    SystemPromptStorageType,
    SystemPromptUpdate,
    TasksAppend,
    TasksAppendResponse,
    ToolCreate,
    ToolCreateJsonSchema,
    ToolDiscoverRequest,
    ToolRead,
    ToolRiskLevel,
    ToolSyncRequest,
    ToolUpdate,
)

BASE_URL = "https://control-plane.example.test"
TOKEN = "atlas-test-token"
REQUEST_ID = "req-7f3a9c"
IDEMPOTENCY_KEY = "create-7f3a9c"

# ---------------------------------------------------------------------------------------------------------
# Sample data: fixed ids and timestamps, and one builder per read model (JSON as the server sends it)
# ---------------------------------------------------------------------------------------------------------

AGENT_CLASS_ID = UUID("0f8c2b1e-4d3a-4c6b-9a7e-1b2c3d4e5f60")
DEFINITION_ID = UUID("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d")
PROVIDER_ID = UUID("2b3c4d5e-6f70-4b9c-8d1e-2f3a4b5c6d7e")
PROMPT_ID = UUID("3c4d5e6f-7081-4cad-9e2f-3a4b5c6d7e8f")
TOOL_ID = UUID("4d5e6f70-8192-4dbe-8f30-4b5c6d7e8f90")
OTHER_TOOL_ID = UUID("4d5e6f70-8192-4dbe-8f30-4b5c6d7e8f91")
DEPLOYMENT_ID = UUID("5e6f7081-92a3-4ecf-9041-5c6d7e8f90a1")
ANALYSIS_ID = UUID("6f708192-a3b4-4fd0-8152-6d7e8f90a1b2")
PLAN_ID = UUID("708192a3-b4c5-40e1-9263-7e8f90a1b2c3")
TASK_ID = UUID("8192a3b4-c5d6-41f2-8374-8f90a1b2c3d4")
NEXT_TASK_ID = UUID("8192a3b4-c5d6-41f2-8374-8f90a1b2c3d5")
INSTANCE_ID = UUID("92a3b4c5-d6e7-4203-9485-90a1b2c3d4e5")

CREATED_AT = "2025-03-14T09:26:53.589793+00:00"
UPDATED_AT = "2025-03-14T11:02:07+00:00"


def agent_class_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(AGENT_CLASS_ID),
        "name": "code-reviewer",
        "description": "Reviews pull requests.",
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def agent_definition_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(DEFINITION_ID),
        "agent_class_id": str(AGENT_CLASS_ID),
        "name": "Python reviewer",
        "slug": "python-reviewer",
        "status": "published",
        "execution_mode": "ephemeral",
        "config": {"temperature": 0.2, "max_tokens": 2048},
        "allow_outbound_a2a": False,
        "description": "Reviews Python changes.",
        "system_prompt_id": str(PROMPT_ID),
        "structured_output_id": None,
        "model_provider_id": str(PROVIDER_ID),
        "model_name": "gpt-4",
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def agent_definition_config_json() -> dict[str, Any]:
    return {
        "id": str(DEFINITION_ID),
        "name": "Python reviewer",
        "slug": "python-reviewer",
        "status": "published",
        "execution_mode": "stateful",
        "config": {"temperature": 0.2},
        "description": "Reviews Python changes.",
        "model_name": "gpt-4",
        "system_prompt": "You review Python code for correctness and style.",
        "structured_output_schema": {"type": "object", "properties": {"verdict": {"type": "string"}}},
        "tools": [{"name": "read_file", "json_schema": {"type": "object"}}],
    }


def model_provider_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(PROVIDER_ID),
        "name": "openai",
        "api_base_url": "https://api.openai.com/v1",
        "description": "OpenAI production account.",
        "config": {"default_model": "gpt-4"},
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def system_prompt_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(PROMPT_ID),
        "name": "reviewer-v2",
        "status": "draft",
        "content": "You review Python code for correctness and style.",
        "content_storage_type": "inline",
        "agent_class_id": str(AGENT_CLASS_ID),
        "description": None,
        "meta": {"author": "platform-team"},
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def tool_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(TOOL_ID),
        "name": "read_file",
        "description": "Reads a file of the repository.",
        "json_schema": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
        "safety_policy": None,
        "risk_level": "low",
        **overrides,
    }


def deployment_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(DEPLOYMENT_ID),
        "agent_definition_id": str(DEFINITION_ID),
        "blueprint_id": None,
        "name": "reviewer-staging",
        "description": "Reviewer for the staging repositories.",
        "spec_md_path": "specs/reviewer.md",
        "environment": "staging",
        "status": "active",
        "config": {"replicas": 2},
        "project_context": {"repository": "atlas/sdk"},
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def grasp_analysis_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(ANALYSIS_ID),
        "status": "completed",
        "created_at": CREATED_AT,
        "deployment_id": str(DEPLOYMENT_ID),
        "blueprint_id": None,
        "agent_definition_id": str(DEFINITION_ID),
        "completed_at": UPDATED_AT,
        "error_message": None,
        "analysis_context": {"reason": "pre-production review"},
        "governance_value": 72,
        "governance_summary": "Every action is logged and can be stopped.",
        "governance_evidence": {"audit_log": True},
        "reach_value": 35,
        "reach_summary": "Read-only access to one repository.",
        "reach_evidence": {},
        **overrides,
    }


def grasp_summary_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(ANALYSIS_ID),
        "status": "in_progress",
        "created_at": CREATED_AT,
        "deployment_id": str(DEPLOYMENT_ID),
        "governance_value": None,
        **overrides,
    }


def task_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(TASK_ID),
        "plan_id": str(PLAN_ID),
        "sequence": 0,
        "description": "Run the test suite.",
        "validation": "All tests pass.",
        "assignee_agent_definition_id": str(DEFINITION_ID),
        "status": "IN_PROGRESS",
        "result": None,
        "meta": {"attempt": 1},
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def enriched_task_json(**overrides: Any) -> dict[str, Any]:
    return task_json(assignee_agent_slug="python-reviewer", assignee_agent_name="Python reviewer", **overrides)


def plan_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(PLAN_ID),
        "deployment_id": str(DEPLOYMENT_ID),
        "created_by_instance_id": str(INSTANCE_ID),
        "goal": "Review pull request #42.",
        "constraints": {"max_minutes": 30},
        "state": {},
        "status": "ACTIVE",
        "spec_reference": None,
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
        **overrides,
    }


def agent_instance_json(**overrides: Any) -> dict[str, Any]:
    return {
        "id": str(INSTANCE_ID),
        "deployment_id": str(DEPLOYMENT_ID),
        "agent_definition_id": str(DEFINITION_ID),
        "routing_key": "reviewer.pr-42",
        "status": "active",
        "input": {"pull_request": 42},
        "output": None,
        "error": None,
        "exit_code": None,
        "metrics": {"tokens": 1530},
        "created_at": CREATED_AT,
        "started_at": UPDATED_AT,
        "completed_at": None,
        **overrides,
    }


# ---------------------------------------------------------------------------------------------------------
# Calling an endpoint through sync_detailed or asyncio_detailed
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Api:
    """Calls an endpoint module with this client, the sync or the async way."""

    client: AuthenticatedClient | Client
    mode: str

    async def __call__(self, endpoint: ModuleType, *args: Any, **kwargs: Any) -> Any:
        if self.mode == "sync":
            return endpoint.sync_detailed(*args, client=self.client, **kwargs)
        return await endpoint.asyncio_detailed(*args, client=self.client, **kwargs)


@asynccontextmanager
async def opened(client: AuthenticatedClient | Client, mode: str) -> AsyncIterator[Api]:
    """The client with its httpx client of the mode opened, and closed afterwards."""
    if mode == "sync":
        with client:
            yield Api(client, mode)
    else:
        async with client:
            yield Api(client, mode)


# Building an SSL context for every httpx client would dominate the run time; share one (no real connection).
SSL_CONTEXT = ssl.create_default_context()


def authenticated_client(**options: Any) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE_URL, token=TOKEN, verify_ssl=SSL_CONTEXT, **options)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def api(mode: str) -> AsyncIterator[Api]:
    async with opened(authenticated_client(), mode) as opened_api:
        yield opened_api


UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIMESTAMP_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
TYPED_TEXT = re.compile(f"{UUID_TEXT.pattern}$|{TIMESTAMP_TEXT.pattern}")


def assert_ids_and_timestamps_parsed(parsed: Any, answer: dict[str, Any]) -> None:
    """Every id of the answer (alone or in a list) is a uuid.UUID on the model, every timestamp an aware datetime."""
    for key, wire in answer.items():
        texts = wire if isinstance(wire, list) else [wire]
        typed = [text for text in texts if isinstance(text, str) and TYPED_TEXT.match(text)]
        if not typed:
            continue  # nothing to check (and `input`, for one, is the attribute `input_`)
        values = getattr(parsed, key) if isinstance(wire, list) else [getattr(parsed, key)]
        for value, text in zip(values, typed, strict=True):
            if UUID_TEXT.fullmatch(text):
                assert value == UUID(text), f"{key}: {value!r}"  # a str never equals a UUID
            else:
                assert isinstance(value, dt.datetime), f"{key}: {value!r}"
                assert value.tzinfo is not None, key
                assert value == dt.datetime.fromisoformat(text), key


def sent_json(request: httpx.Request) -> Any:
    assert request.headers["Content-Type"] == "application/json"
    return json.loads(request.content)


def sent_query(request: httpx.Request) -> dict[str, str]:
    items = request.url.params.multi_items()
    assert len(items) == len({name for name, _ in items}), f"repeated query parameter in {items}"
    return dict(items)


# ---------------------------------------------------------------------------------------------------------
# One row per operation: the request it must send and the answer it must understand
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    endpoint: ModuleType
    method: str
    path: str
    status: int  # the documented success status the mock answers with
    model: type | None  # what the answer parses to (each item for lists); None: no body (204)
    answer: Any = None  # JSON the mock answers with
    args: tuple[Any, ...] = ()  # path parameters
    kwargs: dict[str, Any] = field(default_factory=dict)  # body and query arguments
    query: dict[str, str] = field(default_factory=dict)  # the query string the request must carry
    body: Any = None  # the JSON the request must carry; None: no body

    @property
    def name(self) -> str:
        return self.endpoint.__name__.rsplit(".", 1)[1]


PAGE = {"limit": "100", "offset": "0"}  # sent even at their defaults, as the existing SDK does

CASES = [
    # -- agent-classes
    Case(
        list_agent_classes,
        "GET",
        "/api/v1/agent-classes",
        200,
        AgentClassRead,
        answer=[agent_class_json(), agent_class_json(name="doc-writer", description=None)],
        kwargs={"limit": 2, "offset": 40},
        query={"limit": "2", "offset": "40"},
    ),
    Case(
        get_agent_class,
        "GET",
        f"/api/v1/agent-classes/{AGENT_CLASS_ID}",
        200,
        AgentClassRead,
        answer=agent_class_json(),
        args=(AGENT_CLASS_ID,),
    ),
    Case(
        create_agent_class,
        "POST",
        "/api/v1/agent-classes",
        201,
        AgentClassRead,
        answer=agent_class_json(description=None),
        kwargs={"body": AgentClassCreate(name="code-reviewer")},
        body={"name": "code-reviewer"},  # unset fields are left out
    ),
    Case(
        update_agent_class,
        "PATCH",
        f"/api/v1/agent-classes/{AGENT_CLASS_ID}",
        200,
        AgentClassRead,
        answer=agent_class_json(description="Reviews pull requests and commits."),
        args=(AGENT_CLASS_ID,),
        kwargs={"body": AgentClassUpdate(description="Reviews pull requests and commits.")},
        body={"description": "Reviews pull requests and commits."},
    ),
    Case(
        delete_agent_class,
        "DELETE",
        f"/api/v1/agent-classes/{AGENT_CLASS_ID}",
        204,
        None,
        args=(AGENT_CLASS_ID,),
    ),
    # -- agent-definitions
    Case(
        list_agent_definitions,
        "GET",
        "/api/v1/agent-definitions",
        200,
        AgentDefinitionRead,
        answer=[agent_definition_json()],
        kwargs={"status": AgentDefinitionStatus.PUBLISHED},
        query={"status": "published", **PAGE},
    ),
    Case(
        get_agent_definition,
        "GET",
        f"/api/v1/agent-definitions/{DEFINITION_ID}",
        200,
        AgentDefinitionRead,
        answer=agent_definition_json(),
        args=(DEFINITION_ID,),
    ),
    Case(
        get_agent_definition_config,
        "GET",
        f"/api/v1/agent-definitions/{DEFINITION_ID}/config",
        200,
        AgentDefinitionConfig,
        answer=agent_definition_config_json(),
        args=(DEFINITION_ID,),
    ),
    Case(
        create_agent_definition,
        "POST",
        "/api/v1/agent-definitions",
        201,
        AgentDefinitionRead,
        answer=agent_definition_json(status="draft"),
        kwargs={
            "body": AgentDefinitionCreate(
                agent_class_id=AGENT_CLASS_ID,
                name="Python reviewer",
                model_provider_id=PROVIDER_ID,
                model_name="gpt-4",
                config=AgentDefinitionCreateConfig.from_dict({"temperature": 0.2, "max_tokens": 2048}),
                tool_ids=[TOOL_ID],
            )
        },
        body={
            "agent_class_id": str(AGENT_CLASS_ID),
            "name": "Python reviewer",
            "model_provider_id": str(PROVIDER_ID),
            "model_name": "gpt-4",
            "config": {"temperature": 0.2, "max_tokens": 2048},
            "tool_ids": [str(TOOL_ID)],
            # Fields with a scalar default in the spec are sent with it (the value the server applies).
            "execution_mode": "ephemeral",
            "allow_outbound_a2a": False,
        },
    ),
    Case(
        update_agent_definition,
        "PATCH",
        f"/api/v1/agent-definitions/{DEFINITION_ID}",
        200,
        AgentDefinitionRead,
        answer=agent_definition_json(status="deprecated", execution_mode="stateful"),
        args=(DEFINITION_ID,),
        kwargs={
            "body": AgentDefinitionUpdate(
                status=AgentDefinitionStatus.DEPRECATED, execution_mode=ExecutionMode.STATEFUL
            )
        },
        body={"status": "deprecated", "execution_mode": "stateful"},
    ),
    Case(
        delete_agent_definition,
        "DELETE",
        f"/api/v1/agent-definitions/{DEFINITION_ID}",
        204,
        None,
        args=(DEFINITION_ID,),
    ),
    Case(
        add_tools_to_definition,
        "POST",
        f"/api/v1/agent-definitions/{DEFINITION_ID}/tools",
        200,
        AgentDefinitionRead,
        answer=agent_definition_json(),
        args=(DEFINITION_ID,),
        kwargs={"body": AgentDefinitionToolsAdd(tool_ids=[TOOL_ID, OTHER_TOOL_ID])},
        body={"tool_ids": [str(TOOL_ID), str(OTHER_TOOL_ID)]},
    ),
    # -- model-providers
    Case(
        list_model_providers,
        "GET",
        "/api/v1/model-providers",
        200,
        ModelProviderRead,
        answer=[model_provider_json(), model_provider_json(name="anthropic", api_base_url=None)],
        query=PAGE,
    ),
    Case(
        get_model_provider,
        "GET",
        f"/api/v1/model-providers/{PROVIDER_ID}",
        200,
        ModelProviderRead,
        answer=model_provider_json(),
        args=(PROVIDER_ID,),
    ),
    Case(
        create_model_provider,
        "POST",
        "/api/v1/model-providers",
        201,
        ModelProviderRead,
        answer=model_provider_json(),
        kwargs={
            "body": ModelProviderCreate(
                name="openai",
                api_base_url="https://api.openai.com/v1",
                config=ModelProviderCreateConfig.from_dict({"default_model": "gpt-4"}),
            )
        },
        body={
            "name": "openai",
            "api_base_url": "https://api.openai.com/v1",
            "config": {"default_model": "gpt-4"},
        },
    ),
    Case(
        update_model_provider,
        "PATCH",
        f"/api/v1/model-providers/{PROVIDER_ID}",
        200,
        ModelProviderRead,
        answer=model_provider_json(api_base_url=None),
        args=(PROVIDER_ID,),
        kwargs={"body": ModelProviderUpdate(api_base_url=None)},
        body={"api_base_url": None},  # an explicit None is sent as null (PATCH: clear the field)
    ),
    Case(
        delete_model_provider,
        "DELETE",
        f"/api/v1/model-providers/{PROVIDER_ID}",
        204,
        None,
        args=(PROVIDER_ID,),
    ),
    Case(
        verify_model_provider,
        "POST",
        f"/api/v1/model-providers/{PROVIDER_ID}/verify",
        200,
        ModelProviderVerification,
        answer={"status": "ok", "provider_id": str(PROVIDER_ID), "details": {"latency_ms": 182}},
        args=(PROVIDER_ID,),
    ),
    Case(
        list_provider_models,
        "GET",
        f"/api/v1/model-providers/{PROVIDER_ID}/models",
        200,
        ProviderModel,
        answer=[{"id": "gpt-4", "name": "GPT-4", "context_window": 8192}, {"id": "gpt-4o-mini"}],
        args=(PROVIDER_ID,),
    ),
    # -- system-prompts
    Case(
        list_system_prompts,
        "GET",
        "/api/v1/system-prompts",
        200,
        SystemPromptRead,
        answer=[system_prompt_json()],
        kwargs={"agent_class_id": AGENT_CLASS_ID, "status": SystemPromptStatus.DRAFT, "offset": 100},
        query={"agent_class_id": str(AGENT_CLASS_ID), "status": "draft", "limit": "100", "offset": "100"},
    ),
    Case(
        get_system_prompt,
        "GET",
        f"/api/v1/system-prompts/{PROMPT_ID}",
        200,
        SystemPromptRead,
        answer=system_prompt_json(),
        args=(PROMPT_ID,),
    ),
    Case(
        create_system_prompt,
        "POST",
        "/api/v1/system-prompts",
        201,
        SystemPromptRead,
        answer=system_prompt_json(),
        kwargs={
            "body": SystemPromptCreate(
                name="reviewer-v2",
                content="You review Python code for correctness and style.",
                agent_class_id=AGENT_CLASS_ID,
            )
        },
        body={
            "name": "reviewer-v2",
            "content": "You review Python code for correctness and style.",
            "agent_class_id": str(AGENT_CLASS_ID),
            "status": "draft",
            "content_storage_type": "inline",
        },
    ),
    Case(
        update_system_prompt,
        "PATCH",
        f"/api/v1/system-prompts/{PROMPT_ID}",
        200,
        SystemPromptRead,
        answer=system_prompt_json(status="published", content_storage_type="s3"),
        args=(PROMPT_ID,),
        kwargs={
            "body": SystemPromptUpdate(
                status=SystemPromptStatus.PUBLISHED, content_storage_type=SystemPromptStorageType.S3
            )
        },
        body={"status": "published", "content_storage_type": "s3"},
    ),
    Case(
        delete_system_prompt,
        "DELETE",
        f"/api/v1/system-prompts/{PROMPT_ID}",
        204,
        None,
        args=(PROMPT_ID,),
    ),
    # -- tools (the collection path has no trailing slash)
    Case(
        list_tools,
        "GET",
        "/api/v1/tools",
        200,
        ToolRead,
        answer=[tool_json(), tool_json(id=str(OTHER_TOOL_ID), name="write_file", risk_level="high")],
        kwargs={"limit": 1000},
        query={"limit": "1000", "offset": "0"},
    ),
    Case(get_tool, "GET", f"/api/v1/tools/{TOOL_ID}", 200, ToolRead, answer=tool_json(), args=(TOOL_ID,)),
    Case(
        create_tool,
        "POST",
        "/api/v1/tools",
        201,
        ToolRead,
        answer=tool_json(),
        kwargs={
            "body": ToolCreate(
                name="read_file",
                json_schema=ToolCreateJsonSchema.from_dict({"type": "object", "required": ["path"]}),
            )
        },
        body={
            "name": "read_file",
            "json_schema": {"type": "object", "required": ["path"]},
            "risk_level": "low",
        },
    ),
    Case(
        update_tool,
        "PATCH",
        f"/api/v1/tools/{TOOL_ID}",
        200,
        ToolRead,
        answer=tool_json(risk_level="medium", safety_policy="Only inside the workspace."),
        args=(TOOL_ID,),
        kwargs={"body": ToolUpdate(risk_level=ToolRiskLevel.MEDIUM, safety_policy="Only inside the workspace.")},
        body={"risk_level": "medium", "safety_policy": "Only inside the workspace."},
    ),
    Case(delete_tool, "DELETE", f"/api/v1/tools/{TOOL_ID}", 204, None, args=(TOOL_ID,)),
    Case(
        sync_tools,
        "POST",
        "/api/v1/tools/sync",
        200,
        ToolRead,
        answer=[tool_json()],
        kwargs={
            "body": ToolSyncRequest(
                tools=[ToolCreate(name="read_file", json_schema=ToolCreateJsonSchema.from_dict({}))]
            )
        },
        body={"tools": [{"name": "read_file", "json_schema": {}, "risk_level": "low"}]},
    ),
    Case(
        discover_tools,
        "POST",
        "/api/v1/tools/discover",
        200,
        ToolRead,
        answer=[tool_json(), tool_json(id=str(OTHER_TOOL_ID), name="list_dir")],
        kwargs={"body": ToolDiscoverRequest(source="mcp://tools.internal:8080")},
        body={"source": "mcp://tools.internal:8080"},
    ),
    # -- deployments
    Case(
        list_deployments,
        "GET",
        "/api/v1/deployments",
        200,
        DeploymentRead,
        answer=[deployment_json()],
        kwargs={"environment": "staging"},
        query={"environment": "staging", "active_only": "false", **PAGE},  # active_only is always sent
    ),
    Case(
        get_deployment,
        "GET",
        f"/api/v1/deployments/{DEPLOYMENT_ID}",
        200,
        DeploymentRead,
        answer=deployment_json(),
        args=(DEPLOYMENT_ID,),
    ),
    Case(
        create_deployment,
        "POST",
        "/api/v1/deployments",
        201,
        DeploymentRead,
        answer=deployment_json(status="spawning"),
        kwargs={"body": DeploymentCreate(agent_definition_id=DEFINITION_ID, name="reviewer-staging")},
        body={
            "agent_definition_id": str(DEFINITION_ID),
            "name": "reviewer-staging",
            "environment": "production",
        },
    ),
    Case(
        update_deployment,
        "PATCH",
        f"/api/v1/deployments/{DEPLOYMENT_ID}",
        200,
        DeploymentRead,
        answer=deployment_json(status="completed"),
        args=(DEPLOYMENT_ID,),
        kwargs={"body": DeploymentUpdate(status=DeploymentStatus.COMPLETED)},
        body={"status": "completed"},
    ),
    Case(
        delete_deployment,
        "DELETE",
        f"/api/v1/deployments/{DEPLOYMENT_ID}",
        204,
        None,
        args=(DEPLOYMENT_ID,),
    ),
    # -- grasp-analyses (no update, no delete)
    Case(
        list_grasp_analyses,
        "GET",
        f"/api/v1/deployments/{DEPLOYMENT_ID}/grasp-analyses",
        200,
        GraspAnalysisSummary,
        answer=[grasp_summary_json()],
        args=(DEPLOYMENT_ID,),
        kwargs={"status": GraspAnalysisStatus.IN_PROGRESS},
        query={"status": "in_progress"},  # not paginated: no limit/offset
    ),
    Case(
        query_grasp_analyses,
        "GET",
        "/api/v1/grasp-analyses",
        200,
        GraspAnalysisSummary,
        answer=[grasp_summary_json(status="completed", governance_value=72)],
        kwargs={"deployment_id": DEPLOYMENT_ID, "status": GraspAnalysisStatus.COMPLETED},
        query={"deployment_id": str(DEPLOYMENT_ID), "status": "completed", **PAGE},
    ),
    Case(
        get_grasp_analysis,
        "GET",
        f"/api/v1/grasp-analyses/{ANALYSIS_ID}",
        200,
        GraspAnalysisRead,
        answer=grasp_analysis_json(),
        args=(ANALYSIS_ID,),
    ),
    Case(
        create_grasp_analysis,
        "POST",
        f"/api/v1/deployments/{DEPLOYMENT_ID}/grasp-analyses",
        201,
        GraspAnalysisRead,
        answer=grasp_analysis_json(status="pending", completed_at=None),
        args=(DEPLOYMENT_ID,),
        kwargs={
            "body": GraspAnalysisCreate(
                analysis_context=GraspAnalysisCreateAnalysisContext.from_dict({"reason": "pre-production review"})
            )
        },
        body={"analysis_context": {"reason": "pre-production review"}},
    ),
    # -- plans (no delete)
    Case(
        list_plans,
        "GET",
        f"/api/v1/deployments/{DEPLOYMENT_ID}/plans",
        200,
        PlanRead,
        answer=[plan_json(), plan_json(status="COMPLETED")],
        args=(DEPLOYMENT_ID,),
        kwargs={"status": PlanStatus.ACTIVE},
        query={"status": "ACTIVE", **PAGE},
    ),
    Case(
        get_plan,
        "GET",
        f"/api/v1/plans/{PLAN_ID}",
        200,
        PlanReadWithTasks,
        answer=plan_json(tasks=[task_json(), task_json(id=str(NEXT_TASK_ID), sequence=1, status="PENDING")]),
        args=(PLAN_ID,),
    ),
    Case(
        create_plan,
        "POST",
        f"/api/v1/deployments/{DEPLOYMENT_ID}/plans",
        201,
        PlanCreateResponse,
        answer=plan_json(status="DRAFT", task_ids=[str(TASK_ID)]),
        args=(DEPLOYMENT_ID,),
        kwargs={
            "body": PlanCreate(
                goal="Review pull request #42.",
                tasks=[PlanTaskCreate(description="Run the test suite.", validation="All tests pass.")],
            )
        },
        body={
            "goal": "Review pull request #42.",
            "tasks": [{"description": "Run the test suite.", "validation": "All tests pass.", "sequence": 0}],
        },
    ),
    Case(
        update_plan,
        "PATCH",
        f"/api/v1/plans/{PLAN_ID}",
        200,
        PlanRead,
        answer=plan_json(status="CANCELLED"),
        args=(PLAN_ID,),
        kwargs={"body": PlanUpdate(status=PlanStatus.CANCELLED)},
        body={"status": "CANCELLED"},
    ),
    Case(
        append_tasks,
        "POST",
        f"/api/v1/plans/{PLAN_ID}/tasks",
        201,
        TasksAppendResponse,
        answer={"task_ids": [str(NEXT_TASK_ID)]},
        args=(PLAN_ID,),
        kwargs={
            "body": TasksAppend(
                tasks=[
                    PlanTaskCreate(
                        description="Post the review.",
                        validation="A review comment exists.",
                        sequence=1,
                        assignee_agent_definition_id=DEFINITION_ID,
                    )
                ]
            )
        },
        body={
            "tasks": [
                {
                    "description": "Post the review.",
                    "validation": "A review comment exists.",
                    "sequence": 1,
                    "assignee_agent_definition_id": str(DEFINITION_ID),
                }
            ]
        },
    ),
    # -- tasks (no create of their own, no delete)
    Case(
        list_tasks,
        "GET",
        f"/api/v1/plans/{PLAN_ID}/tasks",
        200,
        PlanTaskRead,
        answer=[task_json()],
        args=(PLAN_ID,),
        kwargs={"status": PlanTaskStatus.IN_PROGRESS},
        query={"status": "IN_PROGRESS", **PAGE},
    ),
    Case(
        get_task,
        "GET",
        f"/api/v1/tasks/{TASK_ID}",
        200,
        PlanTaskReadEnriched,
        answer=enriched_task_json(),
        args=(TASK_ID,),
        query={"enrich": "true"},  # always sent, as the existing SDK does
    ),
    Case(
        update_task,
        "PATCH",
        f"/api/v1/tasks/{TASK_ID}",
        200,
        PlanTaskRead,
        answer=task_json(status="COMPLETED", result="42 passed"),
        args=(TASK_ID,),
        kwargs={"body": PlanTaskUpdate(status=PlanTaskStatus.COMPLETED, result="42 passed")},
        body={"status": "COMPLETED", "result": "42 passed"},
    ),
    # -- agent-instances (read only)
    Case(
        list_agent_instances,
        "GET",
        "/api/v1/instances",
        200,
        AgentInstanceRead,
        answer=[agent_instance_json()],
        kwargs={"deployment_id": DEPLOYMENT_ID, "status": AgentInstanceStatus.ACTIVE},
        query={"deployment_id": str(DEPLOYMENT_ID), "status": "active", **PAGE},
    ),
    Case(
        get_agent_instance,
        "GET",
        f"/api/v1/instances/{INSTANCE_ID}",
        200,
        AgentInstanceRead,
        answer=agent_instance_json(status="failed", error="OOM killed", exit_code=137),
        args=(INSTANCE_ID,),
    ),
    # -- system
    Case(health, "GET", "/api/v1/health", 200, HealthStatus, answer={"status": "healthy", "version": "1.4.2"}),
    Case(
        metrics,
        "GET",
        "/api/v1/metrics",
        200,
        Metrics,
        answer={"agent_classes_count": 3, "agent_definitions_count": 12, "deployments_count": 4},
    ),
    Case(
        logs,
        "GET",
        "/api/v1/logs",
        200,
        LogEntry,
        answer=[{"timestamp": UPDATED_AT, "level": "error", "message": "Task failed.", "deployment_id": None}],
        kwargs={"level": "error", "limit": 20},
        query={"level": "error", "limit": "20"},  # no offset
    ),
]

CREATE_CASES = [case for case in CASES if case.status == 201]


def test_the_table_covers_every_generated_operation() -> None:
    assert len({case.name for case in CASES}) == len(CASES) == 53
    assert len(CREATE_CASES) == 9


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_request_on_the_wire_and_answer_parsed(api: Api, httpx_mock: HTTPXMock, case: Case) -> None:
    httpx_mock.add_response(status_code=case.status, json=case.answer)

    response = await api(case.endpoint, *case.args, x_request_id=REQUEST_ID, **case.kwargs)

    request = httpx_mock.get_request()
    assert request is not None
    assert request.method == case.method
    assert str(request.url.copy_with(query=None)) == BASE_URL + case.path
    assert sent_query(request) == case.query
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["X-Request-ID"] == REQUEST_ID
    if case.body is None:
        assert request.content == b""
    else:
        assert sent_json(request) == case.body

    assert response.status_code == case.status
    if case.model is None:
        assert response.parsed is None
        return
    items = response.parsed if isinstance(case.answer, list) else [response.parsed]
    answers = case.answer if isinstance(case.answer, list) else [case.answer]
    assert all(isinstance(item, case.model) for item in items), items
    for item, answer in zip(items, answers, strict=True):
        assert_ids_and_timestamps_parsed(item, answer)
    # Nothing the server sent is lost: the parsed models give back exactly the JSON they came from.
    assert [item.to_dict() for item in items] == answers


# ---------------------------------------------------------------------------------------------------------
# Request details
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CREATE_CASES, ids=lambda case: case.name)
async def test_creates_send_the_idempotency_key(api: Api, httpx_mock: HTTPXMock, case: Case) -> None:
    httpx_mock.add_response(status_code=201, json=case.answer)

    await api(case.endpoint, *case.args, idempotency_key=IDEMPOTENCY_KEY, **case.kwargs)

    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["Idempotency-Key"] == IDEMPOTENCY_KEY


async def test_optional_headers_are_left_out_unless_passed(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=201, json=agent_class_json())

    await api(create_agent_class, body=AgentClassCreate(name="code-reviewer"))

    request = httpx_mock.get_request()
    assert request is not None
    assert "X-Request-ID" not in request.headers
    assert "Idempotency-Key" not in request.headers
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    ("update", "expected_body"),
    [
        (AgentClassUpdate(), {}),
        (AgentClassUpdate(name="code-reviewer-v2"), {"name": "code-reviewer-v2"}),
        (AgentClassUpdate(description=None), {"description": None}),
        (
            AgentClassUpdate(name="code-reviewer-v2", description=""),
            {"name": "code-reviewer-v2", "description": ""},
        ),
    ],
    ids=["nothing-set", "name-only", "explicit-null", "both"],
)
async def test_updates_send_only_the_fields_set(
    api: Api, httpx_mock: HTTPXMock, update: AgentClassUpdate, expected_body: dict[str, Any]
) -> None:
    httpx_mock.add_response(json=agent_class_json())

    await api(update_agent_class, AGENT_CLASS_ID, body=update)

    request = httpx_mock.get_request()
    assert request is not None
    assert sent_json(request) == expected_body


async def test_health_needs_no_token(mode: str, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json={"status": "healthy", "database": "ok"})

    async with opened(Client(base_url=BASE_URL, verify_ssl=SSL_CONTEXT), mode) as anonymous:
        response = await anonymous(health)

    request = httpx_mock.get_request()
    assert request is not None
    assert "Authorization" not in request.headers
    assert isinstance(response.parsed, HealthStatus)
    assert response.parsed.status == "healthy"
    assert response.parsed.additional_properties == {"database": "ok"}


# ---------------------------------------------------------------------------------------------------------
# Answers: types, enums, forward compatibility, headers, errors
# ---------------------------------------------------------------------------------------------------------


async def test_uuids_and_datetimes_are_parsed(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        json=deployment_json(created_at="2025-03-14T09:26:53Z", updated_at="2025-03-14T15:00:00.250+05:30")
    )

    deployment = (await api(get_deployment, DEPLOYMENT_ID)).parsed

    assert isinstance(deployment, DeploymentRead)
    assert deployment.id == DEPLOYMENT_ID
    assert isinstance(deployment.agent_definition_id, UUID)
    assert deployment.agent_definition_id == DEFINITION_ID
    assert deployment.created_at == dt.datetime(2025, 3, 14, 9, 26, 53, tzinfo=dt.UTC)
    assert deployment.created_at.utcoffset() == dt.timedelta(0)
    assert deployment.updated_at.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert deployment.updated_at == dt.datetime(2025, 3, 14, 9, 30, 0, 250000, tzinfo=dt.UTC)
    assert deployment.blueprint_id is None


@pytest.mark.parametrize(
    ("endpoint", "args", "answer", "attribute", "expected"),
    [
        (get_plan, (PLAN_ID,), plan_json(status="ACTIVE"), "status", PlanStatus.ACTIVE),
        (
            get_agent_definition,
            (DEFINITION_ID,),
            agent_definition_json(status="published"),
            "status",
            AgentDefinitionStatus.PUBLISHED,
        ),
        (
            get_agent_definition,
            (DEFINITION_ID,),
            agent_definition_json(execution_mode="stateful"),
            "execution_mode",
            ExecutionMode.STATEFUL,
        ),
        (get_task, (TASK_ID,), enriched_task_json(status="SKIPPED"), "status", PlanTaskStatus.SKIPPED),
        (
            get_deployment,
            (DEPLOYMENT_ID,),
            deployment_json(status="spawning"),
            "status",
            DeploymentStatus.SPAWNING,
        ),
        (
            get_agent_instance,
            (INSTANCE_ID,),
            agent_instance_json(status="cancelled"),
            "status",
            AgentInstanceStatus.CANCELLED,
        ),
        (
            get_system_prompt,
            (PROMPT_ID,),
            system_prompt_json(content_storage_type="s3"),
            "content_storage_type",
            SystemPromptStorageType.S3,
        ),
        (
            get_grasp_analysis,
            (ANALYSIS_ID,),
            grasp_analysis_json(status="failed"),
            "status",
            GraspAnalysisStatus.FAILED,
        ),
    ],
    ids=["plan", "definition-status", "execution-mode", "task", "deployment", "instance", "storage", "grasp"],
)
async def test_enum_values_parse_to_the_generated_enums(
    api: Api,
    httpx_mock: HTTPXMock,
    endpoint: ModuleType,
    args: tuple[Any, ...],
    answer: dict[str, Any],
    attribute: str,
    expected: Any,
) -> None:
    httpx_mock.add_response(json=answer)

    value = getattr((await api(endpoint, *args)).parsed, attribute)

    assert type(value) is type(expected)
    assert value is expected


@pytest.mark.parametrize(
    ("endpoint", "args", "answer", "attribute", "known"),
    [
        (
            list_plans,
            (DEPLOYMENT_ID,),
            [plan_json(status="PAUSED"), plan_json(status="ACTIVE")],
            "status",
            PlanStatus.ACTIVE,
        ),
        (
            list_tasks,
            (PLAN_ID,),
            [task_json(status="BLOCKED"), task_json(status="PENDING")],
            "status",
            PlanTaskStatus.PENDING,
        ),
        (
            list_agent_definitions,
            (),
            [agent_definition_json(status="archived"), agent_definition_json(status="draft")],
            "status",
            AgentDefinitionStatus.DRAFT,
        ),
        (
            list_deployments,
            (),
            [deployment_json(status="draining"), deployment_json(status="failed")],
            "status",
            DeploymentStatus.FAILED,
        ),
        (
            list_agent_definitions,
            (),
            [
                agent_definition_json(execution_mode="streaming"),
                agent_definition_json(execution_mode="ephemeral"),
            ],
            "execution_mode",
            ExecutionMode.EPHEMERAL,
        ),
    ],
    ids=["plan-status", "task-status", "definition-status", "deployment-status", "execution-mode"],
)
async def test_an_unknown_enum_value_is_kept_as_a_plain_string(
    api: Api,
    httpx_mock: HTTPXMock,
    endpoint: ModuleType,
    args: tuple[Any, ...],
    answer: list[dict[str, Any]],
    attribute: str,
    known: Any,
) -> None:
    httpx_mock.add_response(json=answer)

    response = await api(endpoint, *args)

    unknown_value, known_value = (getattr(item, attribute) for item in response.parsed)
    assert type(unknown_value) is str  # a newer server's value: no crash, and not mistaken for a member
    assert unknown_value == answer[0][attribute]
    assert known_value is known  # the rest of the page parses as usual


async def test_unknown_fields_are_kept_in_additional_properties(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=agent_class_json(owner_team="platform", labels={"tier": "gold"}, archived_at=None))

    agent_class = (await api(get_agent_class, AGENT_CLASS_ID)).parsed

    assert isinstance(agent_class, AgentClassRead)
    assert agent_class.name == "code-reviewer"
    assert agent_class.additional_properties == {
        "owner_team": "platform",
        "labels": {"tier": "gold"},
        "archived_at": None,
    }
    assert agent_class["labels"] == {"tier": "gold"}


async def test_nested_unknown_fields_are_kept_too(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=plan_json(tasks=[task_json(retries=2)], owner="ops"))

    plan = (await api(get_plan, PLAN_ID)).parsed

    assert isinstance(plan, PlanReadWithTasks)
    assert plan.additional_properties == {"owner": "ops"}
    assert isinstance(plan.tasks, list)
    assert plan.tasks[0].additional_properties == {"retries": 2}


async def test_total_count_is_readable_from_the_response_headers(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        json=[agent_definition_json(), agent_definition_json(id="1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6e")],
        headers={"X-Total-Count": "237", "X-Request-ID": REQUEST_ID},
    )

    response = await api(list_agent_definitions, limit=2, offset=10)

    assert len(response.parsed) == 2
    assert int(response.headers["X-Total-Count"]) == 237
    assert response.headers["x-total-count"] == "237"  # header names are case-insensitive
    assert response.headers["X-Request-ID"] == REQUEST_ID


@pytest.mark.parametrize(
    ("endpoint", "args", "kwargs"),
    [
        (get_agent_class, (AGENT_CLASS_ID,), {}),
        (get_plan, (PLAN_ID,), {}),
        (update_deployment, (DEPLOYMENT_ID,), {"body": DeploymentUpdate(name="renamed")}),
        (delete_tool, (TOOL_ID,), {}),
    ],
    ids=["get", "get-plan", "update", "delete"],
)
async def test_a_documented_404_parses_to_http_error(
    api: Api, httpx_mock: HTTPXMock, endpoint: ModuleType, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    httpx_mock.add_response(status_code=404, json={"detail": "Not found"})

    response = await api(endpoint, *args, **kwargs)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert isinstance(response.parsed, HTTPError)
    assert response.parsed.detail == "Not found"


async def test_a_422_parses_to_http_validation_error(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        status_code=422,
        json={
            "detail": [
                {
                    "loc": ["body", "name"],
                    "msg": "String should have at least 1 character",
                    "type": "string_too_short",
                }
            ]
        },
    )

    response = await api(create_agent_class, body=AgentClassCreate(name=""))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert isinstance(response.parsed, HTTPValidationError)
    [problem] = response.parsed.detail
    assert problem.loc == ["body", "name"]
    assert problem.type_ == "string_too_short"


async def test_a_429_parses_to_http_error_with_retry_after_readable(api: Api, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=429, json={"detail": "Too many requests"}, headers={"Retry-After": "7"})

    response = await api(list_tools)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert isinstance(response.parsed, HTTPError)
    assert response.headers["Retry-After"] == "7"


async def test_an_undocumented_status_raises_only_when_asked(mode: str, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=418, text="I'm a teapot", is_reusable=True)

    async with opened(authenticated_client(), mode) as lenient:
        assert (await lenient(get_tool, TOOL_ID)).parsed is None
    strict_client = authenticated_client(raise_on_unexpected_status=True)
    async with opened(strict_client, mode) as strict:
        with pytest.raises(UnexpectedStatus) as raised:
            await strict(get_tool, TOOL_ID)
    assert raised.value.status_code == 418

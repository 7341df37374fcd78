"""One handler per operationId of the contract, over the in-memory `State`.

A handler gets a validated `Call` (path, query and body already checked against openapi.yaml and coerced) and
returns a `Reply`, or raises `ApiError` (404/409) or `MissingReference` (the body names a resource that does
not exist).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ._spec import Operation
from ._state import TERMINAL_PLAN, TERMINAL_TASK, PlanRun, Row, Run, State, Table, dumps, fraction, slugify

SEED_NAMESPACE = uuid.UUID("5d3f4c2e-8b1a-4f6e-9c7d-2a1b0e9f8d7c")


@dataclass(slots=True)
class Call:
    """A request that passed validation."""

    operation: Operation
    path: dict[str, Any]
    query: dict[str, Any]
    body: Any
    now: float


@dataclass(slots=True)
class Reply:
    """What a handler answers: a JSON payload (or bytes already serialised) and, for lists, the total."""

    status: int
    payload: Any = None
    raw: bytes | None = None
    total: int | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return b"" if self.payload is None else dumps(self.payload)


class ApiError(Exception):
    """An error answered as `{"detail": "..."}`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


Handler = Callable[[State, Call], Reply]
HANDLERS: dict[str, Handler] = {}


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        HANDLERS[operation_id] = function
        return function

    return register


# ---- helpers -----------------------------------------------------------------------------------------------

LABELS = {
    "agent_classes": "Agent class",
    "agent_definitions": "Agent definition",
    "model_providers": "Model provider",
    "system_prompts": "System prompt",
    "tools": "Tool",
    "deployments": "Deployment",
    "grasp_analyses": "GRASP analysis",
    "plans": "Plan",
    "tasks": "Task",
    "agent_instances": "Agent instance",
}

# Body fields that name another resource: a create or update naming one that does not exist gets 409.
REFERENCES = {
    "agent_class_id": "agent_classes",
    "system_prompt_id": "system_prompts",
    "model_provider_id": "model_providers",
    "agent_definition_id": "agent_definitions",
    "assignee_agent_definition_id": "agent_definitions",
    "tool_ids": "tools",
}


def require(state: State, table: str, row_id: str) -> Row:
    row = state.tables[table].get(row_id)
    if row is None:
        raise ApiError(404, f"{LABELS[table]} {row_id} not found")
    return row


class MissingReference(Exception):
    """The body names resources that do not exist: 409 (404 where the operation documents no 409)."""

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__("; ".join(missing))
        self.message = "; ".join(missing)


def missing_references(state: State, body: dict[str, Any], where: str = "") -> list[str]:
    """What the body's references name that does not exist (ids are put in canonical lower case)."""
    missing: list[str] = []
    for name, table_name in REFERENCES.items():
        value = body.get(name)
        if value is None:
            continue
        table = state.tables[table_name]
        refs = [ref.lower() for ref in value] if isinstance(value, list) else [value.lower()]
        body[name] = refs if isinstance(value, list) else refs[0]
        for ref in refs:
            if table.get(ref) is None:
                missing.append(f"{LABELS[table_name]} {ref} does not exist ({where}{name})")
    return missing


def check_references(state: State, body: dict[str, Any]) -> None:
    missing = missing_references(state, body)
    if missing:
        raise MissingReference(missing)


def page(
    call: Call, rows: Sequence[Row], table: Table | None = None, render: Callable[[Row], Row] | None = None
) -> Reply:
    """One page of a list: `limit` rows from `offset`, with the total."""
    offset = call.query.get("offset") or 0
    limit = call.query.get("limit")
    window = rows[offset : offset + limit] if limit is not None else rows[offset:]
    if table is not None and render is None:
        return Reply(200, raw=b"[" + b",".join(table.json(row) for row in window) + b"]", total=len(rows))
    return Reply(200, payload=[render(row) if render else row for row in window], total=len(rows))


def touch(state: State, table: str, row: Row, now: float) -> None:
    row["updated_at"] = max(row["updated_at"], state.stamp(now))
    state.tables[table].changed(row["id"])


def new_row(state: State, call: Call, create_schema: str, read_schema: str, **server: Any) -> Row:
    stamp = state.stamp(call.now)
    values = {**state.with_defaults(create_schema, call.body), "id": state.new_id(), "created_at": stamp}
    values.setdefault("updated_at", stamp)
    values.update(server)
    return state.build(read_schema, values)


def created(state: State, table: str, row: Row) -> Reply:
    state.tables[table].insert(row)
    return Reply(201, raw=state.tables[table].json(row))


def one(state: State, table: str, row: Row) -> Reply:
    return Reply(200, raw=state.tables[table].json(row))


# ---- agent classes -----------------------------------------------------------------------------------------


@handles("list_agent_classes")
def list_agent_classes(state: State, call: Call) -> Reply:
    table = state.tables["agent_classes"]
    return page(call, table.ordered(), table)


@handles("create_agent_class")
def create_agent_class(state: State, call: Call) -> Reply:
    name = call.body["name"]
    if name in state.class_names:
        raise ApiError(409, f"An agent class named {name!r} already exists")
    row = new_row(state, call, "AgentClassCreate", "AgentClassRead")
    state.class_names[name] = row["id"]
    return created(state, "agent_classes", row)


@handles("get_agent_class")
def get_agent_class(state: State, call: Call) -> Reply:
    return one(state, "agent_classes", require(state, "agent_classes", call.path["agent_class_id"]))


@handles("update_agent_class")
def update_agent_class(state: State, call: Call) -> Reply:
    row = require(state, "agent_classes", call.path["agent_class_id"])
    new_name = call.body.get("name")
    if new_name is not None and new_name != row["name"]:
        if new_name in state.class_names:
            raise ApiError(409, f"An agent class named {new_name!r} already exists")
        del state.class_names[row["name"]]
        state.class_names[new_name] = row["id"]
    state.patch(row, call.body, "AgentClassRead")
    touch(state, "agent_classes", row, call.now)
    return one(state, "agent_classes", row)


@handles("delete_agent_class")
def delete_agent_class(state: State, call: Call) -> Reply:
    row = require(state, "agent_classes", call.path["agent_class_id"])
    definitions = state.definitions_using("agent_class_id", row["id"])
    prompts = sum(1 for p in state.tables["system_prompts"].rows.values() if p["agent_class_id"] == row["id"])
    if definitions or prompts:
        raise ApiError(
            409,
            f"Agent class {row['id']} is still used by {definitions} agent definition(s) "
            f"and {prompts} system prompt(s)",
        )
    state.tables["agent_classes"].remove(row["id"])
    state.class_names.pop(row["name"], None)
    return Reply(204)


# ---- agent definitions -------------------------------------------------------------------------------------


def _definition_slug(name: str, row_id: str) -> str:
    return slugify(name) or f"agent-{row_id[:8]}"


@handles("list_agent_definitions")
def list_agent_definitions(state: State, call: Call) -> Reply:
    table = state.tables["agent_definitions"]
    status = call.query.get("status")
    rows = table.ordered() if status is None else table.select(("status", status), lambda r: r["status"] == status)
    return page(call, rows, table)


@handles("create_agent_definition")
def create_agent_definition(state: State, call: Call) -> Reply:
    check_references(state, call.body)
    row = new_row(state, call, "AgentDefinitionCreate", "AgentDefinitionRead", status="draft")
    row["slug"] = _definition_slug(row["name"], row["id"])
    state.definition_tools[row["id"]] = list(dict.fromkeys(call.body.get("tool_ids", [])))
    return created(state, "agent_definitions", row)


@handles("get_agent_definition")
def get_agent_definition(state: State, call: Call) -> Reply:
    return one(state, "agent_definitions", require(state, "agent_definitions", call.path["definition_id"]))


@handles("update_agent_definition")
def update_agent_definition(state: State, call: Call) -> Reply:
    row = require(state, "agent_definitions", call.path["definition_id"])
    check_references(state, call.body)
    if "name" in state.patch(row, call.body, "AgentDefinitionRead"):
        row["slug"] = _definition_slug(row["name"], row["id"])
    touch(state, "agent_definitions", row, call.now)
    return one(state, "agent_definitions", row)


@handles("delete_agent_definition")
def delete_agent_definition(state: State, call: Call) -> Reply:
    row = require(state, "agent_definitions", call.path["definition_id"])
    users = [d for d in state.tables["deployments"].rows.values() if d["agent_definition_id"] == row["id"]]
    if users:
        raise ApiError(409, f"Agent definition {row['id']} is still deployed by {len(users)} deployment(s)")
    state.tables["agent_definitions"].remove(row["id"])
    state.definition_tools.pop(row["id"], None)
    return Reply(204)


@handles("get_agent_definition_config")
def get_agent_definition_config(state: State, call: Call) -> Reply:
    row = require(state, "agent_definitions", call.path["definition_id"])
    prompt = state.tables["system_prompts"].get(row["system_prompt_id"] or "")
    tools = state.tables["tools"]
    values = {
        **row,
        "system_prompt": prompt["content"] if prompt else None,
        "structured_output_schema": None,
        "tools": [
            tools.rows[tool_id] for tool_id in state.definition_tools.get(row["id"], []) if tool_id in tools.rows
        ],
    }
    return Reply(200, payload=state.build("AgentDefinitionConfig", values))


@handles("add_tools_to_definition")
def add_tools_to_definition(state: State, call: Call) -> Reply:
    row = require(state, "agent_definitions", call.path["definition_id"])
    check_references(state, call.body)
    attached = state.definition_tools.setdefault(row["id"], [])
    attached.extend(tool_id for tool_id in dict.fromkeys(call.body["tool_ids"]) if tool_id not in attached)
    touch(state, "agent_definitions", row, call.now)
    return one(state, "agent_definitions", row)


# ---- model providers ---------------------------------------------------------------------------------------


@handles("list_model_providers")
def list_model_providers(state: State, call: Call) -> Reply:
    table = state.tables["model_providers"]
    return page(call, table.ordered(), table)


@handles("create_model_provider")
def create_model_provider(state: State, call: Call) -> Reply:
    return created(state, "model_providers", new_row(state, call, "ModelProviderCreate", "ModelProviderRead"))


@handles("get_model_provider")
def get_model_provider(state: State, call: Call) -> Reply:
    return one(state, "model_providers", require(state, "model_providers", call.path["provider_id"]))


@handles("update_model_provider")
def update_model_provider(state: State, call: Call) -> Reply:
    row = require(state, "model_providers", call.path["provider_id"])
    state.patch(row, call.body, "ModelProviderRead")
    touch(state, "model_providers", row, call.now)
    return one(state, "model_providers", row)


@handles("delete_model_provider")
def delete_model_provider(state: State, call: Call) -> Reply:
    row = require(state, "model_providers", call.path["provider_id"])
    users = state.definitions_using("model_provider_id", row["id"])
    if users:
        raise ApiError(409, f"Model provider {row['id']} is still used by {users} agent definition(s)")
    state.tables["model_providers"].remove(row["id"])
    return Reply(204)


MODEL_CATALOGUE = {
    "openai": [("gpt-4o", "GPT-4o", 128_000), ("gpt-4o-mini", "GPT-4o mini", 128_000), ("gpt-4", "GPT-4", 8_192)],
    "anthropic": [("claude-sonnet-4", "Claude Sonnet 4", 200_000), ("claude-haiku-3.5", "Claude Haiku 3.5", 200_000)],
    "default": [("llama-3.1-70b", "Llama 3.1 70B", 131_072), ("mistral-large", "Mistral Large", 131_072)],
}


def provider_models(row: Row) -> list[dict[str, Any]]:
    """The models a provider serves: `config["models"]` when set, else a catalogue picked by its name/URL."""
    configured = row["config"].get("models") if isinstance(row["config"], dict) else None
    if isinstance(configured, list) and configured:
        return [
            {"id": str(item), "name": str(item)} if not isinstance(item, dict) else {"id": str(item.get("id")), **item}
            for item in configured
        ]
    haystack = f"{row['name']} {row['api_base_url'] or ''}".lower()
    family = next((key for key in ("openai", "anthropic") if key in haystack), "default")
    models = [{"id": mid, "name": name, "context_window": window} for mid, name, window in MODEL_CATALOGUE[family]]
    default_model = row["config"].get("default_model") if isinstance(row["config"], dict) else None
    if isinstance(default_model, str) and all(model["id"] != default_model for model in models):
        models.insert(0, {"id": default_model, "name": default_model})
    return models


@handles("verify_model_provider")
def verify_model_provider(state: State, call: Call) -> Reply:
    row = require(state, "model_providers", call.path["provider_id"])
    config = row["config"] if isinstance(row["config"], dict) else {}
    if config.get("fake_outcome") == "failed":
        status = "authentication failed"
    elif not row["api_base_url"]:
        status = "no api_base_url configured"
    else:
        status = "ok"
    details = {"api_base_url": row["api_base_url"], "models_available": len(provider_models(row))}
    return Reply(200, payload={"status": status, "provider_id": row["id"], "details": details})


@handles("list_provider_models")
def list_provider_models(state: State, call: Call) -> Reply:
    return Reply(200, payload=provider_models(require(state, "model_providers", call.path["provider_id"])))


# ---- system prompts ----------------------------------------------------------------------------------------


@handles("list_system_prompts")
def list_system_prompts(state: State, call: Call) -> Reply:
    table = state.tables["system_prompts"]
    class_id, status = call.query.get("agent_class_id"), call.query.get("status")
    if class_id is None and status is None:
        return page(call, table.ordered(), table)

    def matches(row: Row) -> bool:
        return (class_id is None or row["agent_class_id"] == class_id) and (status is None or row["status"] == status)

    return page(call, table.select(("filter", class_id, status), matches), table)


@handles("create_system_prompt")
def create_system_prompt(state: State, call: Call) -> Reply:
    check_references(state, call.body)
    return created(state, "system_prompts", new_row(state, call, "SystemPromptCreate", "SystemPromptRead"))


@handles("get_system_prompt")
def get_system_prompt(state: State, call: Call) -> Reply:
    return one(state, "system_prompts", require(state, "system_prompts", call.path["prompt_id"]))


@handles("update_system_prompt")
def update_system_prompt(state: State, call: Call) -> Reply:
    row = require(state, "system_prompts", call.path["prompt_id"])
    state.patch(row, call.body, "SystemPromptRead")
    touch(state, "system_prompts", row, call.now)
    return one(state, "system_prompts", row)


@handles("delete_system_prompt")
def delete_system_prompt(state: State, call: Call) -> Reply:
    row = require(state, "system_prompts", call.path["prompt_id"])
    users = state.definitions_using("system_prompt_id", row["id"])
    if users:
        raise ApiError(409, f"System prompt {row['id']} is still used by {users} agent definition(s)")
    state.tables["system_prompts"].remove(row["id"])
    return Reply(204)


# ---- tools -------------------------------------------------------------------------------------------------


@handles("list_tools")
def list_tools(state: State, call: Call) -> Reply:
    table = state.tables["tools"]
    return page(call, table.ordered(), table)


def _insert_tool(state: State, body: Mapping[str, Any]) -> Row:
    # Tools have no timestamps on the wire: their creation order is the table's insertion order.
    row = state.build("ToolRead", {**state.with_defaults("ToolCreate", body), "id": state.new_id()})
    state.tables["tools"].insert(row)
    state.tool_names[row["name"]] = row["id"]
    return row


def _upsert_tool(state: State, body: Mapping[str, Any]) -> Row:
    existing = state.tool_names.get(body["name"])
    if existing is None:
        return _insert_tool(state, body)
    row = state.tables["tools"].rows[existing]
    state.patch(row, {k: v for k, v in state.with_defaults("ToolCreate", body).items() if k != "name"}, "ToolRead")
    state.tables["tools"].changed(row["id"])
    return row


@handles("create_tool")
def create_tool(state: State, call: Call) -> Reply:
    if call.body["name"] in state.tool_names:
        raise ApiError(409, f"A tool named {call.body['name']!r} already exists")
    row = _insert_tool(state, call.body)
    return Reply(201, raw=state.tables["tools"].json(row))


@handles("get_tool")
def get_tool(state: State, call: Call) -> Reply:
    return one(state, "tools", require(state, "tools", call.path["tool_id"]))


@handles("update_tool")
def update_tool(state: State, call: Call) -> Reply:
    row = require(state, "tools", call.path["tool_id"])
    state.patch(row, call.body, "ToolRead")
    state.tables["tools"].changed(row["id"])
    return one(state, "tools", row)


@handles("delete_tool")
def delete_tool(state: State, call: Call) -> Reply:
    row = require(state, "tools", call.path["tool_id"])
    users = sum(1 for tools in state.definition_tools.values() if row["id"] in tools)
    if users:
        raise ApiError(409, f"Tool {row['id']} is still attached to {users} agent definition(s)")
    state.tables["tools"].remove(row["id"])
    state.tool_names.pop(row["name"], None)
    return Reply(204)


@handles("sync_tools")
def sync_tools(state: State, call: Call) -> Reply:
    rows = [_upsert_tool(state, tool) for tool in call.body["tools"]]
    return Reply(200, payload=rows)


@handles("discover_tools")
def discover_tools(state: State, call: Call) -> Reply:
    source = call.body["source"]
    parts = urlsplit(source)
    base = slugify(f"{parts.netloc} {parts.path}" if parts.scheme else source)
    base = base or "source-" + fraction_id(source)
    offered = [
        ("search", "Searches the source.", "low"),
        ("read", "Reads one item from the source.", "low"),
        ("write", "Creates or changes an item in the source.", "medium"),
    ]
    rows = [
        _upsert_tool(
            state,
            {
                "name": f"{base}.{verb}",
                "description": f"{text} Discovered from {source}.",
                "json_schema": {"type": "object", "properties": {"query": {"type": "string"}}},
                "risk_level": risk,
            },
        )
        for verb, text, risk in offered
    ]
    return Reply(200, payload=rows)


def fraction_id(text: str) -> str:
    return f"{int(fraction('source', text) * 16**8):08x}"


# ---- deployments -------------------------------------------------------------------------------------------


@handles("list_deployments")
def list_deployments(state: State, call: Call) -> Reply:
    table = state.tables["deployments"]
    environment = call.query.get("environment")
    rows = (
        table.ordered()
        if environment is None
        else table.select(("environment", environment), lambda r: r["environment"] == environment)
    )
    if call.query.get("active_only"):
        rows = [row for row in rows if state.deployment_status(row, call.now) == "active"]
    return page(call, rows, render=lambda row: state.render_deployment(row, call.now))


@handles("create_deployment")
def create_deployment(state: State, call: Call) -> Reply:
    check_references(state, call.body)
    row = new_row(state, call, "DeploymentCreate", "DeploymentRead", status="spawning")
    state.tables["deployments"].insert(row)
    state.start_deployment(row, call.now)
    state.log(call.now, "info", f"Deployment {row['name']!r} created in {row['environment']}", row["id"])
    return Reply(201, payload=row)


@handles("get_deployment")
def get_deployment(state: State, call: Call) -> Reply:
    row = require(state, "deployments", call.path["deployment_id"])
    return Reply(200, payload=state.render_deployment(row, call.now))


@handles("update_deployment")
def update_deployment(state: State, call: Call) -> Reply:
    row = require(state, "deployments", call.path["deployment_id"])
    current = state.render_deployment(row, call.now)
    row["status"], row["updated_at"] = current["status"], current["updated_at"]
    changed = state.patch(row, call.body, "DeploymentRead")
    if "status" in changed:
        state.deployment_runs.pop(row["id"], None)
        state.log(call.now, "info", f"Deployment {row['name']!r} is now {row['status']}", row["id"])
    touch(state, "deployments", row, call.now)
    return Reply(200, payload=state.render_deployment(row, call.now))


@handles("delete_deployment")
def delete_deployment(state: State, call: Call) -> Reply:
    row = require(state, "deployments", call.path["deployment_id"])
    plans = state.tables["plans"]
    running = [
        plan_id
        for plan_id in state.plans_by_deployment.get(row["id"], {})
        if state.plan_status(plans.rows[plan_id], None, call.now)[0] not in TERMINAL_PLAN
    ]
    if running:
        raise ApiError(409, f"Deployment {row['id']} still has {len(running)} plan(s) that are not finished")
    for plan_id in list(state.plans_by_deployment.pop(row["id"], {})):
        _delete_plan(state, plan_id)
    for analysis_id in list(state.analyses_by_deployment.pop(row["id"], {})):
        state.tables["grasp_analyses"].remove(analysis_id)
        state.analysis_runs.pop(analysis_id, None)
    instances = state.tables["agent_instances"]
    for instance_id in [i for i, r in instances.rows.items() if r["deployment_id"] == row["id"]]:
        instances.remove(instance_id)
    state.tables["deployments"].remove(row["id"])
    state.deployment_runs.pop(row["id"], None)
    state.log(call.now, "info", f"Deployment {row['name']!r} deleted", row["id"])
    return Reply(204)


def _delete_plan(state: State, plan_id: str) -> None:
    for task_id in state.tasks_by_plan.pop(plan_id, {}):
        state.tables["tasks"].remove(task_id)
        state.task_slots.pop(task_id, None)
    state.tables["plans"].remove(plan_id)
    state.plan_runs.pop(plan_id, None)
    state.pinned_plans.discard(plan_id)


# ---- GRASP analyses ----------------------------------------------------------------------------------------


def _summary(state: State, row: Row) -> Row:
    props = state.schema("GraspAnalysisSummary")["properties"]
    return {name: row.get(name) for name in props}


def _analyses(state: State, rows: Sequence[Row], status: str | None, now: float) -> list[Row]:
    rendered = [state.render_analysis(row, now) for row in rows]
    return rendered if status is None else [row for row in rendered if row["status"] == status]


@handles("create_grasp_analysis")
def create_grasp_analysis(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    row = new_row(
        state,
        call,
        "GraspAnalysisCreate",
        "GraspAnalysisRead",
        status="pending",
        deployment_id=deployment["id"],
        blueprint_id=deployment["blueprint_id"],
        agent_definition_id=deployment["agent_definition_id"],
    )
    state.tables["grasp_analyses"].insert(row)
    state.analyses_by_deployment.setdefault(deployment["id"], {})[row["id"]] = None
    state.analysis_runs[row["id"]] = Run(call.now, state.fails("analysis", row["id"], row["analysis_context"]))
    state.log(call.now, "info", "GRASP analysis requested", deployment["id"])
    return Reply(201, payload=row)


@handles("list_grasp_analyses")
def list_grasp_analyses(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    table = state.tables["grasp_analyses"].rows
    rows = [table[i] for i in state.analyses_by_deployment.get(deployment["id"], {})]
    found = _analyses(state, rows, call.query.get("status"), call.now)
    return Reply(200, payload=[_summary(state, row) for row in found])


@handles("query_grasp_analyses")
def query_grasp_analyses(state: State, call: Call) -> Reply:
    table = state.tables["grasp_analyses"]
    deployment_id = call.query.get("deployment_id")
    if deployment_id is None:
        rows = table.ordered()
    else:
        rows = [table.rows[i] for i in state.analyses_by_deployment.get(deployment_id, {})]
    found = _analyses(state, rows, call.query.get("status"), call.now)
    return page(call, found, render=lambda row: _summary(state, row))


@handles("get_grasp_analysis")
def get_grasp_analysis(state: State, call: Call) -> Reply:
    row = require(state, "grasp_analyses", call.path["analysis_id"])
    return Reply(200, payload=state.render_analysis(row, call.now))


# ---- plans and tasks ---------------------------------------------------------------------------------------


def planner_instance(state: State, deployment: Row, now: float) -> str:
    """The agent instance a plan is attributed to: the deployment's first active one, or its planner."""
    instances = state.tables["agent_instances"]
    for row in instances.ordered():
        if row["deployment_id"] == deployment["id"] and row["status"] == "active":
            return str(row["id"])
    instance_id = str(uuid.uuid5(SEED_NAMESPACE, f"planner:{deployment['id']}"))
    if instances.get(instance_id) is None:
        stamp = state.stamp(now)
        values = {
            "id": instance_id,
            "deployment_id": deployment["id"],
            "agent_definition_id": deployment["agent_definition_id"],
            "routing_key": f"planner.{deployment['id'][:8]}",
            "status": "active",
            "input": {},
            "metrics": {},
            "created_at": stamp,
            "started_at": stamp,
        }
        instances.insert(state.build("AgentInstanceRead", values))
    return instance_id


def _new_tasks(state: State, plan_id: str, tasks: Sequence[Mapping[str, Any]], now: float) -> list[Row]:
    rows = []
    for task in tasks:
        stamp = state.stamp(now)
        values = {
            **state.with_defaults("PlanTaskCreate", task),
            "id": state.new_id(),
            "plan_id": plan_id,
            "status": "PENDING",
            "created_at": stamp,
            "updated_at": stamp,
        }
        row = state.build("PlanTaskRead", values)
        state.tables["tasks"].insert(row)
        state.tasks_by_plan.setdefault(plan_id, {})[row["id"]] = None
        rows.append(row)
    return rows


def _check_task_references(state: State, tasks: Sequence[dict[str, Any]]) -> None:
    missing: list[str] = []
    for index, task in enumerate(tasks):
        missing.extend(missing_references(state, task, f"tasks[{index}]."))
    if missing:
        raise MissingReference(missing)


@handles("create_plan")
def create_plan(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    tasks = call.body.get("tasks", [])
    _check_task_references(state, tasks)
    body = {key: value for key, value in call.body.items() if key != "tasks"}
    stamp = state.stamp(call.now)
    values = {
        **state.with_defaults("PlanCreate", body),
        "id": state.new_id(),
        "deployment_id": deployment["id"],
        "created_by_instance_id": planner_instance(state, deployment, call.now),
        "status": "ACTIVE" if tasks else "DRAFT",
        "created_at": stamp,
        "updated_at": stamp,
    }
    row = state.build("PlanRead", values)
    state.tables["plans"].insert(row)
    state.plans_by_deployment.setdefault(deployment["id"], {})[row["id"]] = None
    state.plan_runs[row["id"]] = PlanRun(last_end=call.now)
    task_rows = _new_tasks(state, row["id"], tasks, call.now)
    state.schedule_tasks(row["id"], task_rows, call.now)
    state.log(call.now, "info", f"Plan created with {len(task_rows)} task(s): {row['goal']}", deployment["id"])
    return Reply(201, payload=state.build("PlanCreateResponse", {**row, "task_ids": [t["id"] for t in task_rows]}))


@handles("list_plans")
def list_plans(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    table = state.tables["plans"].rows
    rendered = [state.render_plan(table[i], call.now) for i in state.plans_by_deployment.get(deployment["id"], {})]
    status = call.query.get("status")
    if status is not None:
        rendered = [row for row in rendered if row["status"] == status]
    return page(call, rendered, render=lambda row: row)


@handles("get_plan")
def get_plan(state: State, call: Call) -> Reply:
    row = require(state, "plans", call.path["plan_id"])
    tasks = [state.render_task(task, call.now) for task in state.plan_tasks(row["id"])]
    plan = state.render_plan(row, call.now, tasks)
    return Reply(200, payload=state.build("PlanReadWithTasks", {**plan, "tasks": tasks}))


@handles("update_plan")
def update_plan(state: State, call: Call) -> Reply:
    row = require(state, "plans", call.path["plan_id"])
    if call.body.get("status") is not None:
        state.freeze_plan(row["id"], call.now)
        state.pinned_plans.add(row["id"])
        if call.body["status"] == "CANCELLED":
            for task in state.plan_tasks(row["id"]):
                if task["status"] not in TERMINAL_TASK:
                    task["status"] = "SKIPPED"
                    task["result"] = task["result"] or "Skipped: the plan was cancelled."
                    touch(state, "tasks", task, call.now)
            state.log(call.now, "warning", f"Plan {row['id']} cancelled", row["deployment_id"])
    state.patch(row, call.body, "PlanRead")
    touch(state, "plans", row, call.now)
    return Reply(200, payload=state.render_plan(row, call.now))


@handles("append_tasks")
def append_tasks(state: State, call: Call) -> Reply:
    row = require(state, "plans", call.path["plan_id"])
    status, _ = state.plan_status(row, None, call.now)
    if status in ("FAILED", "CANCELLED"):
        raise ApiError(409, f"Plan {row['id']} is {status}: no tasks can be added")
    _check_task_references(state, call.body["tasks"])
    task_rows = _new_tasks(state, row["id"], call.body["tasks"], call.now)
    state.schedule_tasks(row["id"], task_rows, call.now)
    touch(state, "plans", row, call.now)
    return Reply(201, payload={"task_ids": [task["id"] for task in task_rows]})


@handles("list_tasks")
def list_tasks(state: State, call: Call) -> Reply:
    plan = require(state, "plans", call.path["plan_id"])
    tasks = [state.render_task(task, call.now) for task in state.plan_tasks(plan["id"])]
    status = call.query.get("status")
    if status is not None:
        tasks = [task for task in tasks if task["status"] == status]
    return page(call, tasks, render=lambda row: row)


@handles("get_task")
def get_task(state: State, call: Call) -> Reply:
    row = state.render_task(require(state, "tasks", call.path["task_id"]), call.now)
    slug = name = None
    if call.query.get("enrich", True):
        assignee = state.tables["agent_definitions"].get(row["assignee_agent_definition_id"] or "")
        if assignee is not None:
            slug, name = assignee["slug"], assignee["name"]
    values = {**row, "assignee_agent_slug": slug, "assignee_agent_name": name}
    return Reply(200, payload=state.build("PlanTaskReadEnriched", values))


@handles("update_task")
def update_task(state: State, call: Call) -> Reply:
    task_id = call.path["task_id"]
    row = require(state, "tasks", task_id)
    check_references(state, call.body)
    if call.body.get("status") is not None or call.body.get("sequence") is not None:
        # A task moved by hand: the plan leaves its automatic lifecycle, every task keeps its current status.
        state.freeze_plan(row["plan_id"], call.now)
        row = state.tables["tasks"].rows[task_id]
    state.patch(row, call.body, "PlanTaskRead")
    touch(state, "tasks", row, call.now)
    return Reply(200, payload=state.render_task(row, call.now))


# ---- agent instances ---------------------------------------------------------------------------------------


@handles("list_agent_instances")
def list_agent_instances(state: State, call: Call) -> Reply:
    table = state.tables["agent_instances"]
    deployment_id, status = call.query.get("deployment_id"), call.query.get("status")
    if deployment_id is None and status is None:
        return page(call, table.ordered(), table)

    def matches(row: Row) -> bool:
        return (deployment_id is None or row["deployment_id"] == deployment_id) and (
            status is None or row["status"] == status
        )

    return page(call, table.select(("filter", deployment_id, status), matches), table)


@handles("get_agent_instance")
def get_agent_instance(state: State, call: Call) -> Reply:
    return one(state, "agent_instances", require(state, "agent_instances", call.path["instance_id"]))


# ---- system ------------------------------------------------------------------------------------------------


@handles("health")
def health(state: State, call: Call) -> Reply:
    return Reply(200, payload={"status": "healthy", "version": state.contract.version, "fake": True})


@handles("metrics")
def metrics(state: State, call: Call) -> Reply:
    counts = {f"{name}_count": len(table) for name, table in state.tables.items()}
    counts["plan_tasks_count"] = counts.pop("tasks_count")
    active = sum(
        1 for row in state.tables["deployments"].rows.values() if state.deployment_status(row, call.now) == "active"
    )
    return Reply(200, payload={**counts, "active_deployments_count": active, "log_lines_count": len(state.logs)})


@handles("logs")
def logs(state: State, call: Call) -> Reply:
    deployment_id, level, limit = call.query.get("deployment_id"), call.query.get("level"), call.query["limit"]
    lines: list[Row] = []
    for line in reversed(state.logs):
        if (deployment_id is None or line["deployment_id"] == deployment_id) and (
            level is None or line["level"] == level
        ):
            lines.append(line)
            if len(lines) >= limit:
                break
    return Reply(200, payload=lines)

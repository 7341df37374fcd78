"""The stored resources that change only through requests (agent classes, agent definitions, model providers,
system prompts, tools): one table-driven CRUD shape, plus the operations beyond it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ._handling import (
    HANDLERS,
    LABELS,
    ApiError,
    Call,
    Reply,
    build_row,
    check_references,
    created,
    handles,
    one,
    page,
    require,
    touch,
)
from ._state import Row, State, fraction, slugify

# ---- table-driven CRUD: agent classes, agent definitions, model providers, system prompts, tools ---------


def _no_reason(state: State, row: Row) -> str | None:
    return None


def _nothing(*_: Any) -> None:
    return None


@dataclass(frozen=True, slots=True)
class UniqueName:
    """Names that must be unique within one resource, kept in one of `State`'s name -> id indexes."""

    index: str  # the attribute of State, e.g. "class_names"
    noun: str  # how the 409 names the resource, e.g. "An agent class"

    def names(self, state: State) -> dict[str, str]:
        names: dict[str, str] = getattr(state, self.index)
        return names

    def check_free(self, state: State, name: str) -> None:
        if name in self.names(state):
            raise ApiError(409, f"{self.noun} named {name!r} already exists")

    def rename(self, state: State, row: Row, new_name: str) -> None:
        self.check_free(state, new_name)
        names = self.names(state)
        del names[row["name"]]
        names[new_name] = row["id"]


@dataclass(frozen=True, slots=True)
class Resource:
    """The CRUD rules of one stored resource; `register()` installs its list/create/get/update/delete handlers.

    The rules they share: lists page over the table in creation order, filtered by exact match on `filters`;
    creates and updates check the body's references (409 for one that does not exist) and keep `unique_name`;
    updates bump `updated_at` (where the resource has timestamps); a delete is refused with 409 while `in_use`
    gives a reason. The hooks add what is particular to one resource (a slug, its attached tools).
    """

    table: str
    singular: str  # operationIds: create_<singular>, get_, update_, delete_
    plural: str  # list_<plural>
    id_param: str
    create_schema: str
    read_schema: str
    filters: tuple[str, ...] = ()
    unique_name: UniqueName | None = None
    timestamps: bool = True
    server: Mapping[str, Any] = field(default_factory=dict)  # fields the server sets on create
    in_use: Callable[[State, Row], str | None] = _no_reason
    on_create: Callable[[State, Row, Call], None] = _nothing
    on_update: Callable[[State, Row, list[str]], None] = _nothing
    on_delete: Callable[[State, Row], None] = _nothing

    def register(self) -> None:
        HANDLERS[f"list_{self.plural}"] = self.list_rows
        HANDLERS[f"create_{self.singular}"] = self.create_row
        HANDLERS[f"get_{self.singular}"] = self.get_row
        HANDLERS[f"update_{self.singular}"] = self.update_row
        HANDLERS[f"delete_{self.singular}"] = self.delete_row

    def list_rows(self, state: State, call: Call) -> Reply:
        table = state.tables[self.table]
        wanted = tuple((name, call.query[name]) for name in self.filters if call.query.get(name) is not None)
        if not wanted:
            return page(call, table.ordered(), table)
        return page(call, table.select(wanted, lambda row: all(row[n] == value for n, value in wanted)), table)

    def create_row(self, state: State, call: Call) -> Reply:
        check_references(state, call.body)
        if self.unique_name is not None:
            self.unique_name.check_free(state, call.body["name"])
        now = call.now if self.timestamps else None
        row = build_row(state, call.body, self.create_schema, self.read_schema, now, self.server)
        if self.unique_name is not None:
            self.unique_name.names(state)[row["name"]] = row["id"]
        self.on_create(state, row, call)
        return created(state, self.table, row)

    def get_row(self, state: State, call: Call) -> Reply:
        return one(state, self.table, require(state, self.table, call.path[self.id_param]))

    def update_row(self, state: State, call: Call) -> Reply:
        row = require(state, self.table, call.path[self.id_param])
        check_references(state, call.body)
        new_name = call.body.get("name")
        if self.unique_name is not None and new_name is not None and new_name != row["name"]:
            self.unique_name.rename(state, row, new_name)
        self.on_update(state, row, state.patch(row, call.body, self.read_schema))
        if self.timestamps:
            touch(state, self.table, row, call.now)
        else:
            state.tables[self.table].changed(row["id"])
        return one(state, self.table, row)

    def delete_row(self, state: State, call: Call) -> Reply:
        row = require(state, self.table, call.path[self.id_param])
        reason = self.in_use(state, row)
        if reason is not None:
            raise ApiError(409, reason)
        state.tables[self.table].remove(row["id"])
        if self.unique_name is not None:
            self.unique_name.names(state).pop(row["name"], None)
        self.on_delete(state, row)
        return Reply(204)


def _used_by_definitions(field_name: str, table: str) -> Callable[[State, Row], str | None]:
    """The delete rule of what agent definitions point at: refused while one does."""

    def in_use(state: State, row: Row) -> str | None:
        users = state.definitions_using(field_name, row["id"])
        return f"{LABELS[table]} {row['id']} is still used by {users} agent definition(s)" if users else None

    return in_use


def _class_in_use(state: State, row: Row) -> str | None:
    definitions = state.definitions_using("agent_class_id", row["id"])
    prompts = sum(1 for p in state.tables["system_prompts"].rows.values() if p["agent_class_id"] == row["id"])
    if not (definitions or prompts):
        return None
    users = f"{definitions} agent definition(s) and {prompts} system prompt(s)"
    return f"Agent class {row['id']} is still used by {users}"


def _definition_slug(name: str, row_id: str) -> str:
    return slugify(name) or f"agent-{row_id[:8]}"


def _definition_created(state: State, row: Row, call: Call) -> None:
    row["slug"] = _definition_slug(row["name"], row["id"])
    state.definition_tools[row["id"]] = list(dict.fromkeys(call.body.get("tool_ids", [])))


def _definition_updated(state: State, row: Row, changed: list[str]) -> None:
    if "name" in changed:
        row["slug"] = _definition_slug(row["name"], row["id"])


def _definition_deleted(state: State, row: Row) -> None:
    state.definition_tools.pop(row["id"], None)


def _definition_in_use(state: State, row: Row) -> str | None:
    users = sum(1 for d in state.tables["deployments"].rows.values() if d["agent_definition_id"] == row["id"])
    return f"Agent definition {row['id']} is still deployed by {users} deployment(s)" if users else None


def _tool_in_use(state: State, row: Row) -> str | None:
    users = sum(1 for tools in state.definition_tools.values() if row["id"] in tools)
    return f"Tool {row['id']} is still attached to {users} agent definition(s)" if users else None


TOOL_NAMES = UniqueName("tool_names", "A tool")

RESOURCES = (
    Resource(
        "agent_classes", "agent_class", "agent_classes", "agent_class_id", "AgentClassCreate", "AgentClassRead",
        unique_name=UniqueName("class_names", "An agent class"), in_use=_class_in_use,
    ),
    Resource(
        "agent_definitions", "agent_definition", "agent_definitions", "definition_id",
        "AgentDefinitionCreate", "AgentDefinitionRead",
        filters=("status",), server={"status": "draft"}, in_use=_definition_in_use,
        on_create=_definition_created, on_update=_definition_updated, on_delete=_definition_deleted,
    ),
    Resource(
        "model_providers", "model_provider", "model_providers", "provider_id", "ModelProviderCreate",
        "ModelProviderRead", in_use=_used_by_definitions("model_provider_id", "model_providers"),
    ),
    Resource(
        "system_prompts", "system_prompt", "system_prompts", "prompt_id", "SystemPromptCreate", "SystemPromptRead",
        filters=("agent_class_id", "status"), in_use=_used_by_definitions("system_prompt_id", "system_prompts"),
    ),
    # Tools have no timestamps on the wire: their creation order is the table's insertion order.
    Resource(
        "tools", "tool", "tools", "tool_id", "ToolCreate", "ToolRead",
        unique_name=TOOL_NAMES, timestamps=False, in_use=_tool_in_use,
    ),
)  # fmt: skip
for _resource in RESOURCES:
    _resource.register()


# ---- agent definitions, model providers and tools: beyond CRUD ---------------------------------------------


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


def _insert_tool(state: State, body: Mapping[str, Any]) -> Row:
    row = build_row(state, body, "ToolCreate", "ToolRead", None)
    state.tables["tools"].insert(row)
    TOOL_NAMES.names(state)[row["name"]] = row["id"]
    return row


def _upsert_tool(state: State, body: Mapping[str, Any]) -> Row:
    existing = state.tool_names.get(body["name"])
    if existing is None:
        return _insert_tool(state, body)
    row = state.tables["tools"].rows[existing]
    state.patch(row, {k: v for k, v in state.with_defaults("ToolCreate", body).items() if k != "name"}, "ToolRead")
    state.tables["tools"].changed(row["id"])
    return row


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

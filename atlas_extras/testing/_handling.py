"""What every handler shares: the validated `Call`, the `Reply`, the errors, the registry, and common rules.

A handler gets a validated `Call` (path, query and body already checked against openapi.yaml and coerced) and
returns a `Reply`, or raises `ApiError` (404/409) or `MissingReference` (the body names a resource that does
not exist).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._spec import Operation
from ._state import Row, State, Table, dumps

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


def build_row(
    state: State,
    body: Mapping[str, Any],
    create_schema: str,
    read_schema: str,
    now: float | None,
    server: Mapping[str, Any] | None = None,
) -> Row:
    """A new row from a create body: its schema's defaults, a new id, the server's fields, and (unless `now` is
    None, for a resource without them) timestamps."""
    values = {**state.with_defaults(create_schema, body), "id": state.new_id()}
    if now is not None:
        values["created_at"] = values["updated_at"] = state.stamp(now)
    values.update(server or {})
    return state.build(read_schema, values)


def new_row(state: State, call: Call, create_schema: str, read_schema: str, **server: Any) -> Row:
    return build_row(state, call.body, create_schema, read_schema, call.now, server)


def created(state: State, table: str, row: Row) -> Reply:
    state.tables[table].insert(row)
    return Reply(201, raw=state.tables[table].json(row))


def one(state: State, table: str, row: Row) -> Reply:
    return Reply(200, raw=state.tables[table].json(row))

"""The contract itself: openapi.yaml is valid OpenAPI 3.1, covers exactly the reference operations, and
keeps the decisions the contract adds (pagination, status codes, headers, auth, open read models...).

The reference tables are transcribed below as data: nothing outside this repository is read at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
HTTP_VERBS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")

# Tables 1.1 (ControlPlaneClient) and 1.2 (WorkflowClient) of the reference, one row per operation
# (operations both clients share appear once). The tools collection path has no trailing slash (decision 7).
REFERENCE_OPERATIONS: list[tuple[str, str, str]] = [
    # operationId, verb, path
    # -- 1.1 ControlPlaneClient: agent classes
    ("create_agent_class", "POST", "/api/v1/agent-classes"),
    ("get_agent_class", "GET", "/api/v1/agent-classes/{agent_class_id}"),
    ("list_agent_classes", "GET", "/api/v1/agent-classes"),
    ("update_agent_class", "PATCH", "/api/v1/agent-classes/{agent_class_id}"),
    ("delete_agent_class", "DELETE", "/api/v1/agent-classes/{agent_class_id}"),
    # agent definitions
    ("create_agent_definition", "POST", "/api/v1/agent-definitions"),
    ("get_agent_definition", "GET", "/api/v1/agent-definitions/{definition_id}"),
    ("get_agent_definition_config", "GET", "/api/v1/agent-definitions/{definition_id}/config"),
    ("list_agent_definitions", "GET", "/api/v1/agent-definitions"),
    ("update_agent_definition", "PATCH", "/api/v1/agent-definitions/{definition_id}"),
    ("delete_agent_definition", "DELETE", "/api/v1/agent-definitions/{definition_id}"),
    ("add_tools_to_definition", "POST", "/api/v1/agent-definitions/{definition_id}/tools"),
    # model providers
    ("create_model_provider", "POST", "/api/v1/model-providers"),
    ("get_model_provider", "GET", "/api/v1/model-providers/{provider_id}"),
    ("list_model_providers", "GET", "/api/v1/model-providers"),
    ("update_model_provider", "PATCH", "/api/v1/model-providers/{provider_id}"),
    ("delete_model_provider", "DELETE", "/api/v1/model-providers/{provider_id}"),
    ("verify_model_provider", "POST", "/api/v1/model-providers/{provider_id}/verify"),
    ("list_provider_models", "GET", "/api/v1/model-providers/{provider_id}/models"),
    # system prompts
    ("create_system_prompt", "POST", "/api/v1/system-prompts"),
    ("get_system_prompt", "GET", "/api/v1/system-prompts/{prompt_id}"),
    ("list_system_prompts", "GET", "/api/v1/system-prompts"),
    ("update_system_prompt", "PATCH", "/api/v1/system-prompts/{prompt_id}"),
    ("delete_system_prompt", "DELETE", "/api/v1/system-prompts/{prompt_id}"),
    # tools
    ("create_tool", "POST", "/api/v1/tools"),
    ("update_tool", "PATCH", "/api/v1/tools/{tool_id}"),
    ("list_tools", "GET", "/api/v1/tools"),
    ("get_tool", "GET", "/api/v1/tools/{tool_id}"),
    ("delete_tool", "DELETE", "/api/v1/tools/{tool_id}"),
    ("sync_tools", "POST", "/api/v1/tools/sync"),
    ("discover_tools", "POST", "/api/v1/tools/discover"),
    # deployments
    ("create_deployment", "POST", "/api/v1/deployments"),
    ("get_deployment", "GET", "/api/v1/deployments/{deployment_id}"),
    ("update_deployment", "PATCH", "/api/v1/deployments/{deployment_id}"),
    ("list_deployments", "GET", "/api/v1/deployments"),
    ("delete_deployment", "DELETE", "/api/v1/deployments/{deployment_id}"),
    # GRASP analyses
    ("create_grasp_analysis", "POST", "/api/v1/deployments/{deployment_id}/grasp-analyses"),
    ("get_grasp_analysis", "GET", "/api/v1/grasp-analyses/{analysis_id}"),
    ("list_grasp_analyses", "GET", "/api/v1/deployments/{deployment_id}/grasp-analyses"),
    ("query_grasp_analyses", "GET", "/api/v1/grasp-analyses"),
    # system
    ("health", "GET", "/api/v1/health"),
    ("metrics", "GET", "/api/v1/metrics"),
    ("logs", "GET", "/api/v1/logs"),
    # -- 1.2 WorkflowClient (rows not already in 1.1)
    ("create_plan", "POST", "/api/v1/deployments/{deployment_id}/plans"),
    ("get_plan", "GET", "/api/v1/plans/{plan_id}"),
    ("list_plans", "GET", "/api/v1/deployments/{deployment_id}/plans"),
    ("update_plan", "PATCH", "/api/v1/plans/{plan_id}"),
    ("append_tasks", "POST", "/api/v1/plans/{plan_id}/tasks"),
    ("get_task", "GET", "/api/v1/tasks/{task_id}"),
    ("list_tasks", "GET", "/api/v1/plans/{plan_id}/tasks"),
    ("update_task", "PATCH", "/api/v1/tasks/{task_id}"),
    ("get_agent_instance", "GET", "/api/v1/instances/{instance_id}"),
    ("list_agent_instances", "GET", "/api/v1/instances"),
]

# Query parameters of the reference tables (every other operation takes none).
REFERENCE_QUERY_PARAMETERS: dict[str, set[str]] = {
    "list_agent_classes": {"limit", "offset"},
    "list_agent_definitions": {"status", "limit", "offset"},
    "list_model_providers": {"limit", "offset"},
    "list_system_prompts": {"agent_class_id", "status", "limit", "offset"},
    "list_tools": {"limit", "offset"},
    "list_deployments": {"environment", "active_only", "limit", "offset"},
    "list_grasp_analyses": {"status"},
    "query_grasp_analyses": {"deployment_id", "status", "limit", "offset"},
    "logs": {"deployment_id", "level", "limit"},
    "list_plans": {"status", "limit", "offset"},
    "get_task": {"enrich"},
    "list_tasks": {"status", "limit", "offset"},
    "list_agent_instances": {"deployment_id", "status", "limit", "offset"},
}
PAGINATED_LISTS = {op for op, params in REFERENCE_QUERY_PARAMETERS.items() if {"limit", "offset"} <= params}

# The POSTs that create something: they take `Idempotency-Key` in the existing SDK (reference 3.4).
CREATE_OPERATIONS = {
    "create_agent_class",
    "create_agent_definition",
    "create_model_provider",
    "create_system_prompt",
    "create_tool",
    "create_deployment",
    "create_grasp_analysis",
    "create_plan",
    "append_tasks",
}

# Reference 2.1: wire values of every enum.
REFERENCE_ENUMS: dict[str, set[str]] = {
    "AgentDefinitionStatus": {"draft", "published", "deprecated"},
    "ExecutionMode": {"stateful", "ephemeral"},
    "DeploymentStatus": {"spawning", "active", "completed", "failed"},
    "AgentInstanceStatus": {"spawning", "active", "completed", "failed", "cancelled"},
    "PlanStatus": {"DRAFT", "ACTIVE", "COMPLETED", "FAILED", "CANCELLED"},
    "PlanTaskStatus": {"PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "SKIPPED"},
    "SystemPromptStatus": {"draft", "published", "deprecated"},
    "SystemPromptStorageType": {"inline", "s3"},
    "GraspAnalysisStatus": {"pending", "in_progress", "completed", "failed"},
    "ToolRiskLevel": {"low", "medium", "high"},
}
UPPERCASE_ENUMS = {"PlanStatus", "PlanTaskStatus"}


# ---------------------------------------------------------------------------------------------------------
# Helpers over the loaded document
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when available: 5x faster
    with SPEC_PATH.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.load(handle, Loader=loader)
    return document


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s (`#/components/...`) until a concrete node."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(verb, path, operation) for every operation of the document."""
    for path, item in spec["paths"].items():
        for verb, operation in item.items():
            if verb in HTTP_VERBS:
                yield verb.upper(), path, operation


def parameters(spec: dict[str, Any], operation: dict[str, Any], where: str) -> dict[str, dict[str, Any]]:
    resolved = (resolve(spec, parameter) for parameter in operation.get("parameters", []))
    return {parameter["name"]: parameter for parameter in resolved if parameter["in"] == where}


def responses(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {status: resolve(spec, response) for status, response in operation["responses"].items()}


def success_statuses(operation: dict[str, Any]) -> set[str]:
    return {status for status in operation["responses"] if status.startswith("2")}


def component_refs(node: Any) -> Iterator[str]:
    """Names of the component schemas a schema node refers to, at any depth (not following the refs)."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from component_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from component_refs(value)


def reachable_schemas(spec: dict[str, Any], roots: list[Any]) -> set[str]:
    """Component schemas reachable from `roots`, following refs transitively."""
    schemas = spec["components"]["schemas"]
    seen: set[str] = set()
    pending = [name for root in roots for name in component_refs(root)]
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(component_refs(schemas[name]))
    return seen


def object_schemas(spec: dict[str, Any], names: set[str]) -> dict[str, dict[str, Any]]:
    schemas = spec["components"]["schemas"]
    return {name: schemas[name] for name in sorted(names) if schemas[name].get("type") == "object"}


def request_body_schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    roots = [operation.get("requestBody", {}) for _, _, operation in operations(spec)]
    return object_schemas(spec, reachable_schemas(spec, roots))


def read_schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    roots = [list(responses(spec, operation).values()) for _, _, operation in operations(spec)]
    return object_schemas(spec, reachable_schemas(spec, roots))


def enum_refs(spec: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Enum component schemas a property refers to, at any depth."""
    components = spec["components"]["schemas"]
    return [name for name in component_refs(schema) if "enum" in components[name]]


def all_properties(schema: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (location, property schema) of a schema, including those of nested inline objects."""
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            yield f"{where}.{name}", prop
            yield from all_properties(prop, f"{where}.{name}")
        for key in ("items", "additionalProperties"):
            yield from all_properties(schema.get(key), f"{where}[]")
        for key in ("allOf", "anyOf", "oneOf"):
            for branch in schema.get(key, []):
                yield from all_properties(branch, where)


def all_enums(node: Any, where: str = "#") -> Iterator[tuple[str, list[Any]]]:
    """Every `enum` list anywhere in the document, with its JSON pointer."""
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield where, node["enum"]
        for key, value in node.items():
            yield from all_enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from all_enums(value, f"{where}/{index}")


# ---------------------------------------------------------------------------------------------------------
# Validity and coverage
# ---------------------------------------------------------------------------------------------------------


def test_spec_is_a_valid_openapi_3_1_document(spec: dict[str, Any]) -> None:
    assert str(spec["openapi"]).startswith("3.1.")
    errors = [
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in OpenAPIV31SpecValidator(spec).iter_errors()
    ]
    assert errors == []


def test_reference_table_is_transcribed_without_duplicates() -> None:
    assert len(REFERENCE_OPERATIONS) == 53
    assert len({operation_id for operation_id, _, _ in REFERENCE_OPERATIONS}) == 53
    assert len({(verb, path) for _, verb, path in REFERENCE_OPERATIONS}) == 53


def test_spec_has_exactly_the_reference_operations(spec: dict[str, Any]) -> None:
    in_spec = {(operation["operationId"], verb, path) for verb, path, operation in operations(spec)}
    reference = set(REFERENCE_OPERATIONS)
    assert sorted(reference - in_spec) == [], "operations of the reference missing from the spec"
    assert sorted(in_spec - reference) == [], "operations in the spec that the reference does not list"


def test_operation_ids_are_unique(spec: dict[str, Any]) -> None:
    operation_ids = [operation["operationId"] for _, _, operation in operations(spec)]
    assert len(operation_ids) == len(set(operation_ids))


def test_every_operation_has_one_declared_tag(spec: dict[str, Any]) -> None:
    declared = {tag["name"] for tag in spec["tags"]}
    used: dict[str, str] = {}
    for _, _, operation in operations(spec):
        assert len(operation.get("tags", [])) == 1, operation["operationId"]
        used[operation["operationId"]] = operation["tags"][0]
    assert set(used.values()) == declared


def test_query_parameters_match_the_reference(spec: dict[str, Any]) -> None:
    in_spec = {
        operation["operationId"]: set(parameters(spec, operation, "query")) for _, _, operation in operations(spec)
    }
    assert {op: names for op, names in in_spec.items() if names} == REFERENCE_QUERY_PARAMETERS


def test_path_parameters_are_required_uuids(spec: dict[str, Any]) -> None:
    for _, path, operation in operations(spec):
        declared = parameters(spec, operation, "path")
        in_template = {part[1:-1] for part in path.split("/") if part.startswith("{")}
        assert set(declared) == in_template, operation["operationId"]
        for parameter in declared.values():
            assert parameter["required"] is True
            assert parameter["schema"] == {"type": "string", "format": "uuid"}


# ---------------------------------------------------------------------------------------------------------
# Decisions the contract adds
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation_id", sorted(PAGINATED_LISTS))
def test_paginated_lists_bound_limit_and_offset_and_send_total_count(spec: dict[str, Any], operation_id: str) -> None:
    operation = next(op for _, _, op in operations(spec) if op["operationId"] == operation_id)
    query = parameters(spec, operation, "query")

    limit, offset = query["limit"], query["offset"]
    assert not limit.get("required", False)
    assert not offset.get("required", False)
    limit_schema = resolve(spec, limit["schema"])
    assert limit_schema == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}
    assert resolve(spec, offset["schema"]) == {"type": "integer", "minimum": 0, "default": 0}

    ok = responses(spec, operation)["200"]
    assert ok["content"]["application/json"]["schema"]["type"] == "array", "lists stay a bare JSON array"
    total = ok.get("headers", {}).get("X-Total-Count")
    assert total is not None, f"{operation_id} does not send X-Total-Count"
    assert resolve(spec, total)["schema"]["type"] == "integer"


def test_create_posts_answer_201_and_take_an_idempotency_key(spec: dict[str, Any]) -> None:
    for verb, _, operation in operations(spec):
        operation_id = operation["operationId"]
        header_parameters = parameters(spec, operation, "header")
        if operation_id in CREATE_OPERATIONS:
            assert verb == "POST", operation_id
            assert success_statuses(operation) == {"201"}, operation_id
            assert "application/json" in responses(spec, operation)["201"]["content"], operation_id
            key = header_parameters.get("Idempotency-Key")
            assert key is not None, f"{operation_id} does not declare Idempotency-Key"
            assert not key.get("required", False), operation_id
        else:
            assert "Idempotency-Key" not in header_parameters, f"{operation_id} is not a create"


def test_deletes_answer_204_without_a_body(spec: dict[str, Any]) -> None:
    deletes = [operation for verb, _, operation in operations(spec) if verb == "DELETE"]
    assert len(deletes) == 6
    for operation in deletes:
        assert success_statuses(operation) == {"204"}, operation["operationId"]
        assert "content" not in responses(spec, operation)["204"], operation["operationId"]


def test_other_operations_answer_200(spec: dict[str, Any]) -> None:
    for verb, _, operation in operations(spec):
        if verb != "DELETE" and operation["operationId"] not in CREATE_OPERATIONS:
            assert success_statuses(operation) == {"200"}, operation["operationId"]


def test_bearer_security_on_every_operation_but_health(spec: dict[str, Any]) -> None:
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http"
    assert scheme["scheme"].lower() == "bearer"
    for _, _, operation in operations(spec):
        # Operation level: the generator ignores a top-level `security`.
        assert "security" in operation, operation["operationId"]
        expected: list[dict[str, list[str]]] = [] if operation["operationId"] == "health" else [{"bearerAuth": []}]
        assert operation["security"] == expected, operation["operationId"]


def test_secured_operations_document_401_and_403(spec: dict[str, Any]) -> None:
    for _, _, operation in operations(spec):
        if operation["security"]:
            assert {"401", "403"} <= set(operation["responses"]), operation["operationId"]


def test_operations_on_one_resource_document_404(spec: dict[str, Any]) -> None:
    for _, _, operation in operations(spec):
        if parameters(spec, operation, "path"):
            assert "404" in operation["responses"], operation["operationId"]


def test_429_and_503_carry_retry_after(spec: dict[str, Any]) -> None:
    for _, _, operation in operations(spec):
        documented = responses(spec, operation)
        for status in ("429", "503"):
            assert status in documented, f"{operation['operationId']} does not document {status}"
            retry_after = resolve(spec, documented[status].get("headers", {}).get("Retry-After", {}))
            assert retry_after.get("schema", {}).get("type") == "integer", (operation["operationId"], status)


def test_errors_use_the_fastapi_shapes(spec: dict[str, Any]) -> None:
    for _, _, operation in operations(spec):
        for status, response in responses(spec, operation).items():
            if status[0] in "45":
                expected = "HTTPValidationError" if status == "422" else "HTTPError"
                schema = response["content"]["application/json"]["schema"]
                where = (operation["operationId"], status)
                assert schema == {"$ref": f"#/components/schemas/{expected}"}, where


def test_every_operation_takes_and_echoes_x_request_id(spec: dict[str, Any]) -> None:
    for _, _, operation in operations(spec):
        request_header = parameters(spec, operation, "header").get("X-Request-ID")
        assert request_header is not None, operation["operationId"]
        assert not request_header.get("required", False), operation["operationId"]
        for status, response in responses(spec, operation).items():
            assert "X-Request-ID" in response.get("headers", {}), (operation["operationId"], status)


def test_request_bodies_reject_unknown_fields(spec: dict[str, Any]) -> None:
    bodies = request_body_schemas(spec)
    named = {name for name in spec["components"]["schemas"] if name.endswith(("Create", "Update"))}
    assert named <= set(bodies), "every *Create / *Update schema is used as (part of) a request body"
    open_bodies = [name for name, schema in bodies.items() if schema.get("additionalProperties") is not False]
    assert open_bodies == []


def test_update_schemas_require_nothing(spec: dict[str, Any]) -> None:
    updates = {name: s for name, s in spec["components"]["schemas"].items() if name.endswith("Update")}
    assert len(updates) == 8
    assert [name for name, schema in updates.items() if "required" in schema] == []


def test_read_models_are_open(spec: dict[str, Any]) -> None:
    reads = read_schemas(spec)
    assert {"AgentClassRead", "PlanReadWithTasks", "HTTPError"} <= set(reads)
    assert [name for name, schema in reads.items() if schema.get("additionalProperties") is False] == []


def test_enum_fields_of_read_models_accept_unknown_values(spec: dict[str, Any]) -> None:
    checked, wrong = 0, []
    for name, schema in read_schemas(spec).items():
        for location, prop in all_properties(schema, name):
            if "enum" in prop:
                wrong.append(f"{location}: inline enum")
            for enum_name in enum_refs(spec, prop):
                checked += 1
                expected = [{"$ref": f"#/components/schemas/{enum_name}"}, {"type": "string"}]
                if prop.get("anyOf") != expected:
                    wrong.append(f"{location}: {prop}")
    assert checked >= 10, "the read models' enum fields were not found"
    assert wrong == [], "\n".join(wrong)


def test_enum_fields_of_request_bodies_stay_strict(spec: dict[str, Any]) -> None:
    checked, lenient = 0, []
    for name, schema in request_body_schemas(spec).items():
        for location, prop in all_properties(schema, name):
            if enum_refs(spec, prop):
                checked += 1
                if {"type": "string"} in prop.get("anyOf", []):
                    lenient.append(location)
    assert checked >= 10
    assert lenient == []


def test_enum_values_match_the_reference(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    in_spec = {name: set(schema["enum"]) for name, schema in schemas.items() if "enum" in schema}
    assert in_spec == REFERENCE_ENUMS


def test_plan_and_task_statuses_are_uppercase_and_every_other_enum_lowercase(spec: dict[str, Any]) -> None:
    uppercase_at = {f"#/components/schemas/{name}" for name in UPPERCASE_ENUMS}
    found = dict(all_enums(spec))
    assert uppercase_at <= set(found)
    wrong: list[str] = []
    for where, values in found.items():
        expected_case = str.upper if where in uppercase_at else str.lower
        wrong.extend(f"{where}: {value}" for value in values if value != expected_case(value))
    assert wrong == [], "\n".join(wrong)


def test_every_operation_has_a_description(spec: dict[str, Any]) -> None:
    undocumented = [
        operation["operationId"]
        for _, _, operation in operations(spec)
        if not str(operation.get("description", "")).strip()
    ]
    assert undocumented == [], f"operations without a description: {undocumented}"


def test_every_schema_property_has_a_description(spec: dict[str, Any]) -> None:
    undocumented = [
        location
        for name, schema in spec["components"]["schemas"].items()
        for location, prop in all_properties(schema, name)
        if not str(prop.get("description", "")).strip()
    ]
    assert undocumented == [], f"schema properties without a description: {undocumented}"

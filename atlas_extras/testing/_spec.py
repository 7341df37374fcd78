"""The contract the fake serves: openapi.yaml as shipped inside the generated package, parsed once."""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

SPEC_PACKAGE = "atlas_control_plane_client"
SPEC_FILE = "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

JSONObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter of an operation, with its schema's `$ref`s resolved."""

    name: str
    location: str  # "path", "query" or "header"
    required: bool
    schema: JSONObject

    @property
    def default(self) -> Any:
        return self.schema.get("default")


@dataclass(frozen=True, slots=True)
class Operation:
    """What the fake needs to know about one operation of the contract."""

    operation_id: str
    method: str  # upper case
    path: str  # template, e.g. /api/v1/plans/{plan_id}
    parameters: tuple[Parameter, ...]
    body_schema: JSONObject | None
    body_required: bool
    success_status: int
    success_schema: JSONObject | None
    success_headers: frozenset[str]
    statuses: frozenset[int]
    secured: bool

    def params_in(self, location: str) -> tuple[Parameter, ...]:
        return tuple(param for param in self.parameters if param.location == location)

    @property
    def paginated(self) -> bool:
        """Takes `limit` and `offset` (and answers with `X-Total-Count`)."""
        names = {param.name for param in self.parameters if param.location == "query"}
        return {"limit", "offset"} <= names

    @property
    def accepts_idempotency_key(self) -> bool:
        return any(param.name.lower() == "idempotency-key" for param in self.parameters)


@dataclass(frozen=True, slots=True)
class Contract:
    """openapi.yaml, parsed: the raw document, its operations and its resolved component schemas."""

    document: JSONObject
    operations: Mapping[str, Operation]
    schemas: Mapping[str, JSONObject]

    @property
    def version(self) -> str:
        return str(self.document.get("info", {}).get("version", ""))


def spec_text() -> str:
    """The text of openapi.yaml shipped inside the generated package."""
    return importlib.resources.files(SPEC_PACKAGE).joinpath(SPEC_FILE).read_text(encoding="utf-8")


@functools.cache
def load_contract() -> Contract:
    """Parse the shipped openapi.yaml once per process."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(spec_text(), Loader=loader)
    if not isinstance(document, dict):
        raise ValueError(f"{SPEC_PACKAGE}/{SPEC_FILE} is not an OpenAPI document")
    resolver = _Resolver(document)
    schemas = {
        name: resolver.resolve(schema) for name, schema in document.get("components", {}).get("schemas", {}).items()
    }
    operations: dict[str, Operation] = {}
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method in item:
                operation = _operation(resolver, path, method, item[method], shared)
                operations[operation.operation_id] = operation
    return Contract(document=document, operations=operations, schemas=schemas)


def _operation(resolver: _Resolver, path: str, method: str, raw: JSONObject, shared: list[JSONObject]) -> Operation:
    parameters: dict[tuple[str, str], Parameter] = {}
    for raw_param in [*shared, *raw.get("parameters", [])]:
        param = resolver.resolve(raw_param)
        parameters[(param["name"], param["in"])] = Parameter(
            name=param["name"],
            location=param["in"],
            required=bool(param.get("required", False)),
            schema=param.get("schema", {}),
        )
    body_schema: JSONObject | None = None
    body_required = False
    if "requestBody" in raw:
        body = resolver.resolve(raw["requestBody"])
        body_required = bool(body.get("required", False))
        body_schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    responses = {str(code): resolver.resolve(response) for code, response in raw.get("responses", {}).items()}
    statuses = frozenset(int(code) for code in responses if code.isdigit())
    success = min(code for code in statuses if 200 <= code < 300)
    success_response = responses[str(success)]
    success_schema = success_response.get("content", {}).get("application/json", {}).get("schema")
    security: list[JSONObject] = raw.get("security", resolver.document.get("security")) or []
    return Operation(
        operation_id=raw["operationId"],
        method=method.upper(),
        path=path,
        parameters=tuple(parameters.values()),
        body_schema=body_schema,
        body_required=body_required,
        success_status=success,
        success_schema=success_schema,
        success_headers=frozenset(success_response.get("headers", {})),
        statuses=statuses,
        # `[]` means open; an empty requirement `{}` among others makes the token optional.
        secured=bool(security) and all(bool(requirement) for requirement in security),
    )


class _Resolver:
    """Inline every local `$ref` ("#/components/..."), so validators never look anything up at run time."""

    def __init__(self, document: JSONObject) -> None:
        self.document = document
        self._done: dict[str, Any] = {}
        self._resolving: set[str] = set()

    def resolve(self, node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                target = self._target(ref)
                siblings = {key: value for key, value in node.items() if key != "$ref"}
                if not siblings:
                    return target
                # OpenAPI 3.1 allows keywords next to $ref: keep both.
                return {"allOf": [target], **self.resolve(siblings)}
            return {key: self.resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self.resolve(item) for item in node]
        return node

    def _target(self, ref: str) -> Any:
        if ref in self._done:
            return self._done[ref]
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, not {ref!r}")
        if ref in self._resolving:
            raise ValueError(f"recursive $ref {ref!r} cannot be inlined")
        self._resolving.add(ref)
        node: Any = self.document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        resolved = self.resolve(node)
        self._resolving.discard(ref)
        self._done[ref] = resolved
        return resolved


def property_schema(schema: JSONObject | None, name: str) -> JSONObject | None:
    """The schema of one property of an object schema (looking through `allOf`)."""
    if not schema:
        return None
    props = schema.get("properties", {})
    if name in props:
        return dict(props[name])
    for part in schema.get("allOf", []):
        found = property_schema(part, name)
        if found is not None:
            return found
    return None


def allows_null(schema: JSONObject | None) -> bool:
    """Whether a value of this schema may be JSON null."""
    if not schema:
        return True
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(allows_null(part) for part in schema.get("anyOf", []) + schema.get("oneOf", []))


def enum_values(schema: JSONObject | None) -> list[Any]:
    """The enum values a schema (or one of its anyOf/allOf branches) declares."""
    if not schema:
        return []
    if "enum" in schema:
        return list(schema["enum"])
    for part in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        values = enum_values(part)
        if values:
            return values
    return []


def schema_types(schema: JSONObject | None) -> list[str]:
    """The JSON types a schema allows (looking through anyOf/allOf), null last."""
    if not schema:
        return []
    kind = schema.get("type")
    found: list[str] = [kind] if isinstance(kind, str) else list(kind or [])
    for part in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        found.extend(t for t in schema_types(part) if t not in found)
    if "enum" in schema and not found:
        found.append("string")
    return sorted(found, key=lambda t: t == "null")

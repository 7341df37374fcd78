"""Test factories: a valid model of every schema of the contract, with overridable fields, deterministic.

One factory per object schema of openapi.yaml (every ``...Read``, ``...Create``, ``...Update``, ``...Summary``,
response and error model of `atlas_control_plane_client.models`), generated from the contract itself::

    from atlas_extras.testing import factories

    reviewer = factories.agent_class_read(name="code-reviewer")     # an AgentClassRead
    plan = factories.plan_read_with_tasks(tasks=[factories.plan_task_read(status=PlanTaskStatus.COMPLETED)])
    payload = factories.deployment_read.wire(status="active")         # its JSON form, e.g. for httpx_mock
    typed = factories.build(AgentClassRead, name="x")                 # the same, typed for mypy

What a factory fills in: every required field and, in models the server sends, every optional one (its
default, else null), as the server does; in request models (``...Create``, ``...Update``, ...) only the required
ones, as a client sends. Values are deterministic: the n-th object of a sequence gets ids
``uuid5(seed, model, field, n)``, timestamps ``2025-01-01T00:00:00Z + n`` seconds, strings ``"<field>-<n>"``,
the first value of each enum. Overrides take models, enums, UUIDs, datetimes or their JSON forms; an unknown
field is a `TypeError` naming it, and a result that breaks the contract a `ValueError` listing why.

`Factories(seed)` is one sequence; the module-level factories share a process-wide one (`reset()` restarts it).
The pytest fixture ``atlas_factories`` gives each test a fresh sequence, so a test sees the same objects on
every run, alone or in a suite.
"""

from __future__ import annotations

import copy
import datetime
import enum
import functools
import re
import uuid
from collections.abc import Mapping
from typing import Any, Generic, Protocol, Self, TypeVar

import atlas_control_plane_client.models as models
from atlas_control_plane_client.types import Unset

from ._spec import JSONObject, allows_null, load_contract
from ._state import iso
from ._validation import SchemaValidator

__all__ = ["Factories", "Factory", "build", "reset", "wire"]

_NAMESPACE = uuid.UUID("0b6f3c1e-6a43-4c55-9a43-5a1f8f7d2e11")
_EPOCH_MICROS = 1_735_689_600 * 1_000_000  # 2025-01-01T00:00:00Z
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


class Model(Protocol):
    """What the generated attrs models offer: parsing from and rendering to their JSON form."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """The model parsed from its JSON form."""

    def to_dict(self) -> dict[str, Any]:
        """The model's JSON form."""


M = TypeVar("M", bound=Model)


def snake_name(schema_name: str) -> str:
    """The factory name of a schema: ``AgentClassRead`` -> ``agent_class_read``, ``HTTPError`` -> ``http_error``."""
    return _WORD_BOUNDARY.sub("_", schema_name).lower()


@functools.cache
def _catalogue() -> dict[str, tuple[type[Model], JSONObject, bool]]:
    """Every object schema of the contract: its model class, its resolved schema, whether clients send it."""
    contract = load_contract()
    sent = _request_schemas(contract.document)
    found: dict[str, tuple[type[Model], JSONObject, bool]] = {}
    for name, schema in contract.schemas.items():
        if "properties" not in schema:
            continue  # an enum
        model = getattr(models, name, None)
        if model is None:
            raise RuntimeError(f"the generated package has no model for the schema {name} of openapi.yaml")
        found[snake_name(name)] = (model, schema, name in sent)
    return found


def _request_schemas(document: JSONObject) -> set[str]:
    """The component schemas a request body can carry, directly or nested."""
    schemas = document.get("components", {}).get("schemas", {})
    pending = [
        operation["requestBody"]
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "requestBody" in operation
    ]
    found: set[str] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in found:
                    found.add(name)
                    pending.append(schemas[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


@functools.cache
def _validator(factory_name: str) -> SchemaValidator:
    return SchemaValidator(_catalogue()[factory_name][1])


class _Example:
    """Deterministic values for one object of a sequence (its number `n`)."""

    def __init__(self, seed: int, model: str, n: int) -> None:
        self.seed, self.model, self.n = seed, model, n

    def object(self, schema: JSONObject, sent: bool) -> dict[str, Any]:
        required = set(schema.get("required", ()))
        values: dict[str, Any] = {}
        for name, prop in schema.get("properties", {}).items():
            if name in required:
                values[name] = self.value(prop, name, sent)
            elif sent:
                continue  # a client leaves optional fields out; the server applies the defaults
            elif "default" in prop:
                values[name] = copy.deepcopy(prop["default"])
            elif allows_null(prop):
                values[name] = None
            else:
                values[name] = self.value(prop, name, sent)
        return values

    def value(self, schema: JSONObject, name: str, sent: bool) -> Any:
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        for key in ("anyOf", "oneOf"):
            if key in schema:
                branches = [branch for branch in schema[key] if branch.get("type") != "null"] or [{"type": "null"}]
                return self.value(branches[0], name, sent)
        if "allOf" in schema:
            merged: JSONObject = {key: value for key, value in schema.items() if key != "allOf"}
            for part in schema["allOf"]:
                merged = {**part, **merged}
            return self.value(merged, name, sent)
        kind = schema.get("type", "object")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind == "string":
            return self.string(schema, name)
        if kind == "integer":
            low, high = schema.get("minimum", 0), schema.get("maximum")
            return low + self.n % (high - low + 1) if high is not None else low + self.n
        if kind == "number":
            return float(schema.get("minimum", 0) + self.n)
        if kind == "boolean":
            return False
        if kind == "array":
            return [self.value(schema.get("items", {}), name, sent) for _ in range(schema.get("minItems", 0))]
        if kind == "object":
            return self.object(schema, sent) if "properties" in schema else {}
        return None

    def string(self, schema: JSONObject, name: str) -> str:
        form = schema.get("format")
        if form == "uuid":
            return str(uuid.uuid5(_NAMESPACE, f"{self.seed}:{self.model}:{name}:{self.n}"))
        if form == "date-time":
            return iso(_EPOCH_MICROS + self.n * 1_000_000)
        text = f"{name}-{self.n}"
        return text.ljust(schema.get("minLength", 0), "x")


def to_wire(value: Any, where: str) -> Any:
    """A Python value as it goes on the wire: models, enums, UUIDs and datetimes to their JSON forms."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, uuid.UUID | datetime.date):
        return value.isoformat() if not isinstance(value, uuid.UUID) else str(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, Mapping):
        return {str(key): to_wire(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(item, f"{where}[{index}]") for index, item in enumerate(value)]
    raise TypeError(f"{where}: a {type(value).__name__} has no JSON form")


class Factory(Generic[M]):
    """Makes valid instances of one model; call it (``factory(**overrides)``) or ask for its JSON (``.wire()``)."""

    def __init__(self, owner: Factories, name: str, model: type[M], schema: JSONObject, sent: bool) -> None:
        self._owner = owner
        self.name = name
        self.model = model
        self.schema = schema
        self.sent = sent
        self.fields: tuple[str, ...] = tuple(schema["properties"])

    def __call__(self, **overrides: Any) -> M:
        return self.model.from_dict(self.wire(**overrides))

    def wire(self, **overrides: Any) -> dict[str, Any]:
        """The JSON form of the next object, with `overrides` (a value of UNSET leaves a field out)."""
        unknown = sorted(set(overrides) - set(self.fields))
        if unknown:
            raise TypeError(
                f"{self.model.__name__} has no field {', '.join(map(repr, unknown))}; its fields: "
                f"{', '.join(self.fields)}"
            )
        values = _Example(self._owner.seed, self.model.__name__, self._owner.next_number()).object(
            self.schema, self.sent
        )
        for name, value in overrides.items():
            if isinstance(value, Unset):
                values.pop(name, None)
            else:
                values[name] = to_wire(value, f"{self.model.__name__}.{name}")
        problems = _validator(self.name).errors(values, ())
        if problems:
            listed = "; ".join(f"{'.'.join(map(str, p['loc'])) or '(object)'}: {p['msg']}" for p in problems)
            raise ValueError(f"this {self.model.__name__} would break openapi.yaml: {listed}")
        return values

    def __repr__(self) -> str:
        return f"<Factory {self.name} -> {self.model.__name__}>"


class Factories:
    """One deterministic sequence of factories: ``Factories(seed=0).agent_class_read(name="x")``.

    Each object made takes the next number of the sequence, so two of the same model differ, and the same calls
    on a new ``Factories`` with the same seed make the same objects.
    """

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self._count = 0
        self._factories: dict[str, Factory[Any]] = {
            name: Factory(self, name, model, schema, sent) for name, (model, schema, sent) in _catalogue().items()
        }

    @property
    def names(self) -> list[str]:
        """Every factory, by name (``agent_class_read``, ...)."""
        return sorted(self._factories)

    def next_number(self) -> int:
        """The next number of the sequence (1 first, then 2, ...): what makes each object distinct."""
        self._count += 1
        return self._count

    def reset(self) -> None:
        """Start the sequence again: the next objects are the first ones once more."""
        self._count = 0

    def factory(self, model: type[M]) -> Factory[M]:
        """The factory of a generated model class."""
        found = self._factories.get(snake_name(model.__name__))
        if found is None or found.model is not model:
            raise TypeError(f"{model.__name__} is not a schema of openapi.yaml (no factory makes it)")
        return found

    def build(self, model: type[M], **overrides: Any) -> M:
        """A valid `model`, typed: ``build(AgentClassRead, name="x")``."""
        return self.factory(model)(**overrides)

    def wire(self, model: type[Model], **overrides: Any) -> dict[str, Any]:
        """The JSON form of a valid `model` (what the server sends or a client posts)."""
        return self.factory(model).wire(**overrides)

    def __getattr__(self, name: str) -> Factory[Any]:
        try:
            return self.__dict__["_factories"][name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(f"no factory named {name!r}; the factories: {', '.join(self.names)}") from None

    def __dir__(self) -> list[str]:
        return sorted([*super().__dir__(), *self._factories])


_SHARED = Factories()


def build(model: type[M], **overrides: Any) -> M:
    """A valid `model` from the module's shared factories, typed: ``build(AgentClassRead, name="x")``."""
    return _SHARED.build(model, **overrides)


def wire(model: type[Model], **overrides: Any) -> dict[str, Any]:
    """The JSON form of a valid `model` from the module's shared factories."""
    return _SHARED.wire(model, **overrides)


def reset() -> None:
    """Start the shared factories' sequence again: the next objects are the first ones once more."""
    _SHARED.reset()


def __getattr__(name: str) -> Factory[Any]:
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_SHARED, name)  # type: ignore[no-any-return]


def __dir__() -> list[str]:
    return sorted([*globals(), *_SHARED.names])

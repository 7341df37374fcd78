"""Shared helpers for the fake Control Plane's tests: an in-process fake and client, and the contract."""

from __future__ import annotations

import importlib.resources
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from atlas_extras.testing import FakeControlPlane

API = "/api/v1"


def contract() -> dict[str, Any]:
    """openapi.yaml as shipped in the generated package, parsed independently of the fake."""
    text = importlib.resources.files("atlas_control_plane_client").joinpath("openapi.yaml").read_text()
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


SPEC = contract()
OPERATIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    op["operationId"]: (method.upper(), path, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if isinstance(op, dict) and "operationId" in op
}

_FORMATS = FormatChecker(formats=("uuid",))


@_FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None


def success_schema(operation_id: str) -> tuple[int, dict[str, Any] | None]:
    """The documented success status of an operation and its response schema (None for no body)."""
    _, _, op = OPERATIONS[operation_id]
    status = min(int(code) for code in op["responses"] if code.startswith("2"))
    content = op["responses"][str(status)].get("content", {})
    return status, content.get("application/json", {}).get("schema")


def assert_conforms(operation_id: str, payload: Any) -> None:
    """The payload matches the operation's success schema in openapi.yaml (formats uuid and date-time)."""
    _, schema = success_schema(operation_id)
    assert schema is not None
    validator = Draft202012Validator({**schema, "components": SPEC["components"]}, format_checker=_FORMATS)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(payload)]
    assert errors == []


@pytest.fixture
def fake() -> FakeControlPlane:
    """A fresh in-process fake whose statuses move only when the test advances its clock."""
    return FakeControlPlane(lifecycle_step=1.0)


@pytest.fixture
async def client(fake: FakeControlPlane) -> AsyncIterator[httpx.AsyncClient]:
    async with fake.async_client() as http:
        yield http

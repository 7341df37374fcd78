"""Bad arguments fail before anything is sent, with errors that name the method and the argument."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpx import HTTPXMock

from atlas_control_plane_client.models import AgentClassCreate, AgentDefinitionCreate, AgentDefinitionStatus

from .conftest import Caller, agent_class, agent_definition


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "error", "match"),
    [
        (
            "list_agent_definitions",
            (),
            {"limt": 2},
            TypeError,
            r"list_agent_definitions\(\).*'limt'.*did you mean 'limit'",
        ),
        ("get_agent_class", (None,), {}, TypeError, r"get_agent_class\(\): agent_class_id is required, got None"),
        ("get_agent_class", ("not-a-uuid",), {}, ValueError, r"get_agent_class\(\): agent_class_id must be a UUID"),
        ("get_agent_class", (42,), {}, TypeError, r"get_agent_class\(\): agent_class_id must be a UUID"),
        (
            "create_agent_class",
            (AgentDefinitionCreate(agent_class_id=uuid.uuid4(), name="x", model_name="m"),),
            {},
            TypeError,
            r"create_agent_class\(\): body must be an AgentClassCreate, got AgentDefinitionCreate",
        ),
        ("create_agent_class", (None,), {}, TypeError, r"create_agent_class\(\): body is required"),
        (
            "create_agent_class",
            (AgentClassCreate(name=5),),
            {},
            TypeError,
            r"create_agent_class\(\): body.name: expected str, got int 5",
        ),  # type: ignore[arg-type]
        (
            "create_agent_definition",
            (AgentDefinitionCreate(agent_class_id=uuid.uuid4(), name="x", model_name="m", config={"t": 1}),),  # type: ignore[arg-type]
            {},
            TypeError,
            r"create_agent_definition\(\): body.config: expected AgentDefinitionCreateConfig, got dict",
        ),
        ("list_agent_classes", (), {"max_retries": "x"}, TypeError, r"list_agent_classes\(\): max_retries"),
        ("list_agent_classes", (), {"max_retries": True}, TypeError, r"max_retries"),
        ("list_agent_classes", (), {"timeout": "5"}, TypeError, r"list_agent_classes\(\): timeout"),
        ("list_agent_classes", (), {"timeout": float("nan")}, ValueError, r"timeout"),
        ("list_agent_classes", (), {"timeout": -1}, ValueError, r"timeout"),
        ("list_agent_classes", (), {"extra_headers": {"X-Who": "J\u00fcrgen"}}, ValueError, r"extra_headers.*ASCII"),
        ("list_agent_classes", (), {"extra_headers": {"X-Who": "a\r\nX-Evil: 1"}}, ValueError, r"extra_headers"),
        ("list_agent_classes", (), {"extra_headers": ["X-Who"]}, TypeError, r"extra_headers must be a mapping"),
        ("list_agent_classes", (), {"request_id": 7}, TypeError, r"request_id must be a str"),
        ("list_agent_classes", (), {"limit": 0}, ValueError, r"limit must be between 1 and 1000"),
        ("list_agent_classes", (), {"limit": 1001}, ValueError, r"limit must be between 1 and 1000"),
        ("list_agent_classes", (), {"limit": "10"}, TypeError, r"limit must be an int"),
        ("list_agent_classes", (), {"offset": -1}, ValueError, r"offset must be >= 0"),
        (
            "list_agent_definitions",
            (),
            {"status": "archived"},
            ValueError,
            r"status must be an AgentDefinitionStatus or one of 'deprecated', 'draft', 'published', got 'archived'",
        ),
        ("list_deployments", (), {"active_only": "yes"}, TypeError, r"active_only must be a bool"),
        ("create_agent_class", (AgentClassCreate(name="x"),), {"idempotency_key": 5}, TypeError, r"idempotency_key"),
    ],
)
async def test_a_bad_argument_fails_before_anything_is_sent(
    call: Caller,
    httpx_mock: HTTPXMock,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        await call(method, *args, **kwargs)
    assert httpx_mock.get_requests() == []


async def test_enum_arguments_take_their_string_values(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=[agent_definition(status="draft")], headers={"X-Total-Count": "1"})
    page = await call("list_agent_definitions", status="draft")
    assert page[0].status is AgentDefinitionStatus.DRAFT
    assert httpx_mock.get_requests()[0].url.params["status"] == "draft"


async def test_uuid_arguments_take_their_string_form(call: Caller, httpx_mock: HTTPXMock) -> None:
    body = agent_class()
    httpx_mock.add_response(json=body)
    await call("get_agent_class", body["id"])
    assert httpx_mock.get_requests()[0].url.path == f"/api/v1/agent-classes/{body['id']}"


async def test_iterators_take_limit_for_their_page_size(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=[agent_class()], headers={"X-Total-Count": "1"})
    items = await call.collect("iter_agent_classes", limit=7)
    assert len(items) == 1
    assert httpx_mock.get_requests()[0].url.params["limit"] == "7"


@settings(max_examples=60, deadline=None)
@given(limit=st.integers(min_value=-(10**6), max_value=10**6))
def test_the_page_bounds_hold_for_every_limit(limit: int) -> None:
    """Every limit the contract allows is sent; every other is refused with the same error."""
    from atlas_control_plane_client.api.agent_classes import list_agent_classes
    from atlas_extras._arguments import PAGE_BOUNDS, Signature

    signature = Signature.of("list_agent_classes", list_agent_classes._get_kwargs)
    low, high = PAGE_BOUNDS["limit"]
    if low <= limit <= (high or limit):
        assert signature.check({"limit": limit})["limit"] == limit
    else:
        with pytest.raises(ValueError, match="limit must be between 1 and 1000"):
            signature.check({"limit": limit})


def test_the_page_bounds_are_the_contracts() -> None:
    """The bounds the client checks are those openapi.yaml declares for every paginated list."""
    from pathlib import Path

    import yaml

    from atlas_extras._arguments import PAGE_BOUNDS

    spec = yaml.safe_load((Path(__file__).parents[2] / "openapi.yaml").read_text())
    seen = 0
    for path in spec["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                parameter = (
                    spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
                    if "$ref" in parameter
                    else parameter
                )
                if parameter["name"] in PAGE_BOUNDS and parameter["in"] == "query":
                    low, high = PAGE_BOUNDS[parameter["name"]]
                    assert parameter["schema"].get("minimum") == low
                    assert parameter["schema"].get("maximum") == high
                    seen += 1
    assert seen > 10

"""Requests that break openapi.yaml get 422 in FastAPI's shape, with the offending location and a pydantic type."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from atlas_extras.testing import seed_id

from .conftest import API

DEPLOYMENT = seed_id("deployment", "review-bot-prod")
PLAN = seed_id("plan", "pr-1431")


def problems(response: httpx.Response) -> list[tuple[list[Any], str]]:
    assert response.status_code == 422, response.text
    return [(item["loc"], item["type"]) for item in response.json()["detail"]]


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        ("agent-classes", {}, [(["body", "name"], "missing")]),
        ("agent-classes", {"name": ""}, [(["body", "name"], "string_too_short")]),
        ("agent-classes", {"name": "x", "colour": "red"}, [(["body", "colour"], "extra_forbidden")]),
        ("agent-classes", {"name": 7}, [(["body", "name"], "string_type")]),
        ("agent-classes", ["name"], [(["body"], "model_attributes_type")]),
        ("tools", {"name": "t", "json_schema": {}, "risk_level": "extreme"}, [(["body", "risk_level"], "enum")]),
        ("tools", {"name": "t", "json_schema": "{}"}, [(["body", "json_schema"], "dict_type")]),
        ("tools/sync", {"tools": []}, [(["body", "tools"], "too_short")]),
        ("tools/sync", {"tools": [{"name": "t"}]}, [(["body", "tools", 0, "json_schema"], "missing")]),
        (
            "agent-definitions",
            {"agent_class_id": "not-a-uuid", "name": "d", "allow_outbound_a2a": "yes"},
            [(["body", "agent_class_id"], "uuid_parsing"), (["body", "allow_outbound_a2a"], "bool_type")],
        ),
        (
            f"deployments/{DEPLOYMENT}/plans",
            {"goal": "g", "tasks": [{"description": "d", "validation": "v", "sequence": -1}]},
            [(["body", "tasks", 0, "sequence"], "greater_than_equal")],
        ),
    ],
)
async def test_a_body_that_breaks_the_schema_is_rejected_with_where_and_why(
    client: httpx.AsyncClient, path: str, body: Any, expected: list[tuple[list[Any], str]]
) -> None:
    response = await client.post(f"{API}/{path}", json=body)
    assert problems(response) == expected


async def test_a_422_reads_like_fastapi(client: httpx.AsyncClient) -> None:
    response = await client.post(f"{API}/agent-classes", json={"name": ""})
    assert response.json() == {
        "detail": [
            {
                "type": "string_too_short",
                "loc": ["body", "name"],
                "msg": "String should have at least 1 character",
                "input": "",
                "ctx": {"min_length": 1},
            }
        ]
    }


async def test_every_problem_of_a_request_is_reported_at_once(client: httpx.AsyncClient) -> None:
    response = await client.patch(
        f"{API}/agent-classes/nope", params={"ignored": "1"}, json={"name": "", "extra": True}
    )
    assert sorted(problems(response)) == [
        (["body", "extra"], "extra_forbidden"),
        (["body", "name"], "string_too_short"),
        (["path", "agent_class_id"], "uuid_parsing"),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"limit": "abc"}, [(["query", "limit"], "int_parsing")]),
        ({"limit": "0"}, [(["query", "limit"], "greater_than_equal")]),
        ({"limit": "1001"}, [(["query", "limit"], "less_than_equal")]),
        ({"offset": "-1"}, [(["query", "offset"], "greater_than_equal")]),
        ({"status": "DRAFT"}, [(["query", "status"], "enum")]),
        ({"limit": "1.5", "status": "gone"}, [(["query", "status"], "enum"), (["query", "limit"], "int_parsing")]),
    ],
)
async def test_query_strings_are_coerced_and_checked(
    client: httpx.AsyncClient, params: dict[str, str], expected: list[tuple[list[Any], str]]
) -> None:
    response = await client.get(f"{API}/agent-definitions", params=params)
    assert problems(response) == expected


async def test_boolean_and_uuid_query_values(client: httpx.AsyncClient) -> None:
    assert problems(await client.get(f"{API}/deployments", params={"active_only": "maybe"})) == [
        (["query", "active_only"], "bool_parsing")
    ]
    assert problems(await client.get(f"{API}/instances", params={"deployment_id": "42"})) == [
        (["query", "deployment_id"], "uuid_parsing")
    ]
    for text in ("true", "false", "True", "1", "0"):
        assert (await client.get(f"{API}/deployments", params={"active_only": text})).status_code == 200


async def test_coerced_query_values_are_used(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{API}/deployments", params={"active_only": "false", "limit": "+2"})
    assert len(response.json()) == 2
    assert response.headers["X-Total-Count"] == "6"


async def test_an_idempotency_key_must_have_a_sane_length(client: httpx.AsyncClient) -> None:
    response = await client.post(f"{API}/agent-classes", json={"name": "k"}, headers={"Idempotency-Key": "k" * 256})
    assert problems(response) == [(["header", "Idempotency-Key"], "string_too_long")]


async def test_a_body_that_is_not_json_or_missing(client: httpx.AsyncClient) -> None:
    broken = await client.post(
        f"{API}/agent-classes", content=b'{"name": ', headers={"Content-Type": "application/json"}
    )
    assert problems(broken) == [(["body", 9], "json_invalid")]
    missing = await client.post(f"{API}/agent-classes")
    assert problems(missing) == [(["body"], "missing")]
    text = await client.post(f"{API}/agent-classes", content=b"name=x", headers={"Content-Type": "text/plain"})
    assert problems(text) == [(["body"], "model_attributes_type")]


async def test_nan_is_not_json(client: httpx.AsyncClient) -> None:
    response = await client.patch(
        f"{API}/plans/{PLAN}", content=b'{"state": {"x": NaN}}', headers={"Content-Type": "application/json"}
    )
    assert problems(response)[0][1] == "json_invalid"


async def test_a_repeated_single_value_query_parameter_is_rejected(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{API}/agent-classes?limit=1&limit=2")
    assert problems(response) == [(["query", "limit"], "single_value_expected")]


async def test_nulls_in_a_patch_are_allowed_where_the_schema_allows_them(client: httpx.AsyncClient) -> None:
    cls = seed_id("class", "test-writer")
    response = await client.patch(f"{API}/agent-classes/{cls}", json={"name": None, "description": None})
    assert response.status_code == 200
    assert response.json()["name"] == "Test Writer"  # a null name changes nothing: the class must keep one
    assert response.json()["description"] is None

"""atlas_sdk's `except` clauses keep catching with ours, against the fake; where the mapping differs (400 is
`AtlasBadRequestError`, not `AtlasValidationError`; field problems are `.errors`; the request context is on the
error itself; pydantic's client-side checks became the server's 422), the difference is pinned here."""

from __future__ import annotations

import uuid

import pytest

from atlas_control_plane_client.models import AgentClassCreate
from atlas_extras import (
    AtlasAPIError,
    AtlasBadRequestError,
    AtlasConflictError,
    AtlasError,
    AtlasNotFoundError,
    AtlasRateLimitError,
    AtlasServerError,
    AtlasValidationError,
)

from .conftest import Clients


async def test_atlas_sdk_except_clauses_still_catch_against_the_fake(clients: Clients) -> None:
    admin, fake = clients.admin, clients.fake
    missing = uuid.uuid4()
    with pytest.raises(AtlasNotFoundError) as not_found:
        await admin("get_agent_class", missing, request_id="audit-42")
    error = not_found.value
    assert isinstance(error, AtlasAPIError)
    assert isinstance(error, AtlasError)
    # atlas_sdk: error.request_context.method / .url / .request_id and error.server_response
    assert (error.status_code, error.method, error.request_id) == (404, "GET", "audit-42")
    assert error.url.endswith(f"/api/v1/agent-classes/{missing}")
    assert str(missing) in error.detail
    assert error.response.json()["detail"] == error.detail
    assert error.message == str(error)

    await admin("create_agent_class", AgentClassCreate(name="twice"))
    with pytest.raises(AtlasConflictError):
        await admin("create_agent_class", AgentClassCreate(name="twice"))

    fake.inject_status(429, operation="list_tools", retry_after=0)
    with pytest.raises(AtlasRateLimitError) as limited:
        await admin("list_tools")
    assert limited.value.retry_after == 0.0
    fake.reset_faults()

    fake.inject_status(503, operation="list_tools", retry_after=0)
    with pytest.raises(AtlasServerError):
        await admin("list_tools")
    fake.reset_faults()

    fake.inject_status(400, operation="list_tools")
    with pytest.raises(AtlasBadRequestError) as bad:
        await admin("list_tools")
    assert not isinstance(bad.value, AtlasValidationError)  # atlas_sdk raised AtlasValidationError for a 400


async def test_what_pydantic_refused_before_sending_the_server_refuses_with_a_422(clients: Clients) -> None:
    # atlas_sdk: AgentClassCreate(name="") raised pydantic's ValidationError (min_length=1) before any request.
    with pytest.raises(AtlasValidationError) as caught:
        await clients.admin("create_agent_class", AgentClassCreate(name=""))
    error = caught.value
    assert error.status_code == 422
    assert [problem.loc for problem in error.errors] == [("body", "name")]  # atlas_sdk: error.details
    assert clients.fake.stats.requests["create_agent_class"] == 1

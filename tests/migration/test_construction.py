"""atlas_sdk's client construction mapped to ours: `base_url` positional, `timeout=`, the pool settings as one
`httpx.Limits`, `client=` as `http_client=` (used, and left open), `async with`; the arguments that have no
counterpart fail at once, naming themselves."""

from __future__ import annotations

import httpx
import pytest

from atlas_extras import ControlPlaneClient, SyncWorkflowClient, WorkflowClient
from atlas_extras.testing import FakeControlPlane

from .conftest import Connect

ATLAS_SDK_POOL = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


async def test_atlas_sdks_constructor_settings_map_to_ours(connect: Connect) -> None:
    client = connect(timeout=30.0, limits=ATLAS_SDK_POOL, enable_tracing=False, metrics_handler=None)
    assert (await client("health"))["status"] == "healthy"


async def test_base_url_is_positional_and_may_end_with_a_slash(fake_control_plane: FakeControlPlane) -> None:
    async with WorkflowClient(fake_control_plane.base_url + "/") as client:
        assert (await client.health()).status == "healthy"
    with SyncWorkflowClient(fake_control_plane.base_url) as blocking:
        assert blocking.health().status == "healthy"


async def test_your_own_httpx_client_is_used_and_left_open(fake_control_plane: FakeControlPlane) -> None:
    seen: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request)

    async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
        async with ControlPlaneClient(fake_control_plane.base_url, http_client=http) as client:
            await client.list_agent_classes(limit=1)
        assert not http.is_closed
        assert [request.url.path for request in seen] == ["/api/v1/agent-classes"]


@pytest.mark.parametrize(
    "argument", ["client", "max_connections", "max_keepalive_connections", "keepalive_expiry", "instrumentation"]
)
def test_atlas_sdk_only_constructor_arguments_fail_naming_themselves(argument: str) -> None:
    with pytest.raises(TypeError, match=argument):
        ControlPlaneClient("http://127.0.0.1:9", **{argument: 1})  # type: ignore[arg-type]

"""Only `AtlasError`s escape a call, whatever the transport or the client's state."""

from __future__ import annotations

import ssl
from collections.abc import Callable

import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_extras import AtlasConnectionError, AtlasRequestTimeoutError, ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.errors import AtlasClientClosedError

from .conftest import FAST_RETRIES, Caller


class _Failing(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A transport that raises what a misbehaving custom transport (or the OS) raises."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        raise self.error

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        raise self.error


@pytest.mark.parametrize(
    "error",
    [
        OSError(104, "Connection reset by peer"),
        ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
        ConnectionResetError("reset"),
        TimeoutError(),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError(""),
    ],
    ids=lambda error: type(error).__name__,
)
async def test_raw_transport_failures_become_connection_errors(
    make_caller: Callable[..., Caller], error: Exception
) -> None:
    transport = _Failing(error)
    caller = make_caller(transport=transport, retry_policy=FAST_RETRIES)
    with pytest.raises(AtlasConnectionError) as caught:
        await caller("health")
    assert str(caught.value).startswith("GET /api/v1/health ")
    assert type(error).__name__ in str(caught.value)
    assert transport.calls == 3  # a GET is retried: the first attempt and two retries
    if isinstance(error, TimeoutError):
        assert isinstance(caught.value, AtlasRequestTimeoutError)


async def test_a_post_that_may_have_reached_the_server_is_sent_once(make_caller: Callable[..., Caller]) -> None:
    from atlas_control_plane_client.models import AgentClassCreate

    transport = _Failing(httpx.ReadError("connection reset after the request was written"))
    caller = make_caller(transport=transport, retry_policy=FAST_RETRIES)
    with pytest.raises(AtlasConnectionError):
        await caller("create_agent_class", AgentClassCreate(name="x"), idempotency_key=None)
    assert transport.calls == 1


async def test_a_post_that_never_left_is_retried(make_caller: Callable[..., Caller]) -> None:
    from atlas_control_plane_client.models import AgentClassCreate

    transport = _Failing(httpx.ConnectError("connection refused"))
    caller = make_caller(transport=transport, retry_policy=FAST_RETRIES)
    with pytest.raises(AtlasConnectionError, match="never sent"):
        await caller("create_agent_class", AgentClassCreate(name="x"), idempotency_key=None)
    assert transport.calls == 3


async def test_calling_a_closed_async_client_is_a_typed_error(httpx_mock: HTTPXMock) -> None:
    client = ControlPlaneClient(base_url="http://control-plane.test")
    await client.close()
    with pytest.raises(AtlasClientClosedError, match=r"health\(\): the client is closed"):
        await client.health()
    assert httpx_mock.get_requests() == []


def test_calling_a_closed_sync_client_is_a_typed_error(httpx_mock: HTTPXMock) -> None:
    with SyncControlPlaneClient(base_url="http://control-plane.test") as client:
        pass
    with pytest.raises(AtlasClientClosedError, match=r"health\(\): the client is closed"):
        client.health()
    assert httpx_mock.get_requests() == []

"""Which engine serves a request: the default one, unless an httpx mock is active (then httpx, so the mock
intercepts default clients with no setup), a transport or client is given, or the configuration needs httpx;
and the default engine follows the event loop it is used in."""

from __future__ import annotations

import asyncio
import base64
import threading
from collections.abc import Iterator
from unittest import mock

import httpcore
import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_control_plane_client.models import AgentClassCreate
from atlas_extras import AtlasConnectionError, ControlPlaneClient

from .raw_server import RawServer

BASE_URL = "http://control-plane.test"
NOW = "2026-12-01T10:00:00Z"
CLASS = {"id": "4d9f5b8e-6c1a-4a7e-9a51-0123456789ab", "name": "x", "created_at": NOW, "updated_at": NOW}


async def test_httpx_mock_intercepts_a_default_client(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE_URL}/api/v1/agent-classes", status_code=201, json=CLASS)
    async with ControlPlaneClient(BASE_URL, api_key="sk-1") as client:
        created = await client.create_agent_class(AgentClassCreate(name="x"))
    assert created.name == "x"
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["Authorization"] == "Bearer sk-1"
    assert request.content == b'{"name":"x"}'


async def _httpx_mock(transport: object, request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"status": "mocked"}, request=request)


async def _httpcore_mock(pool: object, request: httpcore.Request) -> httpcore.Response:
    return httpcore.Response(200, headers=[(b"Content-Type", b"application/json")], content=b'{"status": "mocked"}')


async def test_each_request_takes_httpx_only_while_a_mock_is_active(server: RawServer) -> None:
    async with ControlPlaneClient(server.base_url) as client:
        assert (await client.health()).get("status") == "healthy"
        with mock.patch.object(httpx.AsyncHTTPTransport, "handle_async_request", _httpx_mock):  # pytest-httpx's way
            assert (await client.health()).get("status") == "mocked"
        with mock.patch.object(httpcore.AsyncConnectionPool, "handle_async_request", _httpcore_mock):  # respx's way
            assert (await client.health()).get("status") == "mocked"
        assert (await client.health()).get("status") == "healthy"
    assert len(server.requests) == 2


async def test_a_given_transport_serves_every_request() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "from the transport"})

    async with ControlPlaneClient(BASE_URL, transport=httpx.MockTransport(answer)) as client:
        assert (await client.health()).get("status") == "from the transport"
    assert len(seen) == 1


async def test_credentials_in_the_base_url_are_sent_as_httpx_sends_them(server: RawServer) -> None:
    async with ControlPlaneClient(server.base_url.replace("http://", "http://bob:secret@")) as client:
        await client.health()
    assert server.requests[0].header("Authorization") == "Basic " + base64.b64encode(b"bob:secret").decode()


# --- event loops ----------------------------------------------------------------------------------------


@pytest.fixture
def shared_server() -> Iterator[RawServer]:
    running = RawServer()
    yield running
    running.stop()


def test_a_client_made_outside_a_loop_serves_one_loop_after_another(shared_server: RawServer) -> None:
    client = ControlPlaneClient(shared_server.base_url)  # no loop runs here
    assert asyncio.run(client.health()).get("status") == "healthy"
    assert asyncio.run(client.health()).get("status") == "healthy"  # the first loop closed its connections
    asyncio.run(client.close())
    assert shared_server.connections == 2


def test_a_client_used_from_a_second_open_loop_says_so(shared_server: RawServer) -> None:
    client = ControlPlaneClient(shared_server.base_url, max_retries=0)
    first = asyncio.new_event_loop()
    try:
        first.run_until_complete(client.health())
        errors: list[BaseException] = []

        def elsewhere() -> None:
            try:
                asyncio.run(client.health())
            except BaseException as error:
                errors.append(error)

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join(10)
        [error] = errors
        assert isinstance(error, AtlasConnectionError)
        assert "another event loop" in str(error)
        assert "never sent" in str(error)
        assert first.run_until_complete(client.health()).get("status") == "healthy"  # its own loop still works
        first.run_until_complete(client.close())
    finally:
        first.run_until_complete(first.shutdown_asyncgens())
        first.close()

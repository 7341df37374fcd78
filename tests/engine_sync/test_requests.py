"""The default blocking engine sends what httpx sends: the same request line, headers and body for every
kind of request, and the same proxy routing (`proxy=`, `HTTP_PROXY`/`NO_PROXY`)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from uuid import UUID

import httpx
import pytest

from atlas_control_plane_client.models import AgentClassCreate, AgentClassUpdate, AgentDefinitionStatus
from atlas_extras import AtlasConnectionError, SyncControlPlaneClient

from ..engine.raw_server import RawServer, Request

CLASS_ID = UUID("00000000-0000-4000-8000-000000000001")

#: One call of each shape: a GET with a query (enum, ints), a bare GET, a POST with a body, a PATCH, a DELETE.
CALLS: dict[str, Callable[[SyncControlPlaneClient], object]] = {
    "list": lambda c: c.list_agent_definitions(status=AgentDefinitionStatus.DRAFT, limit=7, offset=14),
    "get": lambda c: c.get_agent_class(CLASS_ID),
    "create": lambda c: c.create_agent_class(AgentClassCreate(name='é ü "x"'), idempotency_key="k-1"),
    "update": lambda c: c.update_agent_class(CLASS_ID, AgentClassUpdate(description="new")),
    "delete": lambda c: c.delete_agent_class(CLASS_ID),
}


def sent(server: RawServer, transport: httpx.BaseTransport | None, call: Callable[..., object]) -> Request:
    before = len(server.requests)
    client = SyncControlPlaneClient(
        server.base_url, api_key="k", transport=transport, max_retries=0, headers={"X-Extra": "1"}
    )
    with client, contextlib.suppress(Exception):  # the canned answer need not fit the operation: the request matters
        call(client)
    assert len(server.requests) == before + 1
    return server.requests[-1]


def comparable(request: Request) -> tuple[str, list[tuple[str, str]], bytes]:
    headers = sorted((name.lower(), value) for name, value in request.headers if name.lower() != "x-request-id")
    return request.line, headers, request.body


@pytest.mark.parametrize("name", list(CALLS))
def test_the_request_is_the_one_httpx_sends(server: RawServer, name: str) -> None:
    ours = sent(server, None, CALLS[name])
    theirs = sent(server, httpx.HTTPTransport(), CALLS[name])
    assert comparable(ours) == comparable(theirs)


def test_a_query_is_encoded_as_httpx_encodes_it(server: RawServer) -> None:
    request = sent(server, None, CALLS["list"])
    assert request.line == "GET /api/v1/agent-definitions?status=draft&limit=7&offset=14 HTTP/1.1"


@pytest.fixture
def no_env_proxy(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def test_http_proxy_from_the_environment_is_used(server: RawServer, no_env_proxy: pytest.MonkeyPatch) -> None:
    no_env_proxy.setenv("HTTP_PROXY", server.base_url)
    with SyncControlPlaneClient("http://control-plane.invalid:8000", max_retries=0) as client:
        assert client.health().get("status") == "healthy"  # the "proxy" answered
    assert server.requests[0].line == "GET http://control-plane.invalid:8000/api/v1/health HTTP/1.1"


def test_no_proxy_excludes_a_host(server: RawServer, no_env_proxy: pytest.MonkeyPatch) -> None:
    no_env_proxy.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    no_env_proxy.setenv("NO_PROXY", "127.0.0.1")
    with SyncControlPlaneClient(server.base_url, max_retries=0) as client:
        assert client.health().get("status") == "healthy"
    assert server.requests[0].line == "GET /api/v1/health HTTP/1.1"


def test_an_explicit_proxy_wins_over_no_proxy(server: RawServer, no_env_proxy: pytest.MonkeyPatch) -> None:
    no_env_proxy.setenv("NO_PROXY", "*")
    proxy = server.base_url.replace("http://", "http://user:secret@")
    with SyncControlPlaneClient("http://control-plane.invalid", proxy=proxy, max_retries=0) as client:
        assert client.health().get("status") == "healthy"
    assert server.requests[0].line == "GET http://control-plane.invalid/api/v1/health HTTP/1.1"
    assert server.requests[0].header("Proxy-Authorization") == "Basic dXNlcjpzZWNyZXQ="


def test_a_host_that_does_not_resolve_is_never_sent(no_env_proxy: pytest.MonkeyPatch) -> None:
    client = SyncControlPlaneClient("http://control-plane.invalid", max_retries=0)
    with client, pytest.raises(AtlasConnectionError, match="never sent"):
        client.health()


def test_each_request_is_logged_on_httpx_logger_as_httpx_logs_it(
    server: RawServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    for transport in (None, httpx.HTTPTransport()):
        with SyncControlPlaneClient(server.base_url, transport=transport) as client:
            client.health()
    lines = [record.getMessage() for record in caplog.records if record.name == "httpx"]
    expected = f'HTTP Request: GET {server.base_url}/api/v1/health "HTTP/1.1 200 OK"'
    assert lines == [expected, expected]  # ours, then httpx's own

"""A server sees the same requests from either engine: request line, headers (names and values, in any
order and case) and body bytes, for every kind of request the clients send.

The one difference: aiohttp sends `Content-Length: 0` on a DELETE without a body (as requests and curl
do for a body-less request that may carry one); httpx sends it only on POST, PUT and PATCH."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from atlas_control_plane_client.models import AgentClassCreate, AgentClassUpdate, AgentDefinitionStatus
from atlas_extras import AtlasError, ControlPlaneClient
from atlas_extras.hooks import RequestEvent
from atlas_extras.transports import CancelSafeAsyncHTTPTransport

from .raw_server import RawServer, Request

ID = uuid.UUID("4d9f5b8e-6c1a-4a7e-9a51-0123456789ab")


def _seen(request: Request) -> tuple[str, list[tuple[str, str]], bytes]:
    return request.line, sorted((name.lower(), value) for name, value in request.headers), request.body


async def _send_every_kind(client: ControlPlaneClient) -> None:
    calls: list[Any] = [
        lambda o: client.health(**o),
        lambda o: client.list_agent_definitions(status=AgentDefinitionStatus.DRAFT, limit=2, offset=4, **o),
        lambda o: client.list_deployments(limit=5, **o),  # a boolean query parameter
        lambda o: client.create_agent_class(
            AgentClassCreate(name='caf\u00e9 \u2713 "quoted"', description="a/b?c=d&e"), idempotency_key="k-1", **o
        ),
        lambda o: client.update_agent_class(ID, AgentClassUpdate(description=None), **o),
        lambda o: client.delete_agent_class(ID, **o),
        lambda o: client.verify_model_provider(ID, **o),  # a POST without a body
        lambda o: client.health(extra_headers={"X-Tenant": "blue", "accept": "application/json"}, **o),
    ]
    for index, call in enumerate(calls):
        with contextlib.suppress(AtlasError):  # the server answers {"status": "healthy"} to everything
            await call({"request_id": f"req-{index}"})


@pytest.mark.parametrize("api_key", [None, "sk-test-123"])
async def test_both_engines_send_the_same_bytes(server: RawServer, api_key: str | None) -> None:
    seen = {}
    for engine in ("aiohttp", "httpx"):
        transport = CancelSafeAsyncHTTPTransport() if engine == "httpx" else None
        async with ControlPlaneClient(server.base_url, api_key=api_key, transport=transport, max_retries=0) as client:
            server.requests.clear()
            await _send_every_kind(client)
            seen[engine] = [_seen(request) for request in server.requests]
    assert len(seen["aiohttp"]) == 8
    for line, headers, _ in seen["aiohttp"]:
        if line.startswith("DELETE "):
            headers.remove(("content-length", "0"))
    assert seen["aiohttp"] == seen["httpx"]


async def test_each_request_is_logged_on_httpx_as_httpx_logs_it(
    server: RawServer, make_client: Callable[..., ControlPlaneClient], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    client = make_client(server.base_url)
    with contextlib.suppress(AtlasError):  # {"status": "healthy"} is no page
        await client.list_agent_definitions(limit=2, offset=4)
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name == "httpx"] == [
        (
            "httpx",
            logging.INFO,
            f'HTTP Request: GET {server.base_url}/api/v1/agent-definitions?limit=2&offset=4 "HTTP/1.1 200 OK"',
        )
    ]


class _AttemptHeader:
    """A hook that stamps each attempt's number on the request it sends."""

    def on_request(self, event: RequestEvent) -> None:
        event.headers["X-Attempt"] = str(event.attempt)


async def test_a_hook_changes_what_each_attempt_sends(
    server: RawServer, make_client: Callable[..., ControlPlaneClient]
) -> None:
    server.behaviour = "close after reading"
    client = make_client(server.base_url, hooks=[_AttemptHeader()])
    with contextlib.suppress(AtlasError):
        await client.health()
    assert [r.header("X-Attempt") for r in server.requests] == ["1", "2", "3"]

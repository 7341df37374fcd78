"""Faults only a real socket produces, over both engines: each failure is typed by what is known to have
reached the server, a POST without an idempotency key is sent at most once, GETs are retried per policy,
and no failure keeps a pool slot or a connection. The tests marked `all_engines` also hold over the opt-in
`aiohttp_transport()` (httpx-aiohttp), whose relabelled errors are classified by the aiohttp error behind them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import httpx
import pytest

from atlas_control_plane_client.models import AgentClassCreate
from atlas_extras import (
    AtlasConnectionError,
    AtlasRequestTimeoutError,
    AtlasResponseValidationError,
    AtlasServerError,
    ControlPlaneClient,
)

from .conftest import POOL_OF_2
from .raw_server import AFTER_SENDING, READ, RawServer, refused_port

MakeClient = Callable[..., ControlPlaneClient]


def attempts_seen(server: RawServer) -> int:
    """Attempts that reached the server: connections, since a server that closes at once reads nothing."""
    return server.connections


@pytest.mark.all_engines
@pytest.mark.parametrize("fault", AFTER_SENDING)
async def test_a_fault_after_sending_is_a_connection_error_and_a_post_without_key_goes_once(
    server: RawServer, make_client: MakeClient, fault: str
) -> None:
    server.behaviour = fault
    client = make_client(server.base_url)
    with pytest.raises(AtlasConnectionError) as caught:
        await client.create_agent_class(AgentClassCreate(name="once"), idempotency_key=None)
    assert not isinstance(caught.value, AtlasRequestTimeoutError)  # a refusal or reset is no timeout
    assert "never sent" not in str(caught.value)
    assert attempts_seen(server) == 1
    if fault in READ:
        assert server.posts() == 1


@pytest.mark.parametrize("fault", READ)
async def test_a_post_with_an_idempotency_key_and_a_get_are_retried_per_policy(
    server: RawServer, make_client: MakeClient, fault: str
) -> None:
    server.behaviour = fault
    client = make_client(server.base_url)
    with pytest.raises(AtlasConnectionError):
        await client.create_agent_class(AgentClassCreate(name="keyed"), idempotency_key="key-1")
    with pytest.raises(AtlasConnectionError):
        await client.health()
    assert [r.method for r in server.requests] == ["POST"] * 3 + ["GET"] * 3  # one try and two retries each
    assert {r.header("Idempotency-Key") for r in server.requests[:3]} == {"key-1"}


async def test_max_retries_zero_sends_a_get_once_even_when_the_connection_drops(
    server: RawServer, make_client: MakeClient
) -> None:
    """aiohttp alone would repeat the GET unseen; every attempt is the pipeline's."""
    server.behaviour = "close after reading"
    client = make_client(server.base_url, max_retries=0)
    with pytest.raises(AtlasConnectionError):
        await client.health()
    assert len(server.requests) == 1


@pytest.mark.all_engines
@pytest.mark.parametrize("fault", [*AFTER_SENDING, "drip", "bad gzip"])
async def test_no_failure_keeps_a_pool_slot(server: RawServer, make_client: MakeClient, fault: str) -> None:
    server.behaviour = fault
    client = make_client(server.base_url, limits=POOL_OF_2, max_retries=0, timeout=httpx.Timeout(5.0, pool=1.0))
    for _ in range(3):  # more failures than the pool has connections
        with pytest.raises((AtlasConnectionError, AtlasResponseValidationError)):
            await client.health(deadline=0.3)
    assert await server.all_closed()  # the client closed each failed connection at once
    server.behaviour = "ok"
    assert (await client.health()).get("status") == "healthy"


@pytest.mark.all_engines
async def test_a_drip_fed_body_ends_by_the_deadline_and_its_connection_is_closed(
    server: RawServer, make_client: MakeClient
) -> None:
    server.behaviour = "drip"  # every read comes in time: only the deadline can end it
    client = make_client(server.base_url)
    started = asyncio.get_running_loop().time()
    with pytest.raises(AtlasRequestTimeoutError) as caught:
        await client.health(deadline=0.5)
    assert caught.value.deadline_exceeded
    assert asyncio.get_running_loop().time() - started < 3.0  # generous: "does not hang"
    assert await server.all_closed()


@pytest.mark.all_engines
async def test_a_read_timeout_is_a_timeout_after_sending(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "hang"
    client = make_client(server.base_url, timeout=httpx.Timeout(5.0, read=0.2))
    with pytest.raises(AtlasRequestTimeoutError) as caught:
        await client.create_agent_class(AgentClassCreate(name="slow"), idempotency_key=None)
    assert "never sent" not in str(caught.value)
    assert server.posts() == 1
    with pytest.raises(AtlasRequestTimeoutError):
        await client.health()
    assert [r.method for r in server.requests] == ["POST", "GET", "GET", "GET"]
    assert await server.all_closed()


@pytest.mark.all_engines
async def test_a_refused_connection_is_a_connection_error_never_sent_so_even_a_post_is_retried(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="atlas_extras")
    client = make_client(f"http://127.0.0.1:{refused_port()}")
    with pytest.raises(AtlasConnectionError) as caught:
        await client.create_agent_class(AgentClassCreate(name="x"), idempotency_key=None)
    assert not isinstance(caught.value, AtlasRequestTimeoutError)
    assert "(the request was never sent)" in str(caught.value)
    assert sum(r.getMessage().startswith("Retrying POST") for r in caplog.records) == 2


async def test_waiting_for_a_pool_slot_times_out_as_never_sent(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "hang"
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    client = make_client(server.base_url, limits=limits, max_retries=0)
    busy = asyncio.create_task(client.health(timeout=5.0))
    assert await server.has_read(1)  # the only connection is taken
    with pytest.raises(AtlasRequestTimeoutError, match=r"never sent.*PoolTimeout"):
        await client.create_agent_class(AgentClassCreate(name="x"), timeout=httpx.Timeout(5.0, pool=0.2))
    assert server.posts() == 0
    busy.cancel()
    with pytest.raises(asyncio.CancelledError):
        await busy
    server.behaviour = "ok"
    assert (await client.health(timeout=httpx.Timeout(5.0, pool=1.0))).get("status") == "healthy"


@pytest.mark.all_engines
async def test_a_gzip_error_body_is_decoded_once(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "gzip 503"
    client = make_client(server.base_url, max_retries=0)
    with pytest.raises(AtlasServerError) as caught:
        await client.health()
    assert caught.value.detail == "compressed outage"
    assert caught.value.response.json() == {"detail": "compressed outage"}


@pytest.mark.all_engines
async def test_a_gzip_body_is_decoded(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "gzip 200"
    client = make_client(server.base_url)
    assert (await client.health()).get("status") == "healthy"
    raw = await client.with_raw_response.health()
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.json() == {"status": "healthy"}


@pytest.mark.all_engines
async def test_a_body_that_is_not_the_gzip_it_claims_is_not_retried(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "bad gzip"
    client = make_client(server.base_url)
    with pytest.raises(AtlasConnectionError):
        await client.health()
    assert len(server.requests) == 1  # a retry would get the same bytes


@pytest.mark.all_engines
async def test_a_header_that_is_not_utf8_still_gives_a_typed_error(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "non-UTF-8 header 503"
    client = make_client(server.base_url, max_retries=0)
    with pytest.raises(AtlasServerError) as caught:
        await client.health()
    assert caught.value.response.headers["X-Note"] == "caf\u00e9"  # read as httpx reads it (Latin-1)

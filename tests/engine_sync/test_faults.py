"""Faults only a real socket produces, over both blocking engines: each failure is typed by what is known
to have reached the server, a POST without an idempotency key is sent at most once, GETs are retried per
policy, a deadline ends a dripping response, and no failure keeps a pool slot or a connection."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import httpx
import pytest

from atlas_control_plane_client.models import AgentClassCreate
from atlas_extras import (
    AtlasConnectionError,
    AtlasRequestTimeoutError,
    AtlasResponseValidationError,
    AtlasServerError,
    SyncControlPlaneClient,
)

from ..engine.raw_server import AFTER_SENDING, READ, RawServer, refused_port
from .conftest import POOL_OF_2, all_closed

MakeClient = Callable[..., SyncControlPlaneClient]

HTTPX_DRIPPED_HEADERS = "httpx bounds each read of a header block, not the block: the deadline cannot end it there"


@pytest.mark.parametrize("fault", AFTER_SENDING)
def test_a_fault_after_sending_is_a_connection_error_and_a_post_without_key_goes_once(
    server: RawServer, make_client: MakeClient, fault: str
) -> None:
    server.behaviour = fault
    client = make_client(server.base_url)
    with pytest.raises(AtlasConnectionError) as caught:
        client.create_agent_class(AgentClassCreate(name="once"), idempotency_key=None)
    assert not isinstance(caught.value, AtlasRequestTimeoutError)  # a refusal or reset is no timeout
    assert "never sent" not in str(caught.value)
    assert server.connections == 1
    if fault in READ:
        assert server.posts() == 1


@pytest.mark.parametrize("fault", READ)
def test_a_post_with_an_idempotency_key_and_a_get_are_retried_per_policy(
    server: RawServer, make_client: MakeClient, fault: str
) -> None:
    server.behaviour = fault
    client = make_client(server.base_url)
    with pytest.raises(AtlasConnectionError):
        client.create_agent_class(AgentClassCreate(name="keyed"), idempotency_key="key-1")
    with pytest.raises(AtlasConnectionError):
        client.health()
    assert [r.method for r in server.requests] == ["POST"] * 3 + ["GET"] * 3  # one try and two retries each
    assert {r.header("Idempotency-Key") for r in server.requests[:3]} == {"key-1"}


def test_the_engines_fail_alike(server: RawServer, engine: str, make_client: MakeClient) -> None:
    server.behaviour = "close after reading"
    client = make_client(server.base_url, max_retries=0)
    with pytest.raises(AtlasConnectionError) as caught:
        client.health()
    assert "RemoteProtocolError: Server disconnected without sending a response." in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)


@pytest.mark.parametrize("fault", [*AFTER_SENDING, "drip", "drip headers", "bad gzip", "hang"])
def test_no_failure_keeps_a_pool_slot(server: RawServer, engine: str, make_client: MakeClient, fault: str) -> None:
    if engine == "httpx" and fault == "drip headers":
        pytest.skip(HTTPX_DRIPPED_HEADERS)
    server.behaviour = fault
    client = make_client(server.base_url, limits=POOL_OF_2, max_retries=0, timeout=httpx.Timeout(5.0, pool=1.0))
    for _ in range(3):  # more failures than the pool has connections
        with pytest.raises((AtlasConnectionError, AtlasResponseValidationError)):
            client.health(deadline=0.3)
    assert all_closed(server)  # the client closed each failed connection at once
    server.behaviour = "ok"
    assert client.health().get("status") == "healthy"


@pytest.mark.parametrize("fault", ["drip", "drip headers"])
def test_a_drip_fed_response_ends_by_the_deadline_and_its_connection_is_closed(
    server: RawServer, engine: str, make_client: MakeClient, fault: str
) -> None:
    if engine == "httpx" and fault == "drip headers":
        pytest.skip(HTTPX_DRIPPED_HEADERS)
    server.behaviour = fault  # every read comes in time: only the deadline can end it
    client = make_client(server.base_url)
    started = time.monotonic()
    with pytest.raises(AtlasRequestTimeoutError) as caught:
        client.health(deadline=0.5)
    assert caught.value.deadline_exceeded
    assert time.monotonic() - started < 3.0  # generous: "does not hang"
    assert all_closed(server)


def test_a_read_timeout_is_a_timeout_after_sending(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "hang"
    client = make_client(server.base_url, timeout=httpx.Timeout(5.0, read=0.2))
    with pytest.raises(AtlasRequestTimeoutError) as caught:
        client.create_agent_class(AgentClassCreate(name="slow"), idempotency_key=None)
    assert "never sent" not in str(caught.value)
    assert server.posts() == 1
    with pytest.raises(AtlasRequestTimeoutError):
        client.health()
    assert [r.method for r in server.requests] == ["POST", "GET", "GET", "GET"]
    assert all_closed(server)


def test_a_refused_connection_is_a_connection_error_never_sent_so_even_a_post_is_retried(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="atlas_extras")
    client = make_client(f"http://127.0.0.1:{refused_port()}")
    with pytest.raises(AtlasConnectionError) as caught:
        client.create_agent_class(AgentClassCreate(name="x"), idempotency_key=None)
    assert not isinstance(caught.value, AtlasRequestTimeoutError)
    assert "(the request was never sent)" in str(caught.value)
    assert sum(r.getMessage().startswith("Retrying POST") for r in caplog.records) == 2


def test_waiting_for_a_pool_slot_times_out_as_never_sent(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "hang"
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    client = make_client(server.base_url, limits=limits, max_retries=0)
    busy_failed: list[BaseException] = []

    def hold_the_only_connection() -> None:
        try:
            client.health(timeout=httpx.Timeout(5.0, read=1.0))
        except AtlasRequestTimeoutError as error:
            busy_failed.append(error)

    busy = threading.Thread(target=hold_the_only_connection)
    busy.start()
    while not server.requests:  # the only connection is taken
        time.sleep(0.01)
    with pytest.raises(AtlasRequestTimeoutError, match=r"never sent.*PoolTimeout"):
        client.create_agent_class(AgentClassCreate(name="x"), timeout=httpx.Timeout(5.0, pool=0.2))
    assert server.posts() == 0
    busy.join(10)
    assert len(busy_failed) == 1
    server.behaviour = "ok"
    assert client.health(timeout=httpx.Timeout(5.0, pool=1.0)).get("status") == "healthy"


def test_a_gzip_error_body_is_decoded_once(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "gzip 503"
    client = make_client(server.base_url, max_retries=0)
    with pytest.raises(AtlasServerError) as caught:
        client.health()
    assert caught.value.detail == "compressed outage"
    assert caught.value.response.json() == {"detail": "compressed outage"}


def test_a_gzip_body_is_decoded(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "gzip 200"
    client = make_client(server.base_url)
    assert client.health().get("status") == "healthy"
    raw = client.with_raw_response.health()
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.json() == {"status": "healthy"}


def test_a_body_that_is_not_the_gzip_it_claims_is_not_retried(server: RawServer, make_client: MakeClient) -> None:
    server.behaviour = "bad gzip"
    client = make_client(server.base_url)
    with pytest.raises(AtlasConnectionError):
        client.health()
    assert len(server.requests) == 1  # a retry would get the same bytes

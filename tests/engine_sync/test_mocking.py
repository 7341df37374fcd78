"""pytest-httpx's `httpx_mock` intercepts the default blocking clients with no setup: while it is active
their requests take the httpx path; once it ends they go straight to the network again."""

from __future__ import annotations

import pytest
from pytest_httpx import HTTPXMock

from atlas_extras import AtlasServerError, SyncControlPlaneClient, SyncWorkflowClient
from atlas_extras._sync_engine import SyncSocketEngine, httpx_is_mocked_sync

from ..engine.raw_server import RawServer

BASE_URL = "http://control-plane.test"


def test_httpx_mock_answers_a_default_client(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}/api/v1/health", json={"status": "mocked"})
    with SyncControlPlaneClient(BASE_URL) as client:
        assert isinstance(client._engine, SyncSocketEngine)
        assert client.health().get("status") == "mocked"
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["User-Agent"].startswith("atlas-control-plane-sdk/")


def test_httpx_mock_errors_and_retries_apply_as_over_httpx(httpx_mock: HTTPXMock) -> None:
    for _ in range(3):
        httpx_mock.add_response(url=f"{BASE_URL}/api/v1/health", status_code=503, json={"detail": "down"})
    with SyncWorkflowClient(BASE_URL, max_retries=2) as client, pytest.raises(AtlasServerError) as caught:
        client.health(deadline=None)
    assert caught.value.detail == "down"
    assert len(httpx_mock.get_requests()) == 3


def test_without_a_mock_requests_go_to_the_network(server: RawServer) -> None:
    assert not httpx_is_mocked_sync()
    with SyncControlPlaneClient(server.base_url) as client:
        assert client.health().get("status") == "healthy"
        engine = client._engine
        assert isinstance(engine, SyncSocketEngine)
        assert engine._httpx is None  # no httpx client was even made
    assert len(server.requests) == 1

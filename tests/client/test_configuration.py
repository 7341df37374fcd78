"""Configuration users expect from an httpx-based SDK: proxies, TLS options, User-Agent, version, bad arguments."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from importlib.metadata import version

import pytest

import atlas_extras
from atlas_extras import ControlPlaneClient, SyncControlPlaneClient

from ..engine.raw_server import RawServer
from .conftest import Caller


@pytest.fixture
def proxy() -> Iterator[RawServer]:
    """A "proxy" on 127.0.0.1 that answers every request itself and records its request line."""
    server = RawServer()
    yield server
    server.stop()


def _request_lines(proxy: RawServer) -> list[str]:
    return [request.line for request in proxy.requests]


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


async def test_proxy_environment_variables_route_traffic_through_the_proxy(
    proxy: RawServer, no_proxy_env: pytest.MonkeyPatch, make_caller: Callable[..., Caller]
) -> None:
    no_proxy_env.setenv("HTTP_PROXY", proxy.base_url)
    caller = make_caller(base_url="http://control-plane.invalid:8000")
    assert (await caller("health"))["status"] == "healthy"
    assert _request_lines(proxy) == ["GET http://control-plane.invalid:8000/api/v1/health HTTP/1.1"]


async def test_no_proxy_excludes_a_host(
    proxy: RawServer, no_proxy_env: pytest.MonkeyPatch, make_caller: Callable[..., Caller]
) -> None:
    from atlas_extras import AtlasConnectionError

    no_proxy_env.setenv("HTTP_PROXY", proxy.base_url)
    no_proxy_env.setenv("NO_PROXY", "control-plane.invalid")
    caller = make_caller(base_url="http://control-plane.invalid:8000", max_retries=0)
    with pytest.raises(AtlasConnectionError):
        await caller("health")  # straight to a host that does not resolve, not through the proxy
    assert _request_lines(proxy) == []


async def test_the_proxy_argument_routes_traffic_through_the_proxy(
    proxy: RawServer, no_proxy_env: pytest.MonkeyPatch, make_caller: Callable[..., Caller]
) -> None:
    caller = make_caller(base_url="http://control-plane.invalid", proxy=proxy.base_url)
    assert (await caller("health"))["status"] == "healthy"
    assert _request_lines(proxy) == ["GET http://control-plane.invalid/api/v1/health HTTP/1.1"]


@pytest.mark.parametrize("verify", [True, False, ssl.create_default_context()])
def test_verify_takes_a_bool_or_an_ssl_context(verify: bool | ssl.SSLContext) -> None:
    with SyncControlPlaneClient(base_url="https://control-plane.test", verify=verify):
        pass


def test_a_ca_bundle_path_is_accepted() -> None:
    import certifi

    with SyncControlPlaneClient(base_url="https://control-plane.test", verify=certifi.where()):
        pass


def test_the_user_agent_names_the_sdk_version_and_python(httpx_mock: object) -> None:
    from pytest_httpx import HTTPXMock

    assert isinstance(httpx_mock, HTTPXMock)
    httpx_mock.add_response(json={"status": "healthy"})
    with SyncControlPlaneClient(base_url="http://control-plane.test") as client:
        client.health()
    agent = httpx_mock.get_requests()[0].headers["User-Agent"]
    assert agent.startswith(f"atlas-control-plane-sdk/{atlas_extras.__version__} ")
    assert "Python/3." in agent or "Python 3." in agent


def test_the_version_comes_from_the_package_metadata() -> None:
    assert atlas_extras.__version__ == version("atlas-control-plane-sdk")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"limits": None}, TypeError, "limits must be an httpx.Limits"),
        ({"base_url": "http://control-plane.test/?x=1"}, ValueError, "query or fragment"),
        ({"base_url": "http://control-plane.test/#top"}, ValueError, "query or fragment"),
        ({"base_url": "ftp://control-plane.test"}, ValueError, "http"),
        ({"timeout": "5"}, TypeError, "timeout"),
        ({"timeout": float("nan")}, ValueError, "timeout"),
        ({"deadline": -1}, ValueError, "deadline"),
        ({"max_retries": "x"}, TypeError, "max_retries"),
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"verify": 3}, TypeError, "verify"),
        ({"http2": "yes"}, TypeError, "http2"),
        ({"headers": {"X-Name": "caf\u00e9"}}, ValueError, "ASCII"),
        ({"api_key": "key\nX-Injected: 1"}, ValueError, "api_key"),
    ],
)
def test_bad_construction_arguments_fail_at_once_naming_the_argument(
    kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    kwargs.setdefault("base_url", "http://control-plane.test")
    for cls in (SyncControlPlaneClient, ControlPlaneClient):
        with pytest.raises(error, match=match) as caught:
            cls(**kwargs)  # type: ignore[arg-type]
        assert cls.__name__ in str(caught.value)


def test_credentials_in_the_base_url_are_masked_in_the_repr_and_base_url() -> None:
    with SyncControlPlaneClient(base_url="http://admin:hunter2@control-plane.test", api_key="sk-abc") as client:
        assert "hunter2" not in repr(client)
        assert "sk-abc" not in repr(client)
        assert "hunter2" not in client.base_url

"""Proxies, TLS and pool limits mean on the default engine what they mean in httpx: each case runs over both
engines and must come out the same."""

from __future__ import annotations

import asyncio
import base64
import shutil
import ssl
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from atlas_extras import AtlasConnectionError, AtlasRequestTimeoutError, ControlPlaneClient

from .raw_server import RawServer

MakeClient = Callable[..., ControlPlaneClient]
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
UNRESOLVABLE = "http://control-plane.invalid:8000"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("variables", "proxied"),
    [
        ({"HTTP_PROXY": "{proxy}"}, True),
        ({"http_proxy": "{proxy}"}, True),
        ({"ALL_PROXY": "{proxy}"}, True),
        ({"HTTPS_PROXY": "{proxy}"}, False),  # for https:// targets only
        ({"HTTP_PROXY": "{proxy}", "NO_PROXY": "control-plane.invalid"}, False),
        ({"HTTP_PROXY": "{proxy}", "NO_PROXY": ".invalid"}, False),
        ({"HTTP_PROXY": "{proxy}", "NO_PROXY": "*"}, False),
        ({"HTTP_PROXY": "{proxy}", "NO_PROXY": "other.example,127.0.0.1"}, True),
    ],
)
async def test_proxy_variables_apply_as_in_httpx(
    server: RawServer, make_client: MakeClient, clean_env: pytest.MonkeyPatch, variables: dict[str, str], proxied: bool
) -> None:
    for name, value in variables.items():
        clean_env.setenv(name, value.format(proxy=server.base_url))
    client = make_client(UNRESOLVABLE, max_retries=0)
    if proxied:
        assert (await client.health()).get("status") == "healthy"
        assert [r.line for r in server.requests] == [f"GET {UNRESOLVABLE}/api/v1/health HTTP/1.1"]
    else:
        with pytest.raises(AtlasConnectionError):  # straight to a host that does not resolve
            await client.health()
        assert server.requests == []


async def test_the_proxy_url_credentials_go_to_the_proxy(
    server: RawServer, make_client: MakeClient, clean_env: pytest.MonkeyPatch
) -> None:
    proxy = server.base_url.replace("http://", "http://bob:p%40ss@")
    client = make_client(UNRESOLVABLE, proxy=proxy)
    await client.health()
    [request] = server.requests
    assert request.header("Proxy-Authorization") == "Basic " + base64.b64encode(b"bob:p@ss").decode()


async def test_an_https_target_goes_through_a_tunnel_a_refused_one_is_never_sent(
    server: RawServer, make_client: MakeClient, clean_env: pytest.MonkeyPatch
) -> None:
    server.behaviour = "407"
    client = make_client("https://control-plane.invalid", proxy=server.base_url.replace("http://", "http://bob:pw@"))
    with pytest.raises(AtlasConnectionError, match="never sent"):
        await client.health()
    assert [r.line for r in server.requests] == ["CONNECT control-plane.invalid:443 HTTP/1.1"] * 3  # retried
    assert {r.header("Proxy-Authorization") for r in server.requests} == {
        "Basic " + base64.b64encode(b"bob:pw").decode()
    }


# --- TLS ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate for 127.0.0.1 (its key beside it, as key.pem)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert


@pytest.fixture
def https_server(certificate: Path) -> Iterator[RawServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, certificate.parent / "key.pem")
    running = RawServer(tls=context)
    yield running
    running.stop()


def https_url(server: RawServer) -> str:
    return server.base_url.replace("http://", "https://")


async def test_an_unknown_certificate_is_refused_before_anything_is_sent(
    https_server: RawServer, make_client: MakeClient
) -> None:
    client = make_client(https_url(https_server), max_retries=0)
    with pytest.raises(AtlasConnectionError, match="never sent") as caught:
        await client.health()
    assert not isinstance(caught.value, AtlasRequestTimeoutError)
    assert https_server.requests == []


@pytest.mark.parametrize("verify", ["false", "context", "path"])
async def test_verify_false_a_context_or_a_ca_path_reach_the_server(
    https_server: RawServer, make_client: MakeClient, certificate: Path, verify: str
) -> None:
    options: dict[str, bool | str | ssl.SSLContext] = {
        "false": False,
        "context": ssl.create_default_context(cafile=str(certificate)),
        "path": str(certificate),
    }
    option = options[verify]
    client = make_client(https_url(https_server), verify=option)
    assert (await client.health()).get("status") == "healthy"
    assert len(https_server.requests) == 1


# --- the pool -------------------------------------------------------------------------------------------


async def test_at_most_max_connections_are_opened_and_they_are_reused(
    server: RawServer, make_client: MakeClient
) -> None:
    server.latency = 0.05
    client = make_client(server.base_url, limits=httpx.Limits(max_connections=3, max_keepalive_connections=3))
    await asyncio.gather(*(client.health() for _ in range(12)))
    assert server.peak_open == 3
    assert server.connections == 3
    for _ in range(3):
        await client.health()
    assert server.connections == 3  # kept alive and reused


async def test_a_keepalive_expiry_of_zero_opens_a_connection_per_request(
    server: RawServer, make_client: MakeClient
) -> None:
    client = make_client(server.base_url, limits=httpx.Limits(keepalive_expiry=0))
    for _ in range(3):
        await client.health()
    assert server.connections == 3


async def test_the_default_engine_keeps_no_cookies(server: RawServer) -> None:
    """A deliberate difference from an httpx client, which would send the cookie back: the Control Plane
    authenticates with the API key, and a cookie jar costs every request."""
    server.behaviour = "set cookie"
    async with ControlPlaneClient(server.base_url) as client:
        await client.health()
        await client.health()
    assert [r.header("Cookie") for r in server.requests] == [None, None]

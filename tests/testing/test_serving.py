"""Running the fake: on a loopback port from a context manager, as pytest fixtures, and as a command."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from importlib.metadata import entry_points

import httpx
import pytest

from atlas_extras.testing import FakeControlPlane

from .conftest import API, SPEC


def _fake_threads() -> set[str]:
    return {t.name for t in threading.enumerate() if t.name.startswith("atlas-fake-control-plane")}


def test_serve_yields_a_loopback_url_and_cleans_up() -> None:
    fake = FakeControlPlane(dataset="empty")
    before = _fake_threads()
    with fake.serve() as base_url:
        assert _fake_threads() - before == {f"atlas-fake-control-plane:{base_url.rsplit(':', 1)[1]}"}
        assert base_url.startswith("http://127.0.0.1:")
        assert fake.base_url == base_url
        response = httpx.get(f"{base_url}{API}/health")
        assert (response.status_code, response.json()["status"]) == (200, "healthy")
        with pytest.raises(RuntimeError, match="already serving"), fake.serve():
            pass
    assert _fake_threads() == before
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}{API}/health")
    with pytest.raises(RuntimeError, match="not serving"):
        _ = fake.base_url


def test_stopping_with_hung_requests_open_is_quick_and_clean() -> None:
    fake = FakeControlPlane(dataset="empty")
    before = _fake_threads()
    outcomes: list[object] = []

    def call(url: str) -> None:
        try:
            outcomes.append(httpx.get(f"{url}{API}/health", timeout=30).status_code)
        except httpx.HTTPError as error:  # pragma: no cover - the server answers 503 when it lets go
            outcomes.append(error)

    with fake.serve() as base_url:
        fake.inject_hang(operation="health")
        callers = [threading.Thread(target=call, args=(base_url,)) for _ in range(3)]
        for caller in callers:
            caller.start()
        while fake.stats.in_flight < 3:
            time.sleep(0.01)
        started = time.perf_counter()
    assert time.perf_counter() - started < 3
    for caller in callers:
        caller.join(5)
    assert outcomes == [503, 503, 503]
    assert _fake_threads() == before


def test_the_served_fake_answers_many_keep_alive_requests_quickly(fake_control_plane: FakeControlPlane) -> None:
    with httpx.Client(base_url=fake_control_plane.base_url) as client:
        client.get(f"{API}/health")
        started = time.perf_counter()
        for _ in range(50):
            assert client.get(f"{API}/agent-definitions", params={"limit": 5}).status_code == 200
        per_request = (time.perf_counter() - started) / 50
    assert per_request < 0.02  # no Nagle/delayed-ACK stall (that would be ~40 ms each)


def test_the_session_fixture_starts_each_test_clean_1(fake_control_plane: FakeControlPlane) -> None:
    httpx.post(f"{fake_control_plane.base_url}{API}/agent-classes", json={"name": "left behind"})
    fake_control_plane.inject_status(500)
    fake_control_plane.advance(3600)


def test_the_session_fixture_starts_each_test_clean_2(fake_control_plane: FakeControlPlane) -> None:
    response = httpx.get(f"{fake_control_plane.base_url}{API}/agent-classes")
    assert (response.status_code, response.headers["X-Total-Count"]) == (200, "4")
    assert fake_control_plane.stats.requests == {"list_agent_classes": 1}
    assert fake_control_plane.now() == pytest.approx(time.time(), abs=1)


async def test_the_in_process_fixture(fake_control_plane_inprocess: FakeControlPlane) -> None:
    assert not fake_control_plane_inprocess.serving
    async with fake_control_plane_inprocess.async_client() as client:
        assert (await client.get(f"{API}/agent-classes")).headers["X-Total-Count"] == "4"


def test_installing_the_package_registers_the_fixtures() -> None:
    plugins = {e.name: e.value for e in entry_points(group="pytest11")}
    assert plugins["atlas_fake_control_plane"] == "atlas_extras.testing.pytest_plugin"


def _start_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "atlas_extras.testing", "serve", "--port", "0", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert "serving on http://127.0.0.1:" in first, first + process.stderr.read() if process.stderr else ""
    return process, first.rsplit(" ", 1)[-1].strip()


def test_the_command_serves_until_ctrl_c() -> None:
    process, base_url = _start_cli(
        "--latency", "10ms", "--api-key", "k", "--fault", "503:1.0,op=list_tools,times=1", "--seed", "3"
    )
    try:
        assert httpx.get(f"{base_url}{API}/health").status_code == 200
        headers = {"Authorization": "Bearer k"}
        assert httpx.get(f"{base_url}{API}/tools", headers=headers).status_code == 503
        assert httpx.get(f"{base_url}{API}/tools", headers=headers).status_code == 200
        assert httpx.get(f"{base_url}{API}/tools").status_code == 401
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:  # pragma: no cover - only when the test already failed
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Stopped after 4 request(s)." in out
    assert "Traceback" not in err


def test_the_command_lists_operations_and_refuses_bad_faults() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "atlas_extras.testing", "operations"], capture_output=True, text=True, check=True
    )
    assert listed.stdout.split() == FakeControlPlane(dataset="empty").operations
    refused = subprocess.run(
        [sys.executable, "-m", "atlas_extras.testing", "serve", "--fault", "418:2"], capture_output=True, text=True
    )
    assert refused.returncode == 2
    assert "rate must be between 0 and 1" in refused.stderr


def test_the_contract_is_served_as_json_where_tools_look_for_it(fake_control_plane: FakeControlPlane) -> None:
    fake_control_plane.inject_status(503)  # the contract is not an operation: faults and tokens do not apply
    for path in ("/api/v1/openapi.json", "/openapi.json"):
        response = httpx.get(f"{fake_control_plane.base_url}{path}")
        assert (response.status_code, response.headers["content-type"]) == (200, "application/json"), path
        assert response.json() == SPEC
        assert response.headers["X-Request-ID"]
    refused = httpx.post(f"{fake_control_plane.base_url}/openapi.json")
    assert (refused.status_code, refused.headers["allow"]) == (405, "GET, HEAD")
    assert fake_control_plane.stats.total == 0


async def test_the_contract_needs_no_token() -> None:
    fake = FakeControlPlane(api_key="secret")
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as client:
        assert (await client.get(f"{API}/agent-classes")).status_code == 401
        served = await client.get(f"{API}/openapi.json")
    assert served.json()["info"]["version"] == SPEC["info"]["version"]

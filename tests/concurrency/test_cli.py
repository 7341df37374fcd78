"""`atlas-dashboard`: the demo against the embedded fake, and clean failures (exit status, one line, no
traceback) when the Control Plane is unreachable or refuses the key."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from atlas_extras.dashboard.cli import main
from atlas_extras.testing import FakeControlPlane


def _unused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_the_command_is_installed() -> None:
    [script] = [e for e in entry_points(group="console_scripts") if e.name == "atlas-dashboard"]
    assert script.value == "atlas_extras.dashboard.cli:main"


def test_the_demo_loads_the_dashboard_and_runs_the_six_patterns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--latency", "0.01"]) == 0
    out, err = capsys.readouterr()
    assert "embedded fake Control Plane at http://127.0.0.1:" in out
    assert "Agent classes   4" in out
    assert "Definitions     12" in out
    assert "ControlPlaneClient (async):" in out
    assert "SyncControlPlaneClient + ThreadRunner:" in out
    assert out.count("(5 requests at once); one after another:") == 2
    for number in range(1, 7):
        assert f"=== Pattern {number}:" in out
    assert "Processed 12 definitions" in out
    assert "4 of 5 classes fetched" in out
    assert "failed (the nil id, a deliberate 404): #4" in out
    assert "with an injected HTTP 500 on list_model_providers: health=healthy, providers.ok=False" in out
    assert "with an injected HTTP 500 on list_model_providers and an injected hang on list_deployments" in out
    assert "is down (deliberately: nothing listens there); the backup answered 'healthy'" in out
    assert (
        "deployments=None (the default: no answer within 0.3 s); list_deployments hangs because of an injected" in out
    )
    assert err == ""


ROUND_TRIP_CLAIM = re.compile(
    r"(?P<seconds>[\d.]+) s = (?P<ratio>[\d.]+|inf)x the slowest section alone: "
    r"(?P<verdict>1 round trip|more than 1 round trip) "
)


def test_one_round_trip_is_claimed_only_when_the_measured_ratio_shows_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--latency", "0.02", "--no-patterns"]) == 0
    claims = ROUND_TRIP_CLAIM.findall(capsys.readouterr().out)
    assert len(claims) == 2  # async and threads
    for _, ratio, verdict in claims:
        assert (verdict == "1 round trip") == (float(ratio) <= 1.5)


def test_an_unreachable_control_plane_is_one_line_and_status_3() -> None:
    command = [sys.executable, "-m", "atlas_extras.dashboard", "--base-url", _unused_url()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 3
    *waiting, error = result.stderr.splitlines()  # retrying takes over a second: a line says so
    assert error.startswith("atlas-dashboard: error: cannot reach the Control Plane at http://127.0.0.1:")
    assert re.search(r"(ConnectError|ClientConnectorError): \S", error)  # the cause, in words (per engine)
    assert all(line.startswith("atlas-dashboard: waiting for 5 of 5 sections") for line in waiting)
    assert "Traceback" not in result.stderr + result.stdout


def test_a_wrong_api_key_is_one_line_and_status_4(capsys: pytest.CaptureFixture[str]) -> None:
    fake = FakeControlPlane(api_key="the-right-key")
    with fake.serve() as base_url:
        assert main(["--base-url", base_url, "--api-key", "a-wrong-key"]) == 4
        assert main(["--base-url", base_url, "--api-key", "the-right-key", "--no-patterns"]) == 0
    err = capsys.readouterr().err
    assert (
        err
        == f"atlas-dashboard: error: authentication failed at {base_url} (HTTP 401): check --api-key or ATLAS_API_KEY\n"
    )


def test_a_bad_url_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base-url", "control-plane"]) == 2
    assert capsys.readouterr().err == (
        "atlas-dashboard: error: the base URL must be http(s)://HOST[:PORT], got 'control-plane'\n"
    )

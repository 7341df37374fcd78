"""`atlas-dashboard` as a user runs it (a subprocess): a hung Control Plane ends at `--timeout` with a
message and status 5, a closed pipe or a bad port ends without a traceback, ATLAS_BASE_URL is honoured,
a base URL ending in /api/v1 gets a hint, and the API key is never printed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from atlas_extras.dashboard import SECTIONS
from atlas_extras.dashboard.cli import main
from atlas_extras.testing import FakeControlPlane

from .conftest import SUBPROCESS_TIMEOUT, SilentServer, dashboard

ALL_SECTIONS = ", ".join(SECTIONS)
SECRET = "sk-never-print-me-42"


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_a_control_plane_that_never_answers_ends_at_the_timeout(silent_server: SilentServer) -> None:
    result = dashboard("--base-url", silent_server.url, "--timeout", "2", "--no-patterns")
    assert result.returncode == 5
    assert result.stdout == f"Atlas dashboard: connecting to {silent_server.url}, timeout 2 s\n"
    *waiting, error = result.stderr.splitlines()
    assert error == (
        f"atlas-dashboard: error: timed out after 2 s waiting for {ALL_SECTIONS} from {silent_server.url}"
        " (async); a slow Control Plane may need a larger --timeout"
    )
    assert waiting == [f"atlas-dashboard: waiting for 5 of 5 sections ({ALL_SECTIONS}): 1 s, timeout 2 s"]
    assert silent_server.accepted  # it did connect: the wait was for an answer


def test_the_timeout_also_bounds_each_pattern(capsys: pytest.CaptureFixture[str]) -> None:
    fake = FakeControlPlane()
    fake.inject_hang(operation="get_agent_definition_config")  # pattern 3 only: the dashboard loads
    with fake.serve() as base_url:
        assert main(["--base-url", base_url, "--timeout", "1"]) == 5
    out, err = capsys.readouterr()
    assert "=== Pattern 3:" in out
    assert "=== Pattern 4:" not in out
    assert err.splitlines()[-1] == "atlas-dashboard: error: pattern 3 did not finish within 1 s (--timeout 1)"


def test_the_timeout_defaults_to_30_s(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "(default 30)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf", "nan"])
def test_a_bad_timeout_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--timeout", value])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"atlas-dashboard: error: argument --timeout: must be a number of seconds > 0, got {value!r}"
    )


def test_a_closed_output_ends_quietly_with_status_141() -> None:
    command = [sys.executable, "-m", "atlas_extras.dashboard", "--latency", "0.01"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()  # like `atlas-dashboard | head -1`
        process.stdout.close()
        errors = process.stderr.read()
        assert process.wait(timeout=SUBPROCESS_TIMEOUT) == 141
    assert first.startswith("Atlas dashboard: embedded fake Control Plane at http://127.0.0.1:")
    assert errors == ""


def test_a_closed_output_shared_with_errors_ends_quietly_too() -> None:
    command = [sys.executable, "-m", "atlas_extras.dashboard", "--latency", "0.01"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        assert process.stdout is not None
        process.stdout.readline()  # like `atlas-dashboard 2>&1 | head -1`
        process.stdout.close()
        assert process.wait(timeout=SUBPROCESS_TIMEOUT) == 141  # a traceback would end with status 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://localhost:99999", "the base URL has port 99999, outside 1..65535: 'http://localhost:99999'"),
        ("http://localhost:0", "the base URL has port 0, outside 1..65535: 'http://localhost:0'"),
        ("http://localhost:http", "invalid base URL: Invalid port: 'http'"),
        ("localhost:8000", "the base URL must be http(s)://HOST[:PORT], got 'localhost:8000'"),
        ("ftp://user:pw@host", "the base URL must be http(s)://HOST[:PORT], got 'ftp://host'"),
    ],
)
def test_a_bad_base_url_is_one_line_and_status_2(url: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base-url", url]) == 2
    assert capsys.readouterr() == ("", f"atlas-dashboard: error: {message}\n")


def test_a_port_out_of_range_is_no_traceback_as_a_command_either() -> None:
    result = dashboard("--base-url", "http://localhost:99999")
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "atlas-dashboard: error: the base URL has port 99999, outside 1..65535: 'http://localhost:99999'\n"
    )


def test_atlas_base_url_is_used_without_base_url(fake_control_plane: FakeControlPlane) -> None:
    result = dashboard("--no-patterns", env={"ATLAS_BASE_URL": fake_control_plane.base_url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Atlas dashboard: connecting to {fake_control_plane.base_url} (from ATLAS_BASE_URL), timeout 30 s\n"
    )
    assert "  Agent classes   4" in result.stdout
    assert fake_control_plane.stats.total > 0


def test_base_url_wins_over_atlas_base_url(fake_control_plane: FakeControlPlane, silent_server: SilentServer) -> None:
    result = dashboard(
        "--base-url", fake_control_plane.base_url, "--no-patterns", env={"ATLAS_BASE_URL": silent_server.url}
    )
    assert result.returncode == 0, result.stderr
    assert not silent_server.accepted


def test_a_base_url_ending_in_api_v1_gets_a_hint(fake_control_plane: FakeControlPlane) -> None:
    result = dashboard("--base-url", f"{fake_control_plane.base_url}/api/v1/", "--no-patterns")
    assert result.returncode == 1  # every section: HTTP 404 at /api/v1/api/v1/...
    assert result.stderr.splitlines()[0] == (
        "atlas-dashboard: hint: the base URL ends in /api/v1, which every request path already starts with;"
        f" if requests fail with HTTP 404, try --base-url {fake_control_plane.base_url}"
    )
    assert "health: AtlasNotFoundError: GET /api/v1/api/v1/health -> HTTP 404" in result.stdout


@pytest.fixture(scope="module")
def keyed_fake() -> Iterator[str]:
    """A fake Control Plane that requires the API key `the-right-key`; yields its URL."""
    with FakeControlPlane(api_key="the-right-key").serve() as base_url:
        yield base_url


def test_the_right_key_from_atlas_api_key_loads_the_dashboard(keyed_fake: str) -> None:
    result = dashboard("--base-url", keyed_fake, "--no-patterns", env={"ATLAS_API_KEY": "the-right-key"})
    assert result.returncode == 0, result.stderr
    assert "the-right-key" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("scenario", "status"),
    [
        ("wrong key", 4),
        ("wrong key in ATLAS_API_KEY", 4),
        ("key while timing out", 5),
        ("misspelt option", 2),
        ("key in the URL", 4),
        ("key in a bad URL", 2),
    ],
)
def test_the_api_key_is_never_printed(scenario: str, status: int, keyed_fake: str, silent_server: SilentServer) -> None:
    host = keyed_fake.removeprefix("http://")
    runs = {
        "wrong key": (["--base-url", keyed_fake, "--api-key", SECRET], {}),
        "wrong key in ATLAS_API_KEY": (["--base-url", keyed_fake], {"ATLAS_API_KEY": SECRET}),
        "key while timing out": (["--base-url", silent_server.url, "--timeout", "1"], {"ATLAS_API_KEY": SECRET}),
        "misspelt option": (["--apikey", SECRET, "--base-url", keyed_fake], {}),
        "key in the URL": (["--base-url", f"http://user:{SECRET}@{host}", "--api-key", SECRET], {}),
        "key in a bad URL": (["--base-url", f"http://user:{SECRET}@localhost:99999/?key={SECRET}"], {}),
    }
    args, env = runs[scenario]
    result = dashboard(*args, "--no-patterns", env=env)
    assert result.returncode == status
    assert SECRET not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1].startswith("atlas-dashboard: error: ")
    assert_no_traceback(result)

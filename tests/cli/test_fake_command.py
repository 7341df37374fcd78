"""`atlas-fake-control-plane`: the same error style as `atlas-dashboard`, and no traceback for a bad port,
an address it cannot serve on, or a closed pipe."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from atlas_extras.testing._cli import main

from .conftest import SUBPROCESS_TIMEOUT, run

PROG = "python -m atlas_extras.testing"


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_bad_port_is_a_usage_error(port: str) -> None:
    result = run("atlas_extras.testing", "serve", "--port", port, "--api-key", "sk-hidden")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"{PROG} serve: error: argument --port: must be a port number within 0..65535, got {port!r}"
    )
    assert "Traceback" not in result.stderr
    assert "sk-hidden" not in result.stderr


def test_bad_settings_are_one_line_in_the_common_style(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--failure-rate", "2"]) == 2
    assert capsys.readouterr().err.startswith("atlas-fake-control-plane: error: ")


def test_an_address_it_cannot_serve_on_is_one_line_and_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "256.0.0.1", "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("atlas-fake-control-plane: error: cannot serve on 256.0.0.1:0: ")
    assert err.count("\n") == 1


def test_a_misspelt_key_option_is_not_echoed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--apikey", "sk-hidden"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --apikey ***" in err
    assert "sk-hidden" not in err


def test_a_closed_output_ends_quietly_with_status_141() -> None:
    command = [sys.executable, "-m", "atlas_extras.testing", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith("Fake Atlas Control Plane serving on http://127.0.0.1:")
        process.stdout.close()  # like `... | head -1`
        process.send_signal(signal.SIGINT)  # it then says "Stopped after ...", into the closed pipe
        errors = process.stderr.read()
        assert process.wait(timeout=SUBPROCESS_TIMEOUT) == 141
    assert errors == ""

"""The line `atlas-dashboard` shows while a load waits: only after its delay, saying what it waits for;
redrawn in place on a terminal and erased when the wait ends."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from atlas_extras.dashboard._waiting import WaitingLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def wait_for(condition: Callable[[], object], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_nothing_is_shown_for_a_wait_shorter_than_the_delay() -> None:
    stream = io.StringIO()
    with WaitingLine("tool", 30, stream=stream, delay=60) as line:
        line.update(["health", "deployments"])
        time.sleep(0.3)
        line.update([])
    assert stream.getvalue() == ""


def test_a_longer_wait_names_the_sections_awaited() -> None:
    stream = io.StringIO()
    with WaitingLine("tool", 30, stream=stream, delay=0.05) as line:
        line.update(["health", "agent_classes", "deployments"])
        line.update(["health", "deployments"])
        assert wait_for(lambda: stream.getvalue())
        line.update([])
    assert stream.getvalue().splitlines()[0] == (
        "tool: waiting for 2 of 3 sections (health, deployments): 0 s, timeout 30 s"
    )


def test_on_a_terminal_the_line_is_redrawn_in_place_and_erased() -> None:
    stream = Terminal()
    with WaitingLine("tool", 5, stream=stream, delay=0.05, interval=0.05) as line:
        line.update(["health"])
        assert wait_for(lambda: stream.getvalue().count("\r") >= 2)
        line.update([])
        shown = stream.getvalue()
    assert "\n" not in shown
    assert shown.startswith("\rtool: waiting for 1 of 1 sections (health): 0 s, timeout 5 s\x1b[K")
    assert shown.endswith("\r\x1b[K")

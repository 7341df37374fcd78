"""No failure path of the default engine leaves a socket, session or connector to the garbage collector:
the probe runs them all under `python -X dev -W error` (ResourceWarnings on) in a process of its own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEFT_BEHIND = re.compile(r"ResourceWarning|[Uu]nclosed|Exception ignored|Traceback")


def test_failures_cancellations_and_loop_changes_leave_nothing_behind() -> None:
    probe = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", "-m", "tests.engine.leak_probe"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert probe.stdout.strip() == "clean"
    assert LEFT_BEHIND.search(probe.stderr) is None, probe.stderr[-3000:]

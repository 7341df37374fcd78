"""One quick benchmark run (`python -m benchmarks --quick`) shared by the tests of this folder."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUICK_TIMEOUT = 300  # seconds; the quick run takes under a minute


BENCH = ROOT / "benchmarks"
PUBLISHED = (BENCH / "README.md", BENCH / "throughput.png")  # what only a full run rewrites


@dataclass(frozen=True)
class QuickRun:
    """What the quick run printed, the JSON it wrote and where, and the published files before and after."""

    stdout: str
    stderr: str
    report: dict[str, Any]
    path: Path
    published_before: tuple[bytes | None, ...]
    published_after: tuple[bytes | None, ...]


def _published() -> tuple[bytes | None, ...]:
    return tuple(path.read_bytes() if path.exists() else None for path in PUBLISHED)


@pytest.fixture(scope="session")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> QuickRun:
    out = tmp_path_factory.mktemp("bench")
    before = _published()
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=QUICK_TIMEOUT,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    path = out / "latest-quick.json"
    report = json.loads(path.read_text())
    return QuickRun(finished.stdout, finished.stderr, report, path, before, _published())

"""The benchmarks keep working: `python -m benchmarks --quick` runs every scenario against the fake (served
from its own process on 127.0.0.1) and fills every row of the table. No timing is asserted, ever: the figures
depend on the machine; only the shape of the report and the correctness checks the scenarios make (same item
order in every pagination, no item lost in the fan-out under faults)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {"1 dashboard", "2 fan-out", "3 pagination", "4 overhead", "5 memory", "6 retries"}
QUICK_TIMEOUT = 300  # seconds; the quick run takes about 30


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench")
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=QUICK_TIMEOUT,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    return finished.stdout, json.loads((out / "latest-quick.json").read_text())


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def test_every_scenario_has_rows(quick_run: tuple[str, dict[str, Any]]) -> None:
    _, report = quick_run
    assert {row["scenario"] for row in report["rows"]} == SCENARIOS
    assert report["mode"] == "quick"
    assert report["machine"]["cores"] >= 1


def test_every_row_is_filled(quick_run: tuple[str, dict[str, Any]]) -> None:
    _, report = quick_run
    for row in report["rows"]:
        assert _finite(row["ours"]), row
        assert all(_finite(value) for value in row["peers"].values()), row
        assert row["ratio"] is None or _finite(row["ratio"]), row
        assert row["target"] is None or row["met"] in (True, False), row
    compared = [row for row in report["rows"] if row["peers"]]
    assert len(compared) >= len(report["rows"]) - 1  # only the "items lost" check has no peer


def test_the_printed_table_lists_every_row(quick_run: tuple[str, dict[str, Any]]) -> None:
    table, report = quick_run
    for row in report["rows"]:
        assert row["measure"] in table


def test_no_item_is_lost_under_faults(quick_run: tuple[str, dict[str, Any]]) -> None:
    _, report = quick_run
    [lost] = [row for row in report["rows"] if row["measure"].startswith("items lost")]
    assert lost["ours"] == 0

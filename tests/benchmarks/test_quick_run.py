"""The benchmarks keep working: `python -m benchmarks --quick` runs every scenario against the fake (served
from its own process on 127.0.0.1) and fills every row of the table. No timing is asserted, ever: the figures
depend on the machine; only the shape of the report and the correctness checks the scenarios make (same item
order in every pagination, no item lost in the fan-out under faults, the pool whole after cancellations)."""

from __future__ import annotations

import importlib.util
import math

from benchmarks.cli import SCENARIOS
from benchmarks.sizes import QUICK

from .conftest import QuickRun

OWN_TABLES = {
    "1 dashboard", "2 fan-out", "3 pagination", "4 overhead", "5 memory", "6 retries", "8 cold start", "9 import",
    "10 cancellations",
}  # fmt: skip
OURS = ("ours async (default)", "ours async, httpx transport", "ours over aiohttp_transport()")
THREADS = "ours threads (ThreadRunner)"
RAW = ("raw aiohttp", "raw httpx", "raw httpx.Client threads")


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _rows(run: QuickRun, scenario: str) -> dict[str, dict[str, object]]:
    return {row["measure"]: row for row in run.report["rows"] if row["scenario"] == scenario}


def test_every_registered_scenario_ran_and_has_rows(quick_run: QuickRun) -> None:
    notes = quick_run.report["notes"]
    assert set(notes) == {scenario.key for scenario in SCENARIOS}
    assert all(notes[key]["rows"] for key in notes), {key: notes[key]["rows"] for key in notes}
    assert {row["scenario"] for row in quick_run.report["rows"]} >= OWN_TABLES
    assert quick_run.report["mode"] == "quick"
    assert quick_run.report["machine"]["cores"] >= 1
    assert set(quick_run.report["machine"]["default engines"]) == {"async", "sync"}


def test_every_row_is_filled(quick_run: QuickRun) -> None:
    for row in quick_run.report["rows"]:
        assert _finite(row["ours"]), row
        assert all(_finite(value) for value in row["peers"].values()), row
        assert row["ratio"] is None or _finite(row["ratio"]), row
        assert row["target"] is None or row["met"] in (True, False), row


def test_the_printed_table_lists_every_row(quick_run: QuickRun) -> None:
    for row in quick_run.report["rows"]:
        assert row["measure"] in quick_run.stdout


def test_the_sweep_has_every_client_at_every_concurrency(quick_run: QuickRun) -> None:
    sweep = quick_run.report["notes"]["fanout"]["sweep"]
    expected = {*OURS, THREADS, *RAW} | ({"raw httpx2"} if importlib.util.find_spec("httpx2") else set())
    assert set(sweep) == expected
    points = {str(point) for point in (*QUICK.sweep, QUICK.concurrency, QUICK.high_concurrency)}
    for name, figures in sweep.items():
        assert set(figures) == points, name
        for figure in figures.values():
            assert figure["rate"] > 0
            assert figure["cpu_us"] > 0
            assert len(figure["rates"]) == QUICK.heavy_repeats
    assert "| ours async (default) |" in quick_run.stdout  # the sweep table is printed


def test_the_fan_out_rows_are_the_targeted_points(quick_run: QuickRun) -> None:
    rows = _rows(quick_run, "2 fan-out")
    mid, high = QUICK.concurrency, QUICK.high_concurrency
    default_mid = rows[f"ours async (default), {mid} in flight"]
    assert (default_mid["ratio_of"], default_mid["target"]) == ("of raw aiohttp", "ratio >= 0.90")
    default_high = rows[f"ours async (default), {high} in flight"]
    assert (default_high["ratio_of"], default_high["target"]) == (f"of {mid} in flight", "ratio >= 1.00")
    threads = rows[f"{THREADS}, {mid} threads"]
    assert (threads["ratio_of"], threads["target"]) == ("of raw httpx.Client threads", "ratio >= 1.30")
    assert "failed or lost" not in quick_run.report["notes"]["fanout"]  # every GET of the sweep came back


def test_no_item_is_lost_under_faults(quick_run: QuickRun) -> None:
    [lost] = [row for row in quick_run.report["rows"] if row["measure"].startswith("items lost")]
    assert lost["ours"] == 0


def test_the_pool_survives_the_cancellations(quick_run: QuickRun) -> None:
    runs = quick_run.report["notes"]["cancellations"]["runs"]
    for name in ("ours async (default)", "ours async, httpx transport"):
        assert runs[name]["cancelled"] >= QUICK.cancellations, name
        assert runs[name]["followups_ok"] == QUICK.followups, name
        assert runs[name]["slots_lost"] == 0, name
    assert {"raw httpx", "raw aiohttp"} <= set(runs)
    assert all(row["met"] for row in _rows(quick_run, "10 cancellations").values())


def test_first_time_rows_cover_both_bytecode_modes(quick_run: QuickRun) -> None:
    for scenario, count in (("8 cold start", 4), ("9 import", 2)):
        measures = list(_rows(quick_run, scenario))
        for mode in ("with .pyc", "without the SDK's .pyc"):
            assert len([measure for measure in measures if measure.endswith(mode)]) == count, (scenario, mode)
    import_notes = quick_run.report["notes"]["import"]
    client = "from atlas_extras import ControlPlaneClient"
    assert "atlas_extras" in import_notes[f"import profile of {client}, with .pyc"]
    assert import_notes["modules loaded"][client] > import_notes["modules loaded"]["import httpx"]  # it needs httpx


def test_the_quick_run_leaves_the_published_figures_alone(quick_run: QuickRun) -> None:
    assert quick_run.published_after == quick_run.published_before

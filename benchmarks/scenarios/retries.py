"""Scenario 6: the fan-out with 5 % of responses a 503 with `Retry-After: 0`: every item must end as a
value or a reported error; throughput reported."""

from __future__ import annotations

import statistics

from ..fetchers import FanOutRun
from ..report import Row, Target
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from . import Context, Scenario
from ._fetching import OURS, RAW, fetch_runs, rates

TITLE = "6 retries"


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(
        latency=sizes.fanout_latency, definitions=sizes.retry_items, faults=(f"503:{sizes.retry_rate},retry_after=0",)
    )


def _failed(runs: dict[str, list[FanOutRun]]) -> dict[str, list[float]]:
    return {name: [float(run.tally.failed) for run in name_runs] for name, name_runs in runs.items()}


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    runs = fetch_runs(context, sizes.retry_items)
    throughput = Comparison(TITLE, "req/s", peers=RAW, reference=RAW, ratio_of="of best raw")
    failed = Comparison(TITLE, "items", peers=RAW, reference=(), ratio_of="")
    rows: list[Row] = []
    for name in OURS:
        rows.append(throughput.row(rates(runs), name, measure=f"{name}: throughput under 503s"))
        rows.append(failed.row(_failed(runs), name, measure=f"{name}: errors reported after retries"))
    lost = [run.tally.lost for name in OURS for run in runs[name]]
    accounted = [run.tally.ok + run.tally.failed for name in OURS for run in runs[name]]
    rows.append(
        Row(
            scenario=TITLE,
            measure="items lost (neither value nor error), all our variants and runs",
            unit="items",
            ours=float(sum(lost)),
            peers={},
            ratio=None,
            ratio_of="",
            target=Target("ours", "==", 0),
            notes=f"{len(lost)} runs of {sizes.retry_items} items; accounted per run: {statistics.median(accounted):g}",
        )
    )
    return rows


SCENARIO = Scenario("retries", "Retries under 5 % injected 503s", _server, run)

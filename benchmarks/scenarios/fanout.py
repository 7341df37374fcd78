"""Scenario 2: 2,000 GETs by id at concurrency 50 against a 20 ms fake: requests per second."""

from __future__ import annotations

from ..fetchers import FanOutRun
from ..report import Row, Target
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from . import Context, Scenario
from ._fetching import OURS, RAW, fetch_runs, rates

TARGET = Target("ratio", ">=", 0.9)


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(latency=sizes.fanout_latency, definitions=sizes.fanout_items)


def _failures(runs: list[FanOutRun]) -> str:
    failed = sum(run.tally.failed + run.tally.lost for run in runs)
    return f"{failed} item(s) failed or lost" if failed else ""


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    runs = fetch_runs(context, sizes.fanout_items)
    comparison = Comparison(
        scenario="2 fan-out",
        unit="req/s",
        peers=RAW,
        reference=RAW,
        ratio_of="of best raw",
        fixed={"ideal": sizes.concurrency / sizes.fanout_latency},
    )
    samples = rates(runs)
    return [comparison.row(samples, name, target=TARGET, notes=_failures(runs[name])) for name in OURS]


SCENARIO = Scenario("fanout", "Fan-out: GETs by id, bounded concurrency", _server, run)

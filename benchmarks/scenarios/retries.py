"""Scenario 6: the fan-out with 5 % of responses a 503 with `Retry-After: 0`: every item must end as a
value or a reported error; throughput and the share of items that failed after retries reported."""

from __future__ import annotations

from ..fetchers import FanOutRun
from ..report import Row, Target
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from . import Context, Scenario
from ._fetching import OURS, RAW, RAW_AIOHTTP, fetch_runs, rates

TITLE = "6 retries"


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(
        latency=sizes.fanout_latency,
        definitions=sizes.fanout_definitions,
        faults=(f"503:{sizes.retry_rate},retry_after=0",),
    )


def _failed_percent(runs: dict[tuple[str, int], list[FanOutRun]]) -> dict[str, list[float]]:
    return {
        name: [100 * run.tally.failed / max(run.tally.items, 1) for run in name_runs]
        for (name, _), name_runs in runs.items()
    }


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    runs = fetch_runs(context, [sizes.concurrency], sizes.retry_seconds)
    names = [name for name, _ in runs]
    raw = tuple(name for name in RAW if name in names)
    throughput = Comparison(TITLE, "req/s", peers=raw, reference=(RAW_AIOHTTP,), ratio_of="of raw aiohttp")
    failed = Comparison(TITLE, "% items", peers=raw, reference=(), ratio_of="")
    rows: list[Row] = []
    ours = [name for name in OURS if name in names]
    for name in ours:
        rows.append(throughput.row(rates(runs, sizes.concurrency), name, measure=f"{name}: throughput under 503s"))
        rows.append(failed.row(_failed_percent(runs), name, measure=f"{name}: items failed after retries"))
    ours_runs = [run for (name, _), name_runs in runs.items() if name in ours for run in name_runs]
    items = sum(run.tally.items for run in ours_runs)
    rows.append(
        Row(
            scenario=TITLE,
            measure="items lost (neither value nor error), all our variants and runs",
            unit="items",
            ours=float(sum(run.tally.lost for run in ours_runs)),
            peers={},
            ratio=None,
            ratio_of="",
            target=Target("ours", "==", 0),
            notes=f"{len(ours_runs)} runs, {items} items in all",
        )
    )
    return rows


SCENARIO = Scenario("retries", "Retries under 5 % injected 503s", _server, run)

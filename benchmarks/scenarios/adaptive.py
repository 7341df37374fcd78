"""Scenario 11: adaptive concurrency against a server that sustains 16 requests in flight (the fake behind a
capacity limit: any request beyond 16 gets a 429 at once). GETs by id, 20 ms each, through `fan_out` at
fixed concurrencies and with `adaptive=True` (ceiling 64): total time, 429s the server sent (retries
included), and items that ended in an error. Runs are interleaved."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from atlas_extras import ControlPlaneClient
from atlas_extras.concurrency import AdaptiveConcurrency, fan_out
from atlas_extras.testing import seed_id

from ..capacity import CapacityServerConfig, fetch_stats
from ..report import Row, Target
from ..rows import Comparison
from ..sizes import QUICK, Sizes
from ..timing import Trial, in_event_loop, interleave
from . import Context, Scenario

TITLE = "11 adaptive"
CAPACITY = 16
CEILING = 64
FIXED = (4, 8, 16, 32, 64)
ITEMS = 2_000
QUICK_ITEMS = 100
_TIMEOUT = 30.0


@dataclass(frozen=True)
class Variant:
    """One way to fetch: a concurrency (the ceiling when adaptive), the client's retries, the settings."""

    concurrency: int
    max_retries: int = 2
    adaptive: AdaptiveConcurrency | None = None

    @property
    def name(self) -> str:
        if self.adaptive is None:
            return f"fixed {self.concurrency}"
        reruns = f", reruns={self.adaptive.reruns}" if self.adaptive.reruns else ""
        return f"adaptive <= {self.concurrency} (max_retries={self.max_retries}{reruns})"


#: The SDK's default retries (the controller learns of their 429s from slower calls), and retries moved
#: from the SDK to the fan-out (it sees each 429 at once and runs the item again).
ADAPTIVE = (
    Variant(CEILING, adaptive=AdaptiveConcurrency()),
    Variant(CEILING, max_retries=0, adaptive=AdaptiveConcurrency(reruns=5)),
)
VARIANTS = (*(Variant(level) for level in FIXED), *ADAPTIVE)


@dataclass(frozen=True)
class AdaptiveRun:
    """One timed fetch of every id: seconds, 429s the server sent, items failed, the limit at the end."""

    seconds: float
    rejected: int
    failed: int
    limit: int


def _items(sizes: Sizes) -> int:
    return QUICK_ITEMS if sizes.deadline <= QUICK.deadline else ITEMS


def _server(sizes: Sizes) -> CapacityServerConfig:
    return CapacityServerConfig(latency=sizes.fanout_latency, definitions=_items(sizes), capacity=CAPACITY)


def _trial(base_url: str, ids: Sequence[UUID], variant: Variant) -> Trial[AdaptiveRun]:
    async def trial() -> AdaptiveRun:
        async with ControlPlaneClient(base_url, timeout=_TIMEOUT, max_retries=variant.max_retries) as client:
            warm = ids[:CAPACITY]  # open connections first, within the capacity
            await fan_out(client.get_agent_definition, warm, max_concurrency=CAPACITY).collect()
            before = fetch_stats(base_url).rejected
            start = time.perf_counter()
            run = fan_out(
                client.get_agent_definition,
                ids,
                max_concurrency=variant.concurrency,
                adaptive=variant.adaptive or False,
            )
            outcomes = await run.collect()
            seconds = time.perf_counter() - start
        return AdaptiveRun(seconds, fetch_stats(base_url).rejected - before, len(outcomes.errors), run.limit)

    return in_event_loop(trial)


def _figures(runs: dict[str, list[AdaptiveRun]], field: str) -> dict[str, list[float]]:
    return {name: [float(getattr(run, field)) for run in variant_runs] for name, variant_runs in runs.items()}


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    ids = [UUID(seed_id("definition", index)) for index in range(_items(sizes))]
    trials = {variant.name: _trial(context.base_url, ids, variant) for variant in VARIANTS}
    runs = interleave(trials, sizes.heavy_repeats, sizes.deadline)
    fixed = [Variant(level).name for level in FIXED]
    at_ceiling = Variant(CEILING).name
    seconds = Comparison(TITLE, "s", peers=fixed, reference=fixed, ratio_of="of best fixed", better="lower")
    rejected = Comparison(TITLE, "429s", peers=fixed, reference=(at_ceiling,), ratio_of=f"of {at_ceiling}")
    failed = Comparison(TITLE, "items", peers=fixed, reference=(), ratio_of="")
    rows: list[Row] = []
    for variant in ADAPTIVE:
        name = variant.name
        limits = sorted(run.limit for run in runs[name])
        notes = f"limit at the end: {statistics.median(limits):g} (capacity {CAPACITY})"
        rows.append(
            seconds.row(_figures(runs, "seconds"), name, measure=f"{name}: time", target=Target("ratio", "<=", 1.0))
        )
        fewer = Target("ratio", "<=", 1.0)
        rows.append(rejected.row(_figures(runs, "rejected"), name, measure=f"{name}: 429s", target=fewer, notes=notes))
        target = Target("ours", "==", 0) if variant.adaptive and variant.adaptive.reruns else None
        rows.append(failed.row(_figures(runs, "failed"), name, measure=f"{name}: items failed", target=target))
    context.notes["runs"] = {name: [vars(run) for run in variant_runs] for name, variant_runs in runs.items()}
    return rows


SCENARIO = Scenario("adaptive", "Adaptive concurrency against a capacity of 16", _server, run)

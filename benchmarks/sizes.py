"""How big each scenario is: the full run (the issue's figures) and the quick one (the test suite's)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Sizes:
    """Every size and latency the scenarios use; `repeats` rounds each, no new round after `deadline` seconds."""

    repeats: int
    heavy_repeats: int  # the fan-out sweep and the retry scenario: a round of those takes a minute or more
    deadline: float
    dashboard_latency: float
    dashboard_loads: int  # timed loads per trial (after one that opens the connections)
    fresh_repeats: int  # rounds of fresh processes (cold dashboard, import): each costs well under a second
    fanout_latency: float
    fanout_definitions: int  # ids the fan-out cycles through (the fake serves that many definitions)
    concurrency: int  # the fan-out's targeted point, and the threads of the ThreadRunner rows
    high_concurrency: int  # the "no collapse" point
    sweep: tuple[int, ...]  # every in-flight count of the throughput figure
    sweep_seconds: float  # each sweep point feeds ids for this long, then waits for the calls in flight
    page_items: int
    page_size: int
    prefetch: int
    page_latency: float
    overhead_get_calls: int
    overhead_list_calls: int
    memory_items: tuple[int, int]
    memory_latency: float
    memory_work: float
    memory_parallel: bool  # run the memory probes at once (quick: figures stay valid, timings do not matter)
    retry_seconds: float
    retry_rate: float
    cancellations: int
    cancel_pool: int
    cancel_latency: float
    followups: int  # requests made after the cancellations

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: The issue's sizes. The sweep feeds each of its 5 points x 8 clients for 2 s (plus the calls in flight at
#: the end, and an untimed warm-up that opens the connections) instead of a fixed 2,000 ids: a client that
#: collapses to ~14 req/s at 200 in flight would need 2.5 minutes per point for 2,000 ids, and the full
#: run must stay under about 20 minutes on 2 cores. Rates over 2 s of steady load differ from 2,000-id
#: runs by less than the run-to-run noise (the tail, at most one latency plus the calls' CPU, is included).
FULL = Sizes(
    repeats=5,
    heavy_repeats=3,
    deadline=400.0,
    dashboard_latency=0.050,
    dashboard_loads=3,
    fresh_repeats=8,
    fanout_latency=0.020,
    fanout_definitions=2_000,
    concurrency=50,
    high_concurrency=200,
    sweep=(10, 20, 50, 100, 200),
    sweep_seconds=2.0,
    page_items=10_000,
    page_size=100,
    prefetch=8,
    page_latency=0.010,
    overhead_get_calls=2_000,
    overhead_list_calls=100,
    memory_items=(10_000, 100_000),
    memory_latency=0.005,
    memory_work=0.001,
    memory_parallel=False,
    retry_seconds=3.0,
    retry_rate=0.05,
    cancellations=1_000,
    cancel_pool=5,
    cancel_latency=0.050,
    followups=100,
)

#: What the quick run changes: small enough for the test suite (well under a minute with the fakes' start-up),
#: so its figures are not meaningful.
_QUICK_CHANGES: dict[str, Any] = {
    "repeats": 2, "heavy_repeats": 1, "deadline": 10.0, "dashboard_loads": 1, "fresh_repeats": 1,
    "fanout_definitions": 200, "concurrency": 10, "high_concurrency": 20, "sweep": (10, 20), "sweep_seconds": 0.2,
    "page_items": 1_000, "overhead_get_calls": 100, "overhead_list_calls": 5, "memory_items": (500, 2_000),
    "memory_latency": 0.0, "memory_work": 0.0, "memory_parallel": True, "retry_seconds": 0.3,
    "cancellations": 60, "followups": 20,
}  # fmt: skip
QUICK = replace(FULL, **_QUICK_CHANGES)

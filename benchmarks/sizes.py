"""How big each scenario is: the full run (the issue's figures) and the quick one (the test suite's)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Sizes:
    """Every size and latency the scenarios use; `repeats` rounds each, no new round after `deadline` seconds."""

    repeats: int
    heavy_repeats: int  # the fan-out and retry scenarios: a round of those takes a minute or two
    deadline: float
    dashboard_latency: float
    dashboard_loads: int  # timed loads per trial (after one that opens the connections)
    fanout_items: int
    fanout_latency: float
    concurrency: int
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
    retry_items: int
    retry_rate: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: The issue's sizes.
FULL = Sizes(
    repeats=5,
    heavy_repeats=3,
    deadline=400.0,
    dashboard_latency=0.050,
    dashboard_loads=3,
    fanout_items=2_000,
    fanout_latency=0.020,
    concurrency=50,
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
    retry_items=2_000,
    retry_rate=0.05,
)

#: What the quick run changes: small enough for the test suite (about 30 s with the fakes' start-up), so
#: its figures are not meaningful.
_QUICK_CHANGES: dict[str, Any] = {
    "repeats": 2, "heavy_repeats": 1, "deadline": 10.0, "dashboard_loads": 1, "fanout_items": 60,
    "page_items": 1_000, "overhead_get_calls": 100, "overhead_list_calls": 5, "memory_items": (500, 2_000),
    "memory_latency": 0.0, "memory_work": 0.0, "memory_parallel": True, "retry_items": 60,
}  # fmt: skip
QUICK = replace(FULL, **_QUICK_CHANGES)

"""Scenario 5: stream N items through pagination and a bounded fan-out, for two N: peak RSS growth and peak
live tasks (threads), next to the collect-then-gather pattern. Each figure comes from a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

from ..report import Row, Target
from ..server import ServerConfig
from ..sizes import Sizes
from . import Context, Scenario

TITLE = "5 memory"
FLAT = Target("ratio", "<=", 1.5)
_PROBE_TIMEOUT = 300.0
# Besides the fan-out's tasks (threads) and the prefetched pages': the main task and the sampler (async);
# the main thread and the sampler (threads).
_OVERHEAD = 2


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(latency=sizes.memory_latency, definitions=max(sizes.memory_items))


def _start(context: Context, mode: str, items: int) -> subprocess.Popen[str]:
    sizes = context.sizes
    arguments = [mode, context.base_url, items, sizes.page_size, sizes.prefetch, sizes.concurrency, sizes.memory_work]
    command = [sys.executable, "-m", "benchmarks.memory_probe", *map(str, arguments)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(context: Context, probe: subprocess.Popen[str], mode: str, items: int) -> dict[str, float]:
    try:
        stdout, stderr = probe.communicate(timeout=_PROBE_TIMEOUT)
    finally:
        probe.kill()  # no-op when it has exited
    if probe.returncode != 0:
        raise RuntimeError(f"memory probe {mode} {items} failed:\n{stderr[-2000:]}")
    result: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    if result["items"] != items:
        raise AssertionError(f"memory probe {mode} streamed {result['items']} of {items} items")
    context.log(f"   {mode:13s} N={items:>7,}: {result}")
    return result


def _probes(context: Context, plan: Sequence[tuple[str, int]]) -> dict[str, dict[str, float]]:
    """Each probe in its own process: one after another, or all at once when the sizes say so."""
    batch = len(plan) if context.sizes.memory_parallel else 1
    results: dict[str, dict[str, float]] = {}
    for first in range(0, len(plan), batch):
        chunk = plan[first : first + batch]
        started = [(_start(context, mode, items), mode, items) for mode, items in chunk]
        for probe, mode, items in started:
            results[f"{mode} {items}"] = _finish(context, probe, mode, items)
    return results


def _rows(
    mode: str, unit_key: str, unit: str, results: dict[str, dict[str, float]], bound: float, sizes: Sequence[int]
) -> list[Row]:
    small, large = sizes
    ours_small, ours_large, naive = (
        results[f"{mode} {small}"],
        results[f"{mode} {large}"],
        results[f"naive-{mode} {large}"],
    )
    growth = ours_large["rss_growth_mb"]
    live = ours_large[unit_key]
    return [
        Row(
            TITLE,
            f"{mode}: peak RSS growth, N={large:,}",
            "MB",
            growth,
            {f"ours N={small:,}": ours_small["rss_growth_mb"], f"naive N={large:,}": naive["rss_growth_mb"]},
            growth / ours_small["rss_growth_mb"] if ours_small["rss_growth_mb"] > 0 else None,
            f"N={large:,} / N={small:,}",
            FLAT,
        ),
        Row(
            TITLE,
            f"{mode}: peak live {unit}, N={large:,}",
            unit,
            live,
            {f"ours N={small:,}": ours_small[unit_key], f"naive N={large:,}": naive[unit_key]},
            live / ours_small[unit_key],
            f"N={large:,} / N={small:,}",
            Target("ours", "<=", bound),
        ),
    ]


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    small, large = sizes.memory_items
    plan = [("async", small), ("async", large), ("naive-async", large)]
    plan += [("threads", small), ("threads", large), ("naive-threads", large)]
    results = _probes(context, plan)
    context.notes["probes"] = results
    bound = sizes.concurrency + sizes.prefetch + _OVERHEAD
    return [
        *_rows("async", "peak_tasks", "tasks", results, bound, sizes.memory_items),
        *_rows("threads", "peak_threads", "threads", results, bound, sizes.memory_items),
    ]


SCENARIO = Scenario("memory", "Memory: streaming through pagination and fan-out", _server, run)

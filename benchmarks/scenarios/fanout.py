"""Scenario 2: GETs by id against a 20 ms fake, at every concurrency of the sweep (10 to 200 in flight), for
each of our clients and each raw peer: requests per second and client CPU per request. The rows pick the
targeted points (50 and 200 in flight); the whole sweep goes into the notes, the throughput figure
(`benchmarks.plot`) and the README's sweep table."""

from __future__ import annotations

import asyncio
import functools
import statistics
from collections.abc import Sequence

from ..fetchers import FanOutRun, rate_trial
from ..profiling import breakdown
from ..report import Row, Target, format_number
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from . import Context, Scenario
from ._fetching import (
    OURS_DEFAULT,
    OURS_THREADS,
    RAW,
    RAW_AIOHTTP,
    RAW_THREADS,
    contenders,
    definition_ids,
    fetch_runs,
    rates,
)

TITLE = "2 fan-out"
OF_AIOHTTP = Target("ratio", ">=", 0.9)
NO_COLLAPSE = Target("ratio", ">=", 1.0)
THREADS_TARGET = Target("ratio", ">=", 1.3)
Runs = dict[tuple[str, int], list[FanOutRun]]


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(latency=sizes.fanout_latency, definitions=sizes.fanout_definitions)


def _median(runs: Sequence[FanOutRun], field: str) -> float:
    return float(statistics.median(getattr(run, field) for run in runs))


def sweep_data(runs: Runs) -> dict[str, dict[str, dict[str, float | list[float]]]]:
    """client -> concurrency (as a string, for JSON) -> median rate, median CPU us per request, every rate."""
    data: dict[str, dict[str, dict[str, float | list[float]]]] = {}
    for (name, concurrency), name_runs in runs.items():
        data.setdefault(name, {})[str(concurrency)] = {
            "rate": _median(name_runs, "rate"),
            "cpu_us": _median(name_runs, "cpu_us"),
            "rates": [run.rate for run in name_runs],
        }
    return data


def _failures(runs: Runs) -> dict[str, int]:
    counted: dict[str, int] = {}
    for (name, concurrency), name_runs in runs.items():
        bad = sum(run.tally.failed + run.tally.lost for run in name_runs)
        if bad:
            counted[f"{name}, {concurrency} in flight"] = bad
    return counted


def _cpu_note(runs: Runs, name: str, concurrency: int, peer: str) -> str:
    ours, theirs = _median(runs[name, concurrency], "cpu_us"), _median(runs[peer, concurrency], "cpu_us")
    return f"client CPU {format_number(ours)} us/request ({peer} {format_number(theirs)})"


def _rows(runs: Runs, sizes: Sizes, names: Sequence[str]) -> list[Row]:
    mid, high, latency = sizes.concurrency, sizes.high_concurrency, sizes.fanout_latency
    raw = tuple(name for name in RAW if name in names)
    at_mid = Comparison(
        TITLE, "req/s", peers=raw, reference=(RAW_AIOHTTP,), ratio_of="of raw aiohttp", fixed={"ideal": mid / latency}
    )
    threads = Comparison(
        TITLE,
        "req/s",
        peers=raw,
        reference=(RAW_THREADS,),
        ratio_of=f"of {RAW_THREADS}",
        fixed={"ideal": mid / latency},
    )
    samples = rates(runs, mid)
    rows = []
    for name in names:
        if name in RAW:
            continue
        comparison, target = (threads, THREADS_TARGET) if name == OURS_THREADS else (at_mid, None)
        target = OF_AIOHTTP if name == OURS_DEFAULT else target
        peer = RAW_THREADS if name == OURS_THREADS else RAW_AIOHTTP
        measure = f"{name}, {mid} {'threads' if name == OURS_THREADS else 'in flight'}"
        rows.append(
            comparison.row(samples, name, measure=measure, target=target, notes=_cpu_note(runs, name, mid, peer))
        )
    ours_mid = f"{OURS_DEFAULT} at {mid}"
    high_samples = {**rates(runs, high), ours_mid: samples[OURS_DEFAULT]}
    collapse = Comparison(
        TITLE,
        "req/s",
        peers=(ours_mid, *raw),
        reference=(ours_mid,),
        ratio_of=f"of {mid} in flight",
        fixed={"ideal": high / latency},
    )
    rows.append(
        collapse.row(
            high_samples,
            OURS_DEFAULT,
            measure=f"{OURS_DEFAULT}, {high} in flight",
            target=NO_COLLAPSE,
            notes=_cpu_note(runs, OURS_DEFAULT, high, RAW_AIOHTTP),
        )
    )
    return rows


def sweep_table(data: dict[str, dict[str, dict[str, float | list[float]]]]) -> str:
    """Markdown: one line per client, req/s (client CPU us per request) at each concurrency."""
    points = sorted({int(point) for figures in data.values() for point in figures})
    lines = [
        "| client | " + " | ".join(f"{point} in flight" for point in points) + " |",
        "|---|" + "---|" * len(points),
    ]
    for name, figures in data.items():
        cells = []
        for point in points:
            figure = figures.get(str(point))
            if figure is None:
                cells.append("-")
                continue
            rate, cpu = figure["rate"], figure["cpu_us"]
            assert isinstance(rate, float)
            assert isinstance(cpu, float)
            cells.append(f"{format_number(rate)} ({format_number(cpu)} us)")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _profiles(context: Context) -> None:
    """cProfile of our default client, one fetch at each targeted point (the event loop's thread only)."""
    sizes = context.sizes
    ids = definition_ids(sizes.fanout_definitions)
    make = contenders(context)[OURS_DEFAULT]
    for concurrency in (sizes.concurrency, sizes.high_concurrency):
        trial = rate_trial(make, ids, concurrency, sizes.sweep_seconds)
        context.notes[f"profile of {OURS_DEFAULT}, {concurrency} in flight"] = breakdown(
            functools.partial(asyncio.run, trial()), 1
        )


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    points = sorted({*sizes.sweep, sizes.concurrency, sizes.high_concurrency})
    runs = fetch_runs(context, points, sizes.sweep_seconds)
    data = sweep_data(runs)
    context.notes["sweep"] = data
    context.notes["sweep table"] = (
        f"req/s (client CPU per request), median of {sizes.heavy_repeats} rounds, "
        f"{format_number(sizes.fanout_latency * 1000)} ms latency\n" + sweep_table(data)
    )
    if failed := _failures(runs):
        context.notes["failed or lost"] = failed
    _profiles(context)
    return _rows(runs, sizes, list(data))


SCENARIO = Scenario("fanout", "Fan-out: GETs by id, 10 to 200 in flight", _server, run)

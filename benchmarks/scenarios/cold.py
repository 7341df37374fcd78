"""Scenario 8: the first dashboard of a new client. Each figure comes from a fresh interpreter that imports the
SDK, makes a client with no options and loads the dashboard (five calls against a 50 ms fake) once, then a few
more times; with and without the SDK's `.pyc` (see `benchmarks.fresh`). Wall time over the latency; the floor is
a new raw aiohttp session gathering the same five GETs in a fresh interpreter of its own."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from ..fresh import Bytecode, bytecode_caches, probe
from ..report import Row, Target
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from ..timing import interleave
from . import Context, Scenario
from .dashboard import raw_urls

TITLE = "8 cold start"
FIRST_TARGET = Target("ours", "<=", 1.30)
LATER_TARGET = Target("ours", "<=", 1.10)
ASYNC, SYNC, RAW = "dashboard-async", "dashboard-sync", "raw-aiohttp"
NAMES = {ASYNC: "ours async (default)", SYNC: "ours threads (fetch_dashboard_sync)", RAW: "raw aiohttp"}
Result = dict[str, Any]


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(latency=sizes.dashboard_latency)


def _probe_args(context: Context) -> dict[str, list[str]]:
    loads = str(context.sizes.dashboard_loads)
    url = context.base_url
    return {ASYNC: [ASYNC, url, loads], SYNC: [SYNC, url, loads], RAW: [RAW, url, loads, *raw_urls("")]}


def _trial(args: Sequence[str], mode: Bytecode) -> Callable[[], Result]:
    return lambda: probe(args, mode.env)


def _figures(results: Sequence[Result], latency: float) -> dict[str, list[float]]:
    """Per run, over the latency: the first load, the median later load, making the client."""
    return {
        "first": [result["first_s"] / latency for result in results],
        "later": [statistics.median(result["later_s"]) / latency for result in results],
        "make": [result["make_s"] / latency for result in results],
    }


def _rows(samples: dict[tuple[str, str], list[Result]], mode: str, latency: float) -> list[Row]:
    figures = {variant: _figures(samples[variant, mode], latency) for variant in (ASYNC, SYNC, RAW)}
    rows = []
    for variant in (ASYNC, SYNC):
        name, ours = NAMES[variant], figures[variant]
        first = {
            "first": ours["first"],
            "later loads": ours["later"],
            "making the client": ours["make"],
            "raw aiohttp, first gather": figures[RAW]["first"],
        }
        first_comparison = Comparison(
            TITLE,
            "x latency",
            peers=("later loads", "making the client", "raw aiohttp, first gather"),
            reference=("raw aiohttp, first gather",),
            ratio_of="of raw aiohttp's first",
            better="lower",
        )
        rows.append(
            first_comparison.row(
                first,
                "first",
                measure=f"{name}: first dashboard of a new client, {mode}",
                target=FIRST_TARGET if variant == ASYNC else None,
            )
        )
        later = {"later": ours["later"], "raw aiohttp, later gathers": figures[RAW]["later"]}
        later_comparison = Comparison(
            TITLE,
            "x latency",
            peers=("raw aiohttp, later gathers",),
            reference=("raw aiohttp, later gathers",),
            ratio_of="of raw aiohttp's",
            better="lower",
        )
        rows.append(
            later_comparison.row(
                later,
                "later",
                measure=f"{name}: later loads, same client, {mode}",
                target=LATER_TARGET if variant == ASYNC else None,
            )
        )
    return rows


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    arguments = _probe_args(context)
    with bytecode_caches(list(arguments.values())) as modes:
        trials = {(variant, mode.name): _trial(args, mode) for mode in modes for variant, args in arguments.items()}
        samples = interleave(trials, sizes.fresh_repeats, sizes.deadline)
    context.notes["import_s (median, in the cold processes)"] = {
        f"{variant}, {mode}": statistics.median(result["import_s"] for result in results)
        for (variant, mode), results in samples.items()
    }
    return [row for mode in modes for row in _rows(samples, mode.name, sizes.dashboard_latency)]


SCENARIO = Scenario("cold", "Cold start: the first dashboard of a new client", _server, run)

"""The throughput figure: requests per second against requests in flight for every client of the fan-out sweep,
and client CPU per request beside it; a PNG drawn with matplotlib (Agg, no display). matplotlib is in the bench
dependency group only and is imported here alone, so the quick run and the test suite do without it."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["draw"]

_OURS_STYLE = {"linewidth": 2.4, "marker": "o", "linestyle": "-"}
_PEER_STYLE = {"linewidth": 1.4, "marker": "s", "linestyle": "--"}


def _series(figures: Mapping[str, Mapping[str, Any]], key: str) -> tuple[list[int], list[float]]:
    points = sorted(figures, key=int)
    return [int(point) for point in points], [float(figures[point][key]) for point in points]


def draw(
    sweep: Mapping[str, Mapping[str, Mapping[str, Any]]], sizes: Mapping[str, Any], cores: int | None, path: Path
) -> Path:
    """Draw the sweep (client -> concurrency -> {"rate", "cpu_us"}) of a run with `sizes` on a machine with
    `cores` cores into `path` (PNG); returns it."""
    # Imported by name: matplotlib is optional (the bench group's), and the type checks run without it.
    importlib.import_module("matplotlib").use("Agg")
    plt = importlib.import_module("matplotlib.pyplot")
    ticker = importlib.import_module("matplotlib.ticker")
    FuncFormatter, LogLocator, NullFormatter = ticker.FuncFormatter, ticker.LogLocator, ticker.NullFormatter

    latency = float(sizes["fanout_latency"])
    figure, (rates, cpu) = plt.subplots(1, 2, figsize=(13, 5.6), gridspec_kw={"width_ratios": [3, 2]})
    points: set[int] = set()
    for name, figures in sweep.items():
        style = _OURS_STYLE if name.startswith("ours") else _PEER_STYLE
        x, y = _series(figures, "rate")
        rates.plot(x, y, label=name, **style)
        x, y = _series(figures, "cpu_us")
        cpu.plot(x, y, label=name, **style)
        points.update(x)
    ticks = sorted(points)
    rates.plot(ticks, [point / latency for point in ticks], color="grey", linewidth=1, linestyle=":", label="ideal")
    for axes in (rates, cpu):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xticks(ticks)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        axes.xaxis.set_minor_formatter(NullFormatter())
        axes.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        axes.yaxis.set_minor_formatter(NullFormatter())
        axes.set_xlabel("requests in flight (threads for the threaded clients)")
        axes.grid(True, which="both", alpha=0.3)
    rates.set_ylabel("requests per second (log)")
    rates.set_title(f"Throughput, GETs by id, {latency * 1000:g} ms latency")
    cpu.set_ylabel("client CPU per request, us (log)")
    cpu.set_title("Client CPU per request")
    rates.legend(fontsize=8, loc="best")
    rounds = sizes.get("heavy_repeats")
    figure.suptitle(
        f"The fake Control Plane on 127.0.0.1, {cores or '?'} cores shared by server and client; "
        f"median of {rounds} interleaved rounds",
        fontsize=10,
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path

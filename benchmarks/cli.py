"""`python -m benchmarks [--quick] [--only KEY ...] [--out DIR]`: run the scenarios, print the table of medians,
write the JSON file; a full run also draws benchmarks/throughput.png and, when it ran every scenario, rewrites
the generated section of benchmarks/README.md (`--no-plot`, `--no-readme` to keep them)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .markdown import PLOT, README, publish
from .ours import async_client, engine_name, sync_client
from .report import Row, render_table, write_json
from .scenarios import (
    Context,
    Scenario,
    adaptive,
    cancellations,
    cold,
    dashboard,
    decode,
    fanout,
    imports,
    memory,
    overhead,
    pagination,
    retries,
)
from .server import serve
from .sizes import FULL, QUICK, Sizes

__all__ = ["SCENARIOS", "main"]

#: In the order of the README's table.
SCENARIOS: tuple[Scenario, ...] = (
    dashboard.SCENARIO,
    fanout.SCENARIO,
    pagination.SCENARIO,
    overhead.SCENARIO,
    memory.SCENARIO,
    retries.SCENARIO,
    decode.SCENARIO,
    cold.SCENARIO,
    imports.SCENARIO,
    cancellations.SCENARIO,
    adaptive.SCENARIO,
)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / ".bench"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few rounds (the test suite's mode)")
    parser.add_argument(
        "--only", nargs="+", choices=[scenario.key for scenario in SCENARIOS], help="run only these scenarios"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        help="rounds of every scenario (default, full: 5, the fan-out sweep and retries 3, fresh processes 8; "
        "quick: 2, 1 and 1)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder for the JSON (default {DEFAULT_OUT})")
    parser.add_argument("--no-plot", action="store_true", help="do not draw benchmarks/throughput.png")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    return parser


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def _fake_for(scenario: Scenario, sizes: Sizes) -> Iterator[str]:
    if scenario.server is None:
        yield ""
        return
    with serve(scenario.server(sizes)) as base_url:
        yield base_url


def run_scenarios(scenarios: Sequence[Scenario], sizes: Sizes) -> tuple[list[Row], dict[str, Any]]:
    """Run each scenario against its own fake process; every row and every scenario's notes."""
    rows: list[Row] = []
    notes: dict[str, Any] = {}
    for scenario in scenarios:
        started = time.perf_counter()
        _log(f"== {scenario.title} ...")
        with _fake_for(scenario, sizes) as base_url:
            context = Context(base_url, sizes, _log)
            scenario_rows = scenario.run(context)
        rows += scenario_rows
        seconds = round(time.perf_counter() - started, 1)
        notes[scenario.key] = {
            **context.notes,
            "rows": sorted({row.scenario for row in scenario_rows}),
            "seconds": seconds,
        }
        _log(f"   done in {seconds} s")
    return rows, notes


def default_engines() -> dict[str, str]:
    """Which engine each client picks with no options (made and closed at once; nothing is sent)."""
    url = "http://127.0.0.1:9"

    async def of_async() -> str:
        async with async_client(url) as client:
            return engine_name(client)

    with sync_client(url) as client:
        sync = engine_name(client)
    return {"async": asyncio.run(of_async()), "sync": sync}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Retries are logged (WARNING) as in production, but not printed: a handler stops the last-resort one.
    logging.getLogger("atlas_extras").addHandler(logging.NullHandler())
    sizes = QUICK if args.quick else FULL
    if args.repeats is not None:
        sizes = dataclasses.replace(sizes, repeats=args.repeats, heavy_repeats=args.repeats, fresh_repeats=args.repeats)
    selected = [scenario for scenario in SCENARIOS if not args.only or scenario.key in args.only]
    rows, notes = run_scenarios(selected, sizes)
    print(render_table(rows))
    for key, scenario_notes in notes.items():
        for name, text in scenario_notes.items():
            if isinstance(text, str) and "\n" in text:
                print(f"\n{key} - {name}:\n{text}")
    mode = "quick" if args.quick else "full"
    path = write_json(args.out, mode, sizes.to_dict(), rows, notes, default_engines())
    print(f"\nWrote {path}")
    if not args.quick:
        everything = len(selected) == len(SCENARIOS)
        readme = README if everything and not args.no_readme else None
        publish(path, plot=None if args.no_plot else PLOT, readme=readme, log=_log)
        if not everything:
            _log(f"README not rewritten (not every scenario ran): python -m benchmarks.report {path} ... --readme")
    return 0

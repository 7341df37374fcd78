"""`python -m benchmarks [--quick] [--only KEY ...] [--out DIR]`: run the scenarios, print the table of medians,
write the JSON file."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .report import Row, render_table, write_json
from .scenarios import Context, Scenario, dashboard, fanout, memory, overhead, pagination, retries
from .server import serve
from .sizes import FULL, QUICK, Sizes

__all__ = ["SCENARIOS", "main"]

#: In the issue's order.
SCENARIOS: tuple[Scenario, ...] = (
    dashboard.SCENARIO,
    fanout.SCENARIO,
    pagination.SCENARIO,
    overhead.SCENARIO,
    memory.SCENARIO,
    retries.SCENARIO,
)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / ".bench"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, two rounds (the test suite's mode)")
    parser.add_argument(
        "--only", nargs="+", choices=[scenario.key for scenario in SCENARIOS], help="run only these scenarios"
    )
    parser.add_argument("--repeats", type=int, help="rounds per scenario (default: 5 full, 2 quick)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder for the JSON (default {DEFAULT_OUT})")
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
            rows += scenario.run(context)
        notes[scenario.key] = {**context.notes, "seconds": round(time.perf_counter() - started, 1)}
        _log(f"   done in {notes[scenario.key]['seconds']} s")
    return rows, notes


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Retries are logged (WARNING) as in production, but not printed: a handler stops the last-resort one.
    logging.getLogger("atlas_extras").addHandler(logging.NullHandler())
    sizes = QUICK if args.quick else FULL
    if args.repeats is not None:
        sizes = dataclasses.replace(sizes, repeats=args.repeats)
    selected = [scenario for scenario in SCENARIOS if not args.only or scenario.key in args.only]
    rows, notes = run_scenarios(selected, sizes)
    print(render_table(rows))
    for key, scenario_notes in notes.items():
        for name, text in scenario_notes.items():
            if isinstance(text, str) and "\n" in text:
                print(f"\n{key} - {name}:\n{text}")
    path = write_json(args.out, "quick" if args.quick else "full", sizes.to_dict(), rows, notes)
    print(f"\nWrote {path}")
    return 0

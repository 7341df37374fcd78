"""Scenario 9: `import atlas_extras` against `import httpx` (which it needs anyway), each timed inside a fresh
interpreter, interleaved, with and without the SDK's `.pyc` (see `benchmarks.fresh`); the generated client and
aiohttp alone as further peers. The profile is `python -X importtime`, summed by top-level package."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..fresh import PYC, Bytecode, bytecode_caches, probe
from ..report import Row, Target
from ..rows import Comparison
from ..timing import interleave
from . import Context, Scenario

TITLE = "9 import"
TARGET = Target("ratio", "<=", 1.5)
OURS, HTTPX = "atlas_extras", "httpx"
PEERS = (HTTPX, "atlas_control_plane_client", "aiohttp")
_TOP = 10


def _label(module: str) -> str:
    return f"import {module}"


def _trial(module: str, mode: Bytecode) -> Callable[[], dict[str, Any]]:
    return lambda: probe(["import", module], mode.env)


def import_profile(module: str, env: dict[str, str]) -> str:
    """`-X importtime` of `import module`: self time summed by top-level package, the largest first."""
    finished = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    by_package: Counter[str] = Counter()
    by_module: Counter[str] = Counter()
    for line in finished.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line.removeprefix("import time:").split("|")
        by_package[name.strip().split(".")[0]] += int(self_us)
        by_module[name.strip()] += int(self_us)
    total = sum(by_package.values()) or 1

    def share(name: str, us: int) -> str:
        return f"  {us / 1000:7.1f} ms  {100 * us / total:4.1f} %  {name}"

    lines = [f"  {total / 1000:7.1f} ms in all, {len(by_module)} modules; by top-level package:"]
    lines += [share(name, us) for name, us in by_package.most_common(_TOP)]
    lines.append("  the largest modules (self time):")
    lines += [share(name, us) for name, us in by_module.most_common(_TOP)]
    return "\n".join(lines)


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    modules = (OURS, *PEERS)
    with bytecode_caches([["import", module] for module in modules]) as modes:
        trials = {(module, mode.name): _trial(module, mode) for mode in modes for module in modules}
        results = interleave(trials, sizes.fresh_repeats, sizes.deadline)
        for mode in modes:
            context.notes[f"import profile of {OURS}, {mode.name}"] = import_profile(OURS, mode.env)
    context.notes["modules loaded"] = {module: results[module, PYC][0]["modules"] for module in modules}
    rows = []
    for mode in modes:
        by_label = {
            _label(module): [result["import_s"] * 1000 for result in results[module, mode.name]] for module in modules
        }
        comparison = Comparison(
            TITLE,
            "ms",
            peers=tuple(_label(module) for module in PEERS),
            reference=(_label(HTTPX),),
            ratio_of=f"of {_label(HTTPX)}",
            better="lower",
        )
        rows.append(comparison.row(by_label, _label(OURS), measure=f"{_label(OURS)}, {mode.name}", target=TARGET))
    return rows


SCENARIO = Scenario("import", "Import time, fresh processes", None, run)

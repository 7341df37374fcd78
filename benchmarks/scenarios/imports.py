"""Scenario 9: `import atlas_extras` against `import httpx`, each timed inside a fresh interpreter, interleaved,
with and without the SDK's `.pyc` (see `benchmarks.fresh`). The package loads its names on first use, so the
row that says what an application pays is the second one: `from atlas_extras import ControlPlaneClient` (the
client needs httpx anyway). The generated client and aiohttp alone are further peers. The profile is
`python -X importtime` of that second statement, summed by top-level package and by module."""

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
PACKAGE, CLIENT, HTTPX = "import atlas_extras", "from atlas_extras import ControlPlaneClient", "import httpx"
OURS = (PACKAGE, CLIENT)
PEERS = (HTTPX, "import atlas_control_plane_client", "import aiohttp")
_TOP = 10


def _trial(statement: str, mode: Bytecode) -> Callable[[], dict[str, Any]]:
    return lambda: probe(["import", statement], mode.env)


def import_profile(statement: str, env: dict[str, str]) -> str:
    """`-X importtime` of an import statement: self time summed by top-level package and by module."""
    finished = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
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
    statements = (*OURS, *PEERS)
    with bytecode_caches([["import", statement] for statement in statements]) as modes:
        trials = {(statement, mode.name): _trial(statement, mode) for mode in modes for statement in statements}
        results = interleave(trials, sizes.fresh_repeats, sizes.deadline)
        for mode in modes:
            context.notes[f"import profile of {CLIENT}, {mode.name}"] = import_profile(CLIENT, mode.env)
    context.notes["modules loaded"] = {statement: results[statement, PYC][0]["modules"] for statement in statements}
    comparison = Comparison(TITLE, "ms", peers=PEERS, reference=(HTTPX,), ratio_of=f"of {HTTPX}", better="lower")
    rows = []
    for mode in modes:
        samples = {
            statement: [result["import_s"] * 1000 for result in results[statement, mode.name]]
            for statement in statements
        }
        rows += [comparison.row(samples, ours, measure=f"{ours}, {mode.name}", target=TARGET) for ours in OURS]
    return rows


SCENARIO = Scenario("import", "Import time, fresh processes", None, run)

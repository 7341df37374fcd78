"""Fresh processes for the first-time figures (import, cold dashboard), with and without the SDK's `.pyc`.

`.pyc` files decide how long a first import takes, and this machine sets PYTHONDONTWRITEBYTECODE=1, so the
SDK's own modules (an editable install) are compiled from source in every process while the standard library
and the installed packages have theirs. Both cases are measured, each from its own bytecode cache
(PYTHONPYCACHEPREFIX), so that neither depends on what earlier runs left in `__pycache__` folders:

- "with .pyc": every module the probes import has its `.pyc` (written by one warm-up run of each probe);
- "without the SDK's .pyc": the same cache less the SDK's packages (`atlas_extras`, the generated client),
  which are compiled from source each time, as on this machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import atlas_control_plane_client
import atlas_extras

from . import fresh_probe

__all__ = ["PYC", "SOURCE", "Bytecode", "bytecode_caches", "probe"]

PYC, SOURCE = "with .pyc", "without the SDK's .pyc"
_PROBE_TIMEOUT = 120.0


@dataclass(frozen=True)
class Bytecode:
    """The environment of the probes of one bytecode mode."""

    name: str
    env: dict[str, str]


def _package_dir(package: ModuleType) -> Path:
    assert package.__file__ is not None
    return Path(package.__file__).resolve().parent


def _in_cache(cache: Path, folder: Path) -> Path:
    """Where PYTHONPYCACHEPREFIX=cache keeps the `.pyc` of the modules in `folder`."""
    return cache / folder.relative_to(folder.anchor)


def probe(args: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
    """Run `fresh_probe.py ARGS` in a new interpreter; its JSON result."""
    command = [sys.executable, fresh_probe.__file__, *args]
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=_PROBE_TIMEOUT, check=False)
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{finished.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


@contextmanager
def bytecode_caches(warm_ups: Sequence[Sequence[str]]) -> Iterator[tuple[Bytecode, Bytecode]]:
    """The two modes' environments; each probe of `warm_ups` runs once first, to write the `.pyc` files."""
    with tempfile.TemporaryDirectory(prefix="atlas-bench-pyc-") as scratch:
        complete, partial = Path(scratch, "complete"), Path(scratch, "without-sdk")
        base = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        writing = {**base, "PYTHONPYCACHEPREFIX": str(complete)}
        for args in warm_ups:
            probe(args, writing)
        shutil.copytree(complete, partial)
        if not _in_cache(complete, _package_dir(atlas_extras)).is_dir():
            raise RuntimeError("the warm-up wrote no .pyc for atlas_extras: the two modes would not differ")
        for package in (atlas_extras, atlas_control_plane_client):  # the generated client only if imported
            shutil.rmtree(_in_cache(partial, _package_dir(package)), ignore_errors=True)
        read_only = {**base, "PYTHONDONTWRITEBYTECODE": "1"}
        yield (
            Bytecode(PYC, {**read_only, "PYTHONPYCACHEPREFIX": str(complete)}),
            Bytecode(SOURCE, {**read_only, "PYTHONPYCACHEPREFIX": str(partial)}),
        )

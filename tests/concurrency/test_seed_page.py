"""The documentation page users copy from ("Concurrent Operations"): its code must run against this SDK with
only its import lines and base URL changed, and print every section."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import types
from pathlib import Path

import pytest

from atlas_extras.testing import FakeControlPlane

SEED_NAME = "000_015325d1e34dc924.txt"
SEED_DIR = Path(os.environ.get("ATLAS_SEED_DIR", Path(__file__).resolve().parents[3] / "shared" / "seed"))
SEED = SEED_DIR / SEED_NAME

REPLACEMENTS = {
    "from atlas_sdk import ControlPlaneClient, WorkflowClient": (
        "from atlas_extras import ControlPlaneClient, WorkflowClient"
    ),
    "from atlas_sdk.pagination import paginate": "from atlas_extras.pagination import paginate",
}


def example_code(base_url: str) -> str:
    """The page's complete example, with the imports and the base URL changed and nothing else."""
    if not SEED.is_file():
        pytest.skip(f"the documentation page {SEED} is not here (set ATLAS_SEED_DIR to its folder)")
    blocks = re.findall(r"```python\n(.*?)```", SEED.read_text(encoding="utf-8"), flags=re.DOTALL)
    [code] = [block for block in blocks if "async def main" in block]
    for old, new in {**REPLACEMENTS, 'base_url="http://localhost:8000"': f'base_url="{base_url}"'}.items():
        assert code.count(old) == 1, f"the page changed: {old!r} is not there once"
        code = code.replace(old, new)
    assert "atlas_sdk" not in code
    return code


def test_the_documented_example_runs_against_the_fake(
    fake: FakeControlPlane, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("concurrent_operations_example")  # a module as `python example.py` makes
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(example_code(fake.base_url), str(SEED), "exec", dont_inherit=True), module.__dict__)
    asyncio.run(module.main())
    printed = capsys.readouterr().out
    for line in [
        "=== Pattern 1: asyncio.gather ===",
        "  Health: healthy",
        "  Classes: 4",
        "  Definitions: 12",
        "  Providers: 3",
        "=== Pattern 2: TaskGroup ===",
        "=== Pattern 3: Fan-out Processing ===",
        "Processed 12 definitions",
        "=== Pattern 6: With Timeouts ===",
        "Health: healthy",
    ]:
        assert line in printed.splitlines() or line in printed, f"missing {line!r} in:\n{printed}"
    assert "Errors:" not in printed

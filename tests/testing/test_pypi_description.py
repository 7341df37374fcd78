"""The package's long description (docs/pypi.md, what PyPI shows) runs as written: each Python example,
against the fake Control Plane; the examples that are tests are called with the fixtures they name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from atlas_extras.testing import FakeControlPlane
from atlas_extras.testing.factories import Factories

DESCRIPTION = Path(__file__).resolve().parents[2] / "docs" / "pypi.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DESCRIPTION.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_description_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_each_example_runs(
    number: int,
    fake_control_plane: FakeControlPlane,
    atlas_factories: Factories,
    capsys: pytest.CaptureFixture[str],
) -> None:
    namespace: dict[str, Any] = {"__name__": f"pypi_example_{number}"}
    exec(compile(EXAMPLES[number], f"docs/pypi.md example {number}", "exec"), namespace)
    fixtures = {"fake_control_plane": fake_control_plane, "atlas_factories": atlas_factories}
    tests = [value for name, value in namespace.items() if name.startswith("test_") and callable(value)]
    for test in tests:
        test(**{name: fixtures[name] for name in inspect.signature(test).parameters})
    assert tests or capsys.readouterr().out  # an example that is not a test shows something

"""The published package's metadata agrees with itself: license, supported Pythons, long description."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _tested_pythons() -> tuple[str, ...]:
    """`PYTHONS` of noxfile.py: the versions a `tests-X.Y` session runs the suite on."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PYTHONS" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return tuple(str(item) for item in value)
    raise AssertionError("noxfile.py defines no PYTHONS")


def test_the_license_file_is_the_declared_license() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_classifiers_name_exactly_the_pythons_the_suite_runs_on() -> None:
    pythons = _tested_pythons()
    declared = [c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if re.fullmatch(r".*Python :: 3\.\d+", c)]
    assert declared == list(pythons)
    assert PROJECT["requires-python"] == f">={pythons[0]}"
    assert any(c.startswith("Development Status :: ") for c in PROJECT["classifiers"])


def test_the_long_description_is_for_users_and_renders_on_pypi() -> None:
    readme = ROOT / PROJECT["readme"]
    assert readme.name != "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "nox" not in text  # the development commands stay in the repository's README
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert [link for link in links if not link.startswith("https://")] == []  # PyPI resolves no relative link

"""Every workflow of the project is a nox session: `nox -l` lists them."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "lint", "typecheck", "check_generated"]

ROOT = Path(__file__).parent
SPEC = ROOT / "openapi.yaml"
GENERATOR_CONFIG = ROOT / "openapi-generator.yaml"
PACKAGE = "atlas_control_plane_client"
GENERATED = ROOT / "generated" / PACKAGE
FACADE = ROOT / "atlas_extras" / "_operations.py"
PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install_groups(session: nox.Session, *groups: str) -> None:
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def _generate_into(session: nox.Session, package: Path, facade: Path) -> None:
    """Write the generated package for openapi.yaml into `package` and the client methods into `facade`."""
    _install_groups(session, "generate")
    session.run(
        "openapi-python-client", "generate",
        "--path", str(SPEC), "--config", str(GENERATOR_CONFIG),
        "--meta", "none", "--output-path", str(package), "--overwrite",
        silent=True,
    )  # fmt: skip
    # The package ships the contract it was generated from (the fake Control Plane validates against it).
    shutil.copyfile(SPEC, package / "openapi.yaml")
    session.run("python", "scripts/generate_facade.py", str(package), str(facade))
    session.run("ruff", "format", "--quiet", "--config", "pyproject.toml", str(facade))
    session.run("ruff", "check", "--quiet", "--fix", "--config", "pyproject.toml", str(facade))


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _tree_differences(expected: Path, actual: Path) -> list[str]:
    """Files that differ between two trees: changed, missing or extra."""
    fresh, current = _files(expected), _files(actual)
    return sorted(
        [f"{name} (changed)" for name in fresh.keys() & current.keys() if fresh[name] != current[name]]
        + [f"{name} (missing from generated/)" for name in fresh.keys() - current.keys()]
        + [f"{name} (not produced by the generator)" for name in current.keys() - fresh.keys()]
    )


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from openapi.yaml."""
    _generate_into(session, GENERATED, FACADE)
    session.log(f"Regenerated {GENERATED.relative_to(ROOT)} and {FACADE.relative_to(ROOT)} from {SPEC.name}")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail when generated/ does not match what openapi.yaml generates."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh, fresh_facade = Path(scratch) / PACKAGE, Path(scratch) / FACADE.name
        _generate_into(session, fresh, fresh_facade)
        differences = _tree_differences(fresh, GENERATED)
        if fresh_facade.read_bytes() != FACADE.read_bytes():
            differences.append(f"{FACADE.relative_to(ROOT)} (changed)")
    if differences:
        listing = "\n  ".join(differences)
        session.error(
            f"The generated code does not match openapi.yaml:\n  {listing}\n"
            "Run `nox -s generate` and commit the result; never edit generated/ by hand."
        )
    session.log("generated/ and the client methods match openapi.yaml")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (pass pytest arguments after --)."""
    session.install("-e", ".[testing,aiohttp]")
    _install_groups(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff on the hand-written code, and the generator's own rule set on generated/."""
    _install_groups(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", "--isolated", "--select", "F,I,UP", "generated")
    session.run("ruff", "format", "--isolated", "--check", "generated")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on atlas_extras and on the generated package."""
    session.install("-e", ".[testing,aiohttp]")
    _install_groups(session, "typecheck")
    session.run("mypy", "--strict", "atlas_extras", "scripts", "benchmarks")
    session.run("mypy", "--strict", "-p", PACKAGE)
    with tempfile.TemporaryDirectory() as scratch:
        examples = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.DOTALL)
        for number, example in enumerate(examples):
            (Path(scratch) / f"readme_example_{number}.py").write_text(example)
        session.log(f"mypy --strict on the README's {len(examples)} Python examples")
        session.run("mypy", "--strict", scratch)


@nox.session
def demo(session: nox.Session) -> None:
    """The dashboard against the embedded fake Control Plane, then the six concurrency patterns
    (pass `-- --base-url URL [--api-key KEY]` for a real one)."""
    session.install("-e", ".[testing]")
    session.run("atlas-dashboard", *session.posargs)


@nox.session
def contract(session: nox.Session) -> None:
    """schemathesis against the fake Control Plane over loopback: every operation, every check.

    `nox -s contract -- 100` runs 100 examples per operation (default: $CONTRACT_MAX_EXAMPLES or 20);
    further arguments go to `schemathesis run`.
    """
    session.install("-e", ".[testing]")
    _install_groups(session, "contract")
    session.run("python", "tests/testing/run_contract.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against the fake Control Plane on 127.0.0.1 (`-- --quick` for the short run); see benchmarks/."""
    session.install("-e", ".[testing,aiohttp]")
    _install_groups(session, "bench")
    session.run("python", "-m", "benchmarks", *session.posargs)

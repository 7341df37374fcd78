"""Every workflow of the project is a nox session: `nox -l` lists them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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
DECODERS = ROOT / "atlas_extras" / "_decoders.py"
PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install_groups(session: nox.Session, *groups: str) -> None:
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def _generate_into(session: nox.Session, package: Path, facade: Path, decoders: Path) -> None:
    """Write the generated package for openapi.yaml into `package`, the client methods into `facade` and the
    models' decoders into `decoders`."""
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
    session.run("python", "scripts/generate_decoders.py", str(package), str(decoders))
    session.run("ruff", "format", "--quiet", "--config", "pyproject.toml", str(decoders))
    session.run("ruff", "check", "--quiet", "--fix", "--config", "pyproject.toml", str(decoders))


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
    _generate_into(session, GENERATED, FACADE, DECODERS)
    written = ", ".join(str(path.relative_to(ROOT)) for path in (GENERATED, FACADE, DECODERS))
    session.log(f"Regenerated {written} from {SPEC.name}")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail when generated/ does not match what openapi.yaml generates."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh, fresh_facade = Path(scratch) / PACKAGE, Path(scratch) / FACADE.name
        fresh_decoders = Path(scratch) / DECODERS.name
        _generate_into(session, fresh, fresh_facade, fresh_decoders)
        differences = _tree_differences(fresh, GENERATED)
        for produced, committed in ((fresh_facade, FACADE), (fresh_decoders, DECODERS)):
            if not committed.exists() or produced.read_bytes() != committed.read_bytes():
                differences.append(f"{committed.relative_to(ROOT)} (changed)")
    if differences:
        listing = "\n  ".join(differences)
        session.error(
            f"The generated code does not match openapi.yaml:\n  {listing}\n"
            "Run `nox -s generate` and commit the result; never edit generated/ by hand."
        )
    session.log("generated/, the client methods and the decoders match openapi.yaml")


# The Python versions the package supports (its classifiers): `tests-3.12` etc. run the suite on each.
PYTHONS = ("3.11", "3.12", "3.13")


def _interpreter(version: str) -> str | None:
    """A working `python<version>` already on this machine, or None: nothing is ever downloaded.

    PATH first (a pyenv shim for a version pyenv has not activated fails to run, and is skipped), then pyenv's
    own installs under `pyenv root`, newest patch release first.
    """
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    installs = sorted(
        Path(pyenv_root).glob(f"versions/{version}.*/bin/python{version}"),
        key=lambda path: [int(part) if part.isdigit() else -1 for part in path.parts[-3].split(".")],
        reverse=True,
    )
    for candidate in [shutil.which(f"python{version}"), *map(str, installs)]:
        if candidate is None:
            continue
        try:
            found = subprocess.run(
                [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True, text=True, timeout=30, check=False,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0 and found.stdout.strip() == version:
            return candidate
    return None


def _run_tests(session: nox.Session) -> None:
    session.install("-e", ".[testing,aiohttp,otel]")
    _install_groups(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (pass pytest arguments after --)."""
    _run_tests(session)


def _tests_on(version: str) -> None:
    def run(session: nox.Session) -> None:
        _run_tests(session)

    run.__doc__ = f"The test suite on Python {version}, if this machine has it (skipped if not; never downloaded)."
    # A version this machine lacks stays registered under its number: nox then skips it as not found.
    nox.session(name=f"tests-{version}", python=_interpreter(version) or version, download_python="never")(run)


for _version in PYTHONS:
    _tests_on(_version)


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
    session.install("-e", ".[testing,aiohttp,otel]")
    _install_groups(session, "typecheck")
    session.run("mypy", "--strict", "atlas_extras", "scripts", "benchmarks")
    session.run("mypy", "--strict", "-p", PACKAGE)
    # The typed gathers: a test of what mypy infers (assert_type), so mypy is what runs it.
    session.run("mypy", "--strict", "tests/concurrency/test_typed_gather.py")
    with tempfile.TemporaryDirectory() as scratch:
        examples = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.DOTALL)
        for number, example in enumerate(examples):
            (Path(scratch) / f"readme_example_{number}.py").write_text(example)
        session.log(f"mypy --strict on the README's {len(examples)} Python examples")
        session.run("mypy", "--strict", scratch)


@nox.session
def demo(session: nox.Session) -> None:
    """The dashboard against the embedded fake Control Plane, then the six concurrency patterns
    (pass `-- --base-url URL [--api-key KEY]` for a real one).

    An `--api-key` is handed to the command in ATLAS_API_KEY, so that nox does not echo it with the
    command line; the session ends with the command's own exit status (see the README), not nox's 1.
    """
    session.install("-e", ".[testing]")
    args: list[str] = []
    env: dict[str, str] = {}
    rest = iter(session.posargs)
    for arg in rest:
        option, equals, value = arg.partition("=")
        if len(option) > 2 and "--api-key".startswith(option):  # argparse takes abbreviations too
            env["ATLAS_API_KEY"] = value if equals else next(rest, "")
        else:
            args.append(arg)
    try:
        session.run("atlas-dashboard", *args, env=env)
    except nox.command.CommandFailed as failed:
        session.log(f"atlas-dashboard exited with status {failed.return_code}")
        raise SystemExit(failed.return_code or 1) from None


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
    """Benchmarks against the fake Control Plane on 127.0.0.1 (`-- --quick` for the short run, `-- --only KEY`
    for some scenarios); a full run also draws benchmarks/throughput.png and rewrites the figures in
    benchmarks/README.md. See benchmarks/README.md."""
    session.install("-e", ".[testing,aiohttp,otel]")
    _install_groups(session, "bench")
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session
def verifytypes(session: nox.Session) -> None:
    """pyright --verifytypes: every public symbol of atlas_extras has a known type (fails below 100 %)."""
    session.install("-e", ".[testing,aiohttp,otel]")
    _install_groups(session, "verifytypes")
    session.run("pyright", "--verifytypes", "atlas_extras", "--ignoreexternal")

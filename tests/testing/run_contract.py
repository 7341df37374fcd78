"""Contract check of the fake Control Plane: schemathesis against it over loopback (`nox -s contract`).

Every operation of openapi.yaml is exercised (examples, coverage, fuzzing and stateful phases) with every
check on, including response-schema, status-code, header and content-type conformance, negative-data
rejection and positive-data acceptance. Path and query ids are drawn half of the time from the demo dataset,
so success paths are reached too, not only 404s.

    python tests/testing/run_contract.py [MAX_EXAMPLES] [extra schemathesis run options...]

MAX_EXAMPLES defaults to $CONTRACT_MAX_EXAMPLES or 20; the seed to $CONTRACT_SEED or 0.
"""

from __future__ import annotations

import importlib.resources
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from atlas_extras.testing import FakeControlPlane

API_KEY = "contract-test-key"
# Path and query parameters that name a resource, and the table of the demo dataset their ids come from.
ID_PARAMETERS = {
    "agent_class_id": "agent_classes",
    "definition_id": "agent_definitions",
    "provider_id": "model_providers",
    "prompt_id": "system_prompts",
    "tool_id": "tools",
    "deployment_id": "deployments",
    "analysis_id": "grasp_analyses",
    "plan_id": "plans",
    "task_id": "tasks",
    "instance_id": "agent_instances",
}


def _config(fake: FakeControlPlane) -> str:
    """schemathesis.toml: known ids for every id parameter, used with probability 0.5."""
    tables = fake._core.state.tables
    lines = ["[cache]", "enabled = false", "", "[dictionaries]"]
    for name, table in ID_PARAMETERS.items():
        ids = ", ".join(f'"{row_id}"' for row_id in tables[table].rows)
        lines.append(f"{name} = {{ values = [{ids}] }}")
    lines += ["", "[parameters]"]
    for name in ID_PARAMETERS:
        for location in ("path", "query"):
            lines.append(f'"{location}.{name}" = {{ dictionary = "{name}", probability = 0.5 }}')
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    examples = os.environ.get("CONTRACT_MAX_EXAMPLES", "20")
    if argv and argv[0].isdigit():
        examples, argv = argv[0], argv[1:]
    seed = os.environ.get("CONTRACT_SEED", "0")
    beside_python = Path(sys.executable).parent / "schemathesis"
    executable = str(beside_python) if beside_python.exists() else shutil.which("schemathesis")
    if executable is None:
        print("schemathesis is not installed (it is in the `contract` dependency group)", file=sys.stderr)
        return 2
    fake = FakeControlPlane(api_key=API_KEY, lifecycle_step=0.05, seed=int(seed))
    spec_file = importlib.resources.files("atlas_control_plane_client").joinpath("openapi.yaml")
    with (
        importlib.resources.as_file(spec_file) as spec,
        tempfile.TemporaryDirectory() as scratch,
        fake.serve() as base_url,
    ):
        config = Path(scratch) / "schemathesis.toml"
        config.write_text(_config(fake))
        command = [
            executable,
            "--config-file",
            str(config),
            "run",
            str(spec),
            "--url",
            base_url,
            "--checks",
            "all",
            "--max-examples",
            examples,
            "--seed",
            seed,
            "--header",
            f"Authorization: Bearer {API_KEY}",
            "--request-timeout",
            "10",
            *argv,
        ]
        print(f"Fake Control Plane on {base_url}; {' '.join(command[3:])}", flush=True)
        # Run from the scratch directory, so nothing (hypothesis database, reports) lands in the repository.
        code = subprocess.call(command, cwd=scratch)
    print(f"The fake served {fake.stats.total} requests over {len(fake.stats.requests)} operations.")
    untested = sorted(set(fake.operations) - set(fake.stats.requests))
    if untested:
        print(f"Operations schemathesis never called: {', '.join(untested)}", file=sys.stderr)
        return code or 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

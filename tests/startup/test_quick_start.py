"""A quick start: `import atlas_extras` loads only itself (each name on first use), and a new client loads
at construction whatever its first request would, so that the first call imports nothing.

Each check runs in a fresh interpreter: what a module imports is only visible before anything else did."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import atlas_extras

from ..engine.raw_server import RawServer


def run(code: str) -> object:
    """Run `code` in a fresh interpreter; it prints one JSON value, returned here."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_package_loads_no_client_model_or_cli() -> None:
    loaded = run(
        """
        import json, sys
        import atlas_extras
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert isinstance(loaded, list)
    ours = [name for name in loaded if name.startswith(("atlas_extras", "atlas_control_plane_client"))]
    # the lazy exports and the logging set-up only
    assert ours == ["atlas_extras", "atlas_extras._lazy", "atlas_extras._logs", "atlas_extras._redact"]
    assert "attrs" not in loaded
    assert "argparse" not in loaded


def test_importing_the_clients_loads_no_cli_dashboard_or_fake() -> None:
    loaded = run(
        """
        import json, sys
        from atlas_extras import ControlPlaneClient, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert isinstance(loaded, list)
    unwanted = ("atlas_extras.dashboard", "atlas_extras.testing", "atlas_extras.concurrency", "argparse")
    assert [name for name in loaded if name.startswith(unwanted)] == []
    assert [name for name in loaded if name.startswith("atlas_control_plane_client.api.")] == []


def test_every_exported_name_resolves_and_is_listed() -> None:
    for name in atlas_extras.__all__:
        assert getattr(atlas_extras, name) is not None
        assert name in dir(atlas_extras)
    assert isinstance(atlas_extras.__version__, str)
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchName'"):
        atlas_extras.NoSuchName  # noqa: B018


def test_star_import_gives_every_exported_name() -> None:
    names = run(
        """
        import json
        from atlas_extras import *
        print(json.dumps(sorted(name for name in dir() if not name.startswith("_"))))
        """
    )
    assert names == sorted(set(atlas_extras.__all__) | {"json"})


@pytest.mark.parametrize(
    ("client", "options"),
    [
        ("SyncControlPlaneClient", ""),
        ("SyncWorkflowClient", ""),
        ("ControlPlaneClient", ""),
        ("ControlPlaneClient", "transport=CancelSafeAsyncHTTPTransport()"),
    ],
)
def test_a_first_call_imports_nothing_the_client_did_not_load_when_made(client: str, options: str) -> None:
    server = RawServer()
    try:
        loaded = run(
            f"""
            import asyncio, inspect, json, sys
            import atlas_extras
            from atlas_extras.transports import CancelSafeAsyncHTTPTransport

            async def main():
                client = atlas_extras.{client}("{server.base_url}", {options})
                before = set(sys.modules)
                result = client.health()
                if inspect.isawaitable(result):
                    result = await result
                assert result.get("status") == "healthy"
                close = client.close()
                if inspect.isawaitable(close):
                    await close
                return sorted(set(sys.modules) - before)

            print(json.dumps(asyncio.run(main())))
            """
        )
    finally:
        server.stop()
    assert loaded == []

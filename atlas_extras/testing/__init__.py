"""A fake Atlas Control Plane for tests, examples and benchmarks (like stripe-mock or moto).

It serves every operation of the contract (openapi.yaml, read from the generated package) over an in-memory
store, validates requests against that contract (422 in FastAPI's shape), runs lifecycles on its own clock,
and misbehaves on request: latency, error statuses, hangs, dropped connections, malformed bodies.

In-process, for fast async tests::

    from atlas_extras.testing import FakeControlPlane

    fake = FakeControlPlane()
    async with fake.async_client() as client:          # httpx.AsyncClient over httpx.ASGITransport
        response = await client.get("/api/v1/agent-classes", params={"limit": 2})

On a real loopback port (uvicorn in a background thread), for any client::

    with fake.serve() as base_url:                       # e.g. "http://127.0.0.1:54321"
        fake.inject_status(503, operation="list_tools", times=2)     # fail twice, then succeed
        ...
    fake.stats.requests["list_tools"]                    # 3

From the command line::

    python -m atlas_extras.testing serve --port 8000 --latency 50ms --fault 503:0.05

pytest fixtures come with the package (see `atlas_extras.testing.pytest_plugin`): ``fake_control_plane``
(served once per session, reset before each test), ``fake_control_plane_inprocess`` and ``atlas_factories``.

Test factories (`atlas_extras.testing.factories`): a valid, deterministic model of every schema of the contract
with overridable fields, e.g. ``factories.agent_class_read(name="x")``.

Requires the ``testing`` extra: ``pip install 'atlas-control-plane-sdk[testing]'``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._lazy import lazy_exports as _lazy_exports

if TYPE_CHECKING:
    from ._app import DroppedConnection
    from ._dataset import seed_id
    from ._fake import FakeControlPlane
    from ._faults import MALFORMED_KINDS, Fault, MalformedKind, parse_duration, parse_fault
    from ._state import FAKE_OUTCOME_KEY
    from ._stats import RequestStats
    from .factories import Factories

# Imported on first use, so that loading the pytest plugin (or `python -m atlas_extras.testing --help`) costs
# nothing and does not need the `testing` extra's packages until the fake itself is used.
_EXPORTS = {
    "DroppedConnection": "._app",
    "FAKE_OUTCOME_KEY": "._state",
    "FakeControlPlane": "._fake",
    "Factories": ".factories",
    "Fault": "._faults",
    "MALFORMED_KINDS": "._faults",
    "MalformedKind": "._faults",
    "RequestStats": "._stats",
    "parse_duration": "._faults",
    "parse_fault": "._faults",
    "seed_id": "._dataset",
}

__all__ = [
    "FAKE_OUTCOME_KEY",
    "MALFORMED_KINDS",
    "DroppedConnection",
    "Factories",
    "FakeControlPlane",
    "Fault",
    "MalformedKind",
    "RequestStats",
    "parse_duration",
    "parse_fault",
    "seed_id",
]


__getattr__: Callable[[str], Any]
__dir__: Callable[[], list[str]]
__getattr__, __dir__ = _lazy_exports(__name__, _EXPORTS)

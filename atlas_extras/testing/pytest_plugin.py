"""pytest fixtures for the fake Atlas Control Plane.

Installing the package registers this module as a pytest plugin (entry point ``pytest11``,
name ``atlas_fake_control_plane``; disable it with ``-p no:atlas_fake_control_plane``).

``fake_control_plane``
    A `FakeControlPlane` served on a loopback port once per session and reset before each test (data, faults,
    statistics and clock), so tests cannot leak into each other. Use its ``.base_url`` with any client::

        def test_lists_classes(fake_control_plane):
            response = httpx.get(f"{fake_control_plane.base_url}/api/v1/agent-classes")
            assert response.headers["X-Total-Count"] == "4"

``fake_control_plane_inprocess``
    A fresh `FakeControlPlane` per test, not served: call it through ``fake.async_client()`` (an
    `httpx.AsyncClient` over `httpx.ASGITransport`) or mount ``fake.app`` yourself. Fastest for async tests.

``fake_control_plane_options``
    Session-scoped keyword arguments for `FakeControlPlane` used by both fixtures above (default: none, i.e. the
    demo dataset). Override it in a ``conftest.py`` to change them::

        @pytest.fixture(scope="session")
        def fake_control_plane_options():
            return {"api_key": "test-key", "lifecycle_step": 0.05}

``fake_control_plane_server``
    The session-wide served fake behind ``fake_control_plane``, without the per-test reset.

``atlas_factories``
    A fresh `atlas_extras.testing.factories.Factories` sequence (seed 0) for the test: a valid model of every
    schema of the contract, the same objects on every run::

        def test_renders_a_class(atlas_factories):
            reviewer = atlas_factories.agent_class_read(name="code-reviewer")
            assert reviewer.name == "code-reviewer"

The fixtures import `atlas_extras.testing` only when used, so this plugin costs nothing (and needs none of the
``testing`` extra's packages) in test runs that do not use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._fake import FakeControlPlane
    from .factories import Factories


@pytest.fixture(scope="session")
def fake_control_plane_options() -> dict[str, Any]:
    """Keyword arguments for `FakeControlPlane`; override in conftest.py."""
    return {}


@pytest.fixture(scope="session")
def fake_control_plane_server(fake_control_plane_options: dict[str, Any]) -> Iterator[FakeControlPlane]:
    """One fake served on 127.0.0.1 for the whole session."""
    from ._fake import FakeControlPlane

    fake = FakeControlPlane(**fake_control_plane_options)
    with fake.serve():
        yield fake


@pytest.fixture
def fake_control_plane(fake_control_plane_server: FakeControlPlane) -> Iterator[FakeControlPlane]:
    """The session's served fake, reset before the test; `.base_url` is where it listens."""
    fake_control_plane_server.reset()
    yield fake_control_plane_server
    fake_control_plane_server.release_hangs()


@pytest.fixture
def fake_control_plane_inprocess(fake_control_plane_options: dict[str, Any]) -> FakeControlPlane:
    """A fresh fake for this test, called in-process (`fake.async_client()`)."""
    from ._fake import FakeControlPlane

    return FakeControlPlane(**fake_control_plane_options)


@pytest.fixture
def atlas_factories() -> Factories:
    """Test factories with a fresh deterministic sequence for this test (`atlas_extras.testing.factories`)."""
    from .factories import Factories

    return Factories()

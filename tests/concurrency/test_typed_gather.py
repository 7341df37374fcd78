"""The typed forms of `gather_all` / `gather_settled` (async and `ThreadRunner`): positional operations come
back as a tuple whose elements keep each operation's type; the named form stays as it was.

This file is a typing test as well as a test: `mypy --strict tests/concurrency/test_typed_gather.py` checks
every `assert_type` (a no-op at run time), and pytest runs the same code against the fake. It imports
nothing but the SDK, so the typecheck environment needs no test dependencies.
"""

from __future__ import annotations

from typing import Any, assert_type

from atlas_control_plane_client.models import AgentClassRead, DeploymentRead
from atlas_extras import ControlPlaneClient, Page, SyncControlPlaneClient
from atlas_extras.concurrency import Outcome, Settled, ThreadRunner, gather_all, gather_settled
from atlas_extras.models import HealthStatus


async def test_positional_gather_all_keeps_each_operations_type(client: ControlPlaneClient) -> None:
    health, classes = await gather_all(client.health(), lambda: client.list_agent_classes(limit=100))
    assert_type(health, HealthStatus)
    assert_type(classes, Page[AgentClassRead])
    assert health.status == "healthy"
    assert classes.total == 4

    health, classes, deployments = await gather_all(
        client.health, client.list_agent_classes(limit=1), client.list_deployments(limit=5)
    )
    assert_type(deployments, Page[DeploymentRead])
    assert (health.status, len(classes), len(deployments) <= 5) == ("healthy", 1, True)


async def test_positional_gather_settled_gives_typed_outcomes(client: ControlPlaneClient) -> None:
    health, classes = await gather_settled(client.health(), client.list_agent_classes(limit=2))
    assert_type(health, Outcome[HealthStatus])
    assert_type(classes, Outcome[Page[AgentClassRead]])
    assert_type(classes.value_or(None), Page[AgentClassRead] | None)
    assert health.value.status == "healthy"
    assert classes.value.total == 4


async def test_the_named_form_is_unchanged(client: ControlPlaneClient) -> None:
    values = await gather_all(health=client.health(), classes=client.list_agent_classes)
    assert_type(values, dict[str, Any])
    settled = await gather_settled({"health": client.health})
    assert_type(settled, Settled)
    assert list(values) == ["health", "classes"]
    assert settled["health"].ok


async def test_more_than_six_operations_still_work_typed_as_any(client: ControlPlaneClient) -> None:
    values = await gather_all(*[client.health() for _ in range(8)])
    assert_type(values, tuple[Any, ...])
    assert [value.status for value in values] == ["healthy"] * 8


def test_runner_positional_gathers_keep_each_type(sync_client: SyncControlPlaneClient, runner: ThreadRunner) -> None:
    health, classes = runner.gather_all(sync_client.health, lambda: sync_client.list_agent_classes(limit=100))
    assert_type(health, HealthStatus)
    assert_type(classes, Page[AgentClassRead])
    assert (health.status, classes.total) == ("healthy", 4)

    health_outcome, classes_outcome = runner.gather_settled(sync_client.health, sync_client.list_agent_classes)
    assert_type(health_outcome, Outcome[HealthStatus])
    assert_type(classes_outcome, Outcome[Page[AgentClassRead]])
    assert health_outcome.ok
    assert classes_outcome.ok

    assert_type(runner.gather_all(health=sync_client.health), dict[str, Any])
    assert_type(runner.gather_settled(health=sync_client.health), Settled)

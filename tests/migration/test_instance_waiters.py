"""Agent instance waiters (atlas_sdk's `AgentInstance.wait_until_active` / `.wait_for_completion` and their manager
variants), async and blocking, end to end against the fake Control Plane, whose instances move on its clock.

A new deployment starts one instance: `spawning` for one lifecycle step, then `active`; an instance of an
ephemeral definition `completed` one step later, one of a stateful definition stays `active`, and one of a
deployment marked to fail ends `failed`.
"""

from __future__ import annotations

import inspect
import time
from typing import Any
from uuid import UUID

import pytest

from atlas_control_plane_client.models import AgentInstanceRead, AgentInstanceStatus, DeploymentCreate
from atlas_extras import (
    AtlasTimeoutError,
    AtlasWaitFailedError,
    AtlasWaitTimeoutError,
    SyncWorkflowClient,
    WorkflowClient,
)
from atlas_extras.testing import FAKE_OUTCOME_KEY, seed_id

from .conftest import GENEROUS, Clients

EPHEMERAL = UUID(seed_id("definition", 0))  # the demo definitions cycle ephemeral, ephemeral, stateful
STATEFUL = UUID(seed_id("definition", 2))
SPAWNING_FOREVER = UUID(seed_id("instance", "tests-dev-1"))  # a seeded instance: no lifecycle of its own
ORDER = [AgentInstanceStatus.SPAWNING, AgentInstanceStatus.ACTIVE, AgentInstanceStatus.COMPLETED]


async def new_instance(clients: Clients, definition: UUID, **config: Any) -> AgentInstanceRead:
    """The instance that a new deployment of `definition` starts."""
    body = DeploymentCreate.from_dict({"agent_definition_id": str(definition), "name": "canary", "config": config})
    deployment = await clients.admin("create_deployment", body)
    (instance,) = await clients.workflow("list_agent_instances", deployment_id=deployment.id)
    assert isinstance(instance, AgentInstanceRead)
    return instance


async def test_wait_until_instance_active_returns_the_active_instance(clients: Clients) -> None:
    instance = await new_instance(clients, STATEFUL)
    seen: list[Any] = []
    active = await clients.workflow(
        "wait_until_instance_active",
        instance.id,
        poll_interval=0.02,
        timeout=GENEROUS,
        on_progress=lambda state: seen.append(state.status),
    )
    assert (active.id, active.status) == (instance.id, AgentInstanceStatus.ACTIVE)
    assert active.started_at
    assert seen[-1] == AgentInstanceStatus.ACTIVE
    assert set(seen[:-1]) <= {AgentInstanceStatus.SPAWNING}


async def test_wait_for_instance_completion_returns_the_finished_instance(clients: Clients) -> None:
    instance = await new_instance(clients, EPHEMERAL)
    seen: list[Any] = []
    done = await clients.workflow(
        "wait_for_instance_completion",
        instance.id,
        poll_interval=0.02,
        timeout=GENEROUS,
        on_progress=lambda state: seen.append(state.status),
    )
    assert (done.status, done.exit_code) == (AgentInstanceStatus.COMPLETED, 0)
    assert done.output
    assert seen == sorted(seen, key=ORDER.index)  # never backwards
    assert seen[-1] == AgentInstanceStatus.COMPLETED


async def test_an_instance_that_fails_ends_both_waits(clients: Clients) -> None:
    instance = await new_instance(clients, EPHEMERAL, **{FAKE_OUTCOME_KEY: "failed"})
    with pytest.raises(AtlasWaitFailedError, match="ended in status failed") as caught:
        await clients.workflow("wait_until_instance_active", instance.id, poll_interval=0.02, timeout=GENEROUS)
    assert caught.value.operation == "wait_until_instance_active"
    assert caught.value.last_state.status == AgentInstanceStatus.FAILED
    done = await clients.workflow("wait_for_instance_completion", instance.id, poll_interval=0.02)
    assert (done.status, done.exit_code) == (AgentInstanceStatus.FAILED, 1)
    assert done.error


async def test_an_instance_that_finished_before_it_was_seen_active_cannot_become_active(
    slow_clients: Clients,
) -> None:
    instance = await new_instance(slow_clients, EPHEMERAL)
    seen: list[Any] = []

    def two_steps_pass(state: AgentInstanceRead) -> None:
        seen.append(state.status)
        slow_clients.fake.advance(120.0)  # between two polls it became active, ran, and completed

    with pytest.raises(AtlasWaitFailedError, match="ended in status completed") as caught:
        await slow_clients.workflow(
            "wait_until_instance_active", instance.id, poll_interval=0.02, timeout=GENEROUS, on_progress=two_steps_pass
        )
    assert seen == [AgentInstanceStatus.SPAWNING, AgentInstanceStatus.COMPLETED]
    assert caught.value.last_state.status == AgentInstanceStatus.COMPLETED


async def test_wait_until_instance_active_times_out_with_the_last_state(clients: Clients) -> None:
    started = time.monotonic()
    with pytest.raises(AtlasWaitTimeoutError) as caught:
        await clients.workflow("wait_until_instance_active", SPAWNING_FOREVER, poll_interval=0.05, timeout=0.3)
    assert time.monotonic() - started < GENEROUS
    error = caught.value
    assert isinstance(error, AtlasTimeoutError)  # what atlas_sdk code catches
    assert (error.operation, error.timeout_seconds) == ("wait_until_instance_active", 0.3)
    assert error.last_state.status == AgentInstanceStatus.SPAWNING
    assert "Current status: spawning" in str(error)


async def test_wait_for_instance_completion_times_out_on_an_instance_that_stays_active(clients: Clients) -> None:
    instance = await new_instance(clients, STATEFUL)
    with pytest.raises(AtlasWaitTimeoutError) as caught:
        await clients.workflow("wait_for_instance_completion", instance.id, poll_interval=0.05, timeout=0.6)
    assert caught.value.operation == "wait_for_instance_completion"
    assert caught.value.last_state.status == AgentInstanceStatus.ACTIVE


async def test_a_hung_poll_is_cut_at_the_waits_timeout(clients: Clients) -> None:
    clients.fake.inject_hang(operation="get_agent_instance")
    started = time.monotonic()
    with pytest.raises(AtlasWaitTimeoutError) as caught:
        await clients.workflow("wait_until_instance_active", SPAWNING_FOREVER, poll_interval=0.05, timeout=0.5)
    # The poll got what was left of the 0.5 s as its deadline, not the client's 30 s read timeout.
    assert time.monotonic() - started < 10.0
    assert caught.value.last_state is None


def test_the_instance_waiters_keep_atlas_sdks_defaults() -> None:
    for client in (WorkflowClient, SyncWorkflowClient):
        active = inspect.signature(client.wait_until_instance_active).parameters
        done = inspect.signature(client.wait_for_instance_completion).parameters
        assert (active["poll_interval"].default, active["timeout"].default) == (1.0, 300.0)
        assert (done["poll_interval"].default, done["timeout"].default) == (1.0, None)
